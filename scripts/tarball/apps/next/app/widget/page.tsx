// /widget: the seed's conditional-render pattern with <WhatsAppLogin onSuccess> (a Client Component).
import { Login } from './Login';

export default function Widget() {
  return (
    <main>
      <Login />
    </main>
  );
}

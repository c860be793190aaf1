// Home: the login button (client) and, after sign-in, who is logged in and a Logout button.
import { WhatsAppSignIn } from './WhatsAppSignIn';

export default function Home() {
  return (
    <main>
      <h1>notp Next.js example</h1>
      <WhatsAppSignIn />
    </main>
  );
}

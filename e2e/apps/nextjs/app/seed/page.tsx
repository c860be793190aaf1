// /seed: the login component from @notp/nextjs-sdk/client in the seed's conditional-render pattern.
import { SeedLogin } from './SeedLogin';

export default function SeedPage() {
  return (
    <main>
      <h1>notp Next.js: the seed pattern</h1>
      <SeedLogin />
    </main>
  );
}

// A page protected by middleware.ts; the Server Component reads the session with `session()` from the DS cookie.
import { session } from '@notp/nextjs-sdk/server';

export default async function PrivatePage() {
  const info = await session();
  return (
    <main>
      <p id="server-whoami">Server sees {info?.token.sub ?? 'no session'}</p>
      <a href="/">Home</a>
    </main>
  );
}

// A page behind the proxy; the Server Component reads the session from the DS cookie.
import { session } from '@notp/nextjs-sdk/server';

export default async function Private() {
  const info = await session();
  return <p id="server-user">{info?.token.sub ?? 'no session'}</p>;
}

// Home of the Next tarball app: the hooks-based sign-in (a Client Component).
import { SignIn } from './SignIn';

export default function Home() {
  return (
    <main>
      <SignIn />
    </main>
  );
}

// App: the console's shell — the sign-in screen until there is a console session, then the navigation and the page.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, currentSession, onSignedOut, setCsrfToken } from './api.js';
import { ErrorNotice } from './components/ErrorNotice.js';
import { Link } from './components/Link.js';
import { pages } from './pages/index.js';
import { SignIn } from './pages/SignIn.js';
import { matchPath, navigate, usePath } from './router.js';
import { adminLabel, type ConsoleSession, SessionContext } from './session.js';

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out'; reason?: string }
  | { kind: 'signed-in'; session: ConsoleSession };

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [error, setError] = useState<unknown>(null);

  const signedIn = useCallback((session: ConsoleSession) => {
    setCsrfToken(session.csrfToken);
    setState({ kind: 'signed-in', session });
  }, []);
  const signedOut = useCallback((reason?: string) => {
    setCsrfToken(null);
    setState({ kind: 'signed-out', reason });
  }, []);

  const refresh = useCallback(async () => {
    const session = await currentSession();
    if (session) signedIn(session);
    else signedOut();
  }, [signedIn, signedOut]);

  useEffect(() => {
    refresh().catch(setError);
    return onSignedOut(() => signedOut('Your console session ended. Sign in again.'));
  }, [refresh, signedOut]);

  if (error) return <ErrorNotice error={error} />;
  if (state.kind === 'loading') return <main class="container" aria-busy="true" />;
  if (state.kind === 'signed-out') return <SignIn reason={state.reason} onSignedIn={signedIn} />;

  const signOut = async () => {
    try {
      await api('POST', '/console/api/session/logout', {});
    } finally {
      signedOut();
      navigate('/', { replace: true });
    }
  };
  return (
    <SessionContext.Provider value={{ session: state.session, signOut, refresh }}>
      <Shell session={state.session} onSignOut={signOut} />
    </SessionContext.Provider>
  );
}

function Shell(props: { session: ConsoleSession; onSignOut(): Promise<void> }) {
  const path = usePath();
  const navPages = pages.filter((page) => page.nav);
  let current: { page: (typeof pages)[number]; params: Record<string, string> } | null = null;
  for (const page of pages) {
    const params = matchPath(page.path, path);
    if (params) {
      current = { page, params };
      break;
    }
  }
  const home = navPages[0];
  useEffect(() => {
    if (path === '/' && home) navigate(home.path, { replace: true });
  }, [path, home]);
  const Page = current?.page.component;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="container">
        <nav aria-label="Console">
          <ul>
            <li>
              <strong>{props.session.projectName}</strong>
            </li>
          </ul>
          <ul>
            {navPages.map((page) => (
              <li key={page.path}>
                <Link to={page.path} current={path === page.path || path.startsWith(`${page.path}/`)}>
                  {page.nav}
                </Link>
              </li>
            ))}
          </ul>
          <ul>
            <li>
              <small>{adminLabel(props.session)}</small>
            </li>
            <li>
              <button type="button" class="secondary outline" onClick={props.onSignOut}>
                Log out
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" class="container">
        {Page && current ? (
          <Page params={current.params} />
        ) : path === '/' ? null : (
          <p role="alert">There is no console page at this address.</p>
        )}
      </main>
    </>
  );
}

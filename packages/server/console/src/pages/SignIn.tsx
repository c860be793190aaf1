// SignIn: the console's sign-in screen — the project being administered, "Continue with WhatsApp" (an nOTP sign-in
// whose session JWT is exchanged for a console session, then dropped) and a management-key sign-in form.
import NotpSdk from '@notp/web-js-sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useLoad } from '../components/useLoad.js';
import { queryParam } from '../router.js';
import type { ConsoleSession } from '../session.js';

interface ConsoleProject {
  projectId: string;
  name: string;
}

export function SignIn(props: { reason?: string; onSignedIn(session: ConsoleSession): void }) {
  const project = useLoad(
    () =>
      api<ConsoleProject>('GET', '/console/api/project', undefined, { project: queryParam('project') ?? undefined }),
    [],
  );
  return (
    <main class="container narrow">
      <h1>Sign in to the notp console</h1>
      {props.reason ? <p role="status">{props.reason}</p> : null}
      <ErrorNotice error={project.error} />
      {project.data ? (
        <>
          <p>
            Project: <strong>{project.data.name}</strong> <small>({project.data.projectId})</small>
          </p>
          <WhatsAppSignIn projectId={project.data.projectId} onSignedIn={props.onSignedIn} />
          <ManagementKeyForm projectId={project.data.projectId} onSignedIn={props.onSignedIn} />
        </>
      ) : null}
    </main>
  );
}

/** What the admin sees of the nOTP sign-in. */
type WhatsAppState =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'waiting'; image: string; redirectUrl: string; simulator: boolean }
  | { kind: 'signing-in' }
  | { kind: 'refused' }
  | { kind: 'failed'; error: Error };

const NOT_ADMIN = 'This account is not an administrator of this project.';

/** The QR code as an image source: the start answer's base64 PNG, or an SVG document (qrFormat svg). */
function qrSource(image: string): string {
  return image.trimStart().startsWith('<')
    ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(image)}`
    : `data:image/png;base64,${image}`;
}

/**
 * "Continue with WhatsApp": an nOTP sign-in for the project with @notp/web-js-sdk (nothing persisted, no refresh
 * timers), shown as a QR code and a link; the session JWT it ends with is posted to /console/api/session and then
 * dropped, and the short end-user session it came with is logged out.
 */
function WhatsAppSignIn(props: { projectId: string; onSignedIn(session: ConsoleSession): void }) {
  const [state, setState] = useState<WhatsAppState>({ kind: 'idle' });
  const run = useRef(0);
  useEffect(
    () => () => {
      run.current++;
    },
    [],
  );
  const start = async () => {
    const mine = ++run.current;
    const live = () => run.current === mine;
    setState({ kind: 'starting' });
    const sdk = NotpSdk({
      projectId: props.projectId,
      baseUrl: location.origin,
      persistTokens: false,
      autoRefresh: false,
      storeLastAuthenticatedUser: false,
    });
    const started = await sdk.notp.signIn('');
    if (!live()) return;
    if (!started.ok || !started.data) {
      setState({ kind: 'failed', error: new Error(started.error?.errorMessage || 'The sign-in could not start.') });
      return;
    }
    const { pendingRef, redirectUrl, image } = started.data;
    const simulator = redirectUrl.startsWith(`${location.origin}/`);
    setState({ kind: 'waiting', image, redirectUrl, simulator });
    const done = await sdk.notp.waitForSession(pendingRef);
    if (!live()) return;
    if (!done.ok || !done.data) {
      setState({ kind: 'failed', error: new Error(done.error?.errorMessage || 'The sign-in did not complete.') });
      return;
    }
    setState({ kind: 'signing-in' });
    const { sessionJwt, refreshJwt } = done.data;
    try {
      const session = await api<ConsoleSession>('POST', '/console/api/session', {
        projectId: props.projectId,
        sessionJwt,
      });
      if (live()) props.onSignedIn(session);
    } catch (caught) {
      if (!live()) return;
      const refused = caught instanceof ApiError && caught.code === 'E910001';
      setState(refused ? { kind: 'refused' } : { kind: 'failed', error: caught as Error });
    } finally {
      // The console lives on its own session: the end-user session behind the JWT is not needed any more.
      void sdk.logout(refreshJwt || undefined);
    }
  };
  const busy = state.kind === 'starting' || state.kind === 'signing-in';
  return (
    <section aria-labelledby="whatsapp-sign-in">
      <h2 id="whatsapp-sign-in">Sign in with WhatsApp</h2>
      {state.kind === 'waiting' ? (
        <div class="whatsapp-wait">
          <p role="status">
            Scan the QR code with your phone, or open the link, and send the prefilled message. This page continues by
            itself.
          </p>
          <img
            src={qrSource(state.image)}
            alt="QR code that opens WhatsApp with the sign-in message"
            width={200}
            height={200}
          />
          <p>
            <a href={state.redirectUrl} target="_blank" rel="noopener noreferrer">
              {state.simulator ? 'Open the WhatsApp simulator' : 'Open WhatsApp'}
            </a>
          </p>
        </div>
      ) : (
        <button type="button" onClick={start} aria-busy={busy} disabled={busy}>
          Continue with WhatsApp
        </button>
      )}
      {state.kind === 'refused' ? (
        <p role="alert" class="notice error">
          {NOT_ADMIN}
        </p>
      ) : null}
      {state.kind === 'failed' ? <ErrorNotice error={state.error} /> : null}
    </section>
  );
}

function ManagementKeyForm(props: { projectId: string; onSignedIn(session: ConsoleSession): void }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api<ConsoleSession>('POST', '/console/api/session/key', {
        projectId: props.projectId,
        managementKey: key,
      });
      props.onSignedIn(session);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401 ? new Error('That management key is not valid.') : caught,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <details>
      <summary>Sign in with a management key</summary>
      <form onSubmit={submit}>
        <label>
          Management key
          <input
            type="password"
            name="managementKey"
            autocomplete="off"
            required
            value={key}
            onInput={(event) => setKey(event.currentTarget.value)}
          />
        </label>
        <ErrorNotice error={error} />
        <button type="submit" aria-busy={busy} disabled={busy}>
          Sign in
        </button>
      </form>
    </details>
  );
}

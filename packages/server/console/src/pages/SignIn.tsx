// SignIn: the console's sign-in screen — the project being administered, and a management-key sign-in form.
import { useState } from 'preact/hooks';
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
          <ManagementKeyForm projectId={project.data.projectId} onSignedIn={props.onSignedIn} />
        </>
      ) : null}
    </main>
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

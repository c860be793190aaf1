// ErrorNotice: an error the server answered, said in words with its stable code (role=alert: read out at once).
import { ApiError } from '../api.js';

export function ErrorNotice(props: { error: unknown }) {
  const { error } = props;
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError && !error.code.startsWith('http-') ? error.code : null;
  return (
    <p role="alert" class="notice error">
      {message}
      {code ? <small> ({code})</small> : null}
    </p>
  );
}

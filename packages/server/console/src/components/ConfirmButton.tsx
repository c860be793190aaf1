// ConfirmButton: a button whose action runs only after the admin confirms it in a modal dialog (delete, revoke…).
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ErrorNotice } from './ErrorNotice.js';

export function ConfirmButton(props: {
  /** The button's text (its accessible name). */
  label: string;
  /** The dialog's question. */
  question: ComponentChildren;
  /** The confirming button's text, e.g. "Delete user". */
  confirmLabel: string;
  onConfirm(): Promise<void>;
  danger?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      dialog.current?.close();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class={props.danger ? 'secondary' : undefined} onClick={() => dialog.current?.showModal()}>
        {props.label}
      </button>
      <dialog ref={dialog} aria-label={props.label}>
        <article>
          <p>{props.question}</p>
          <ErrorNotice error={error} />
          <footer>
            <button type="button" class="secondary" onClick={() => dialog.current?.close()} disabled={busy}>
              Cancel
            </button>{' '}
            <button type="button" onClick={confirm} aria-busy={busy} disabled={busy}>
              {props.confirmLabel}
            </button>
          </footer>
        </article>
      </dialog>
    </>
  );
}

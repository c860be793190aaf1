// ConfirmButton: a button whose action runs only after the admin confirms it in a modal dialog (delete, revoke…).
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { ErrorNotice } from './ErrorNotice.js';
import { useAction } from './useAction.js';

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
  const { busy, error, run } = useAction();
  const confirm = () =>
    run(async () => {
      await props.onConfirm();
      dialog.current?.close();
    });
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

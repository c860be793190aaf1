// FormDialog: a button opening a modal form (edit a role, a permission, a tenant); the form closes once saved.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAction } from '../../components/useAction.js';

export function FormDialog(props: {
  /** The opening button's text; `buttonName` gives a longer accessible name (the row's item) when set. */
  label: string;
  buttonName?: string;
  title: string;
  submitLabel: string;
  /** Called as the dialog opens, to reset the form to the item's current values. */
  onOpen(): void;
  onSubmit(): Promise<void>;
  children: ComponentChildren;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { busy, error, setError, run } = useAction();
  const open = () => {
    props.onOpen();
    setError(null);
    dialog.current?.showModal();
  };
  const submit = (event: Event) => {
    event.preventDefault();
    return run(async () => {
      await props.onSubmit();
      dialog.current?.close();
    });
  };
  return (
    <>
      <button type="button" class="secondary outline" aria-label={props.buttonName} onClick={open}>
        {props.label}
      </button>
      <dialog ref={dialog} aria-label={props.title}>
        <article>
          <h2>{props.title}</h2>
          <form onSubmit={submit}>
            {props.children}
            <ErrorNotice error={error} />
            <footer>
              <button type="button" class="secondary" onClick={() => dialog.current?.close()} disabled={busy}>
                Cancel
              </button>{' '}
              <button type="submit" aria-busy={busy} disabled={busy}>
                {props.submitLabel}
              </button>
            </footer>
          </form>
        </article>
      </dialog>
    </>
  );
}

/** Runs a create form's action with busy/error state; answers the props for its submit button and notice. */
export function useSubmit(action: () => Promise<void>) {
  const { busy, error, run } = useAction();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    return run(action);
  };
  return { busy, error, onSubmit };
}

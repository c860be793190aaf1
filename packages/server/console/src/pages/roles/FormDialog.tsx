// FormDialog: a button opening a modal form (edit a role, a permission, a tenant); the form closes once saved.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice.js';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = () => {
    props.onOpen();
    setError(null);
    dialog.current?.showModal();
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit();
      dialog.current?.close();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, onSubmit };
}

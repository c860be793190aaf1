// useAction: runs an admin action with busy/error state (ConfirmButton.tsx, pages/roles/FormDialog.tsx and its useSubmit).
import { useState } from 'preact/hooks';

/** `run(action)` sets busy while the action runs and keeps its error for an ErrorNotice instead of throwing it. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<void>): Promise<void> => {
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
  return { busy, error, setError, run };
}

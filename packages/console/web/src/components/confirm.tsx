/**
 * An action behind a confirmation: a button opens a modal <dialog> (focus moves into it, Esc
 * cancels) with optional fields; Confirm runs the action and shows its error, if any.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';

interface ConfirmProps {
  label: string;
  title: string;
  children?: ComponentChildren;
  danger?: boolean;
  /** Runs the action; a rejection is shown in the dialog. */
  onConfirm(): Promise<unknown>;
  testId?: string;
}

export function ConfirmButton({ label, title, children, danger, onConfirm, testId }: ConfirmProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const open = () => {
    setError(undefined);
    dialog.current?.showModal();
  };
  const confirm = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (reason) {
      setError(reason instanceof ApiError ? `${reason.code}: ${reason.message}` : String(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class={danger ? 'danger' : ''} onClick={open} data-action={testId ?? label.toLowerCase()}>
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby={`${testId ?? label}-title`}>
        <form method="dialog" onSubmit={confirm}>
          <h2 id={`${testId ?? label}-title`}>{title}</h2>
          {children}
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="dialog-buttons">
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" class={danger ? 'danger' : 'primary'} disabled={busy} data-confirm="yes">
              Confirm
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

import { useState, type ReactNode } from 'react';
import { describeError } from '../api/client';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Typing this exact text enables the confirm button (for deletions that cannot be undone). */
  typeToConfirm?: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** Asks before an action; the action's error is shown in the dialog, which then stays open. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  typeToConfirm,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [typed, setTyped] = useState('');
  const blocked = typeToConfirm !== undefined && typed !== typeToConfirm;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? 'button button-danger' : 'button button-primary'}
            disabled={busy || blocked}
            onClick={() => void confirm()}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      <div className="stack">
        {children}
        {typeToConfirm !== undefined && (
          <label className="field">
            <span className="field-label">
              Type <code>{typeToConfirm}</code> to confirm
            </span>
            <input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
        )}
        {error !== null && (
          <p className="form-error" role="alert">
            {describeError(error)}
          </p>
        )}
      </div>
    </Dialog>
  );
}

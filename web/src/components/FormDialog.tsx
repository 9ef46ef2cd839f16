import { useId, type FormEvent, type ReactNode } from 'react';
import { Dialog } from './Dialog';

interface FormDialogProps {
  title: string;
  submitLabel: string;
  /** Shown on the submit button while the request runs. */
  busyLabel: string;
  busy: boolean;
  /** False while the form cannot be sent yet (a required field is empty). */
  ready: boolean;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  wide?: boolean;
  children: ReactNode;
}

/** A dialog holding one form, with Cancel and the submit button in its footer. */
export function FormDialog({
  title,
  submitLabel,
  busyLabel,
  busy,
  ready,
  onSubmit,
  onClose,
  wide,
  children,
}: FormDialogProps) {
  const formId = useId();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      wide={wide}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={busy || !ready}>
            {busy ? busyLabel : submitLabel}
          </button>
        </>
      }
    >
      <form id={formId} className="stack" onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </Dialog>
  );
}

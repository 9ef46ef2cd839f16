import { useState, type ReactNode } from 'react';
import { copyText } from '../clipboard';
import { Dialog } from './Dialog';

/** Something that uses the key (a command, a client config), shown under it with its own Copy button. */
export interface SecretSnippet {
  label: string;
  copyLabel: string;
  text: string;
  hint?: ReactNode;
}

interface SecretOnceDialogProps {
  title: string;
  /** The raw key. It lives only in the state of whoever opened this dialog, and is dropped on close. */
  secret: string;
  message: string;
  snippets: SecretSnippet[];
  onClose: () => void;
}

/**
 * Shows a raw API key exactly once, with Copy buttons. Closing before copying asks first: the key
 * cannot be shown again.
 */
export function SecretOnceDialog({ title, secret, message, snippets, onClose }: SecretOnceDialogProps) {
  /** What was copied last: the key, or a snippet by its index (each holds the key too). */
  const [copied, setCopied] = useState<'key' | number | null>(null);
  const [copyFailed, setCopyFailed] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const copy = async (what: 'key' | number) => {
    const ok = await copyText(what === 'key' ? secret : snippets[what].text);
    setCopyFailed(!ok);
    if (ok) setCopied(what);
  };
  const close = () => {
    if (copied === null && !confirming) setConfirming(true);
    else onClose();
  };

  return (
    <Dialog
      title={title}
      onClose={close}
      wide
      footer={
        confirming ? (
          <>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Go back
            </button>
            <button type="button" className="button button-danger" onClick={onClose}>
              Close without copying
            </button>
          </>
        ) : (
          <button type="button" className="button button-primary" onClick={close}>
            Done
          </button>
        )
      }
    >
      {confirming ? (
        <div className="callout callout-warning" role="alert">
          <strong>You have not copied this key.</strong>
          <p>Once this dialog closes the key cannot be shown again; you would have to rotate it.</p>
        </div>
      ) : (
        <div className="stack">
          <div className="callout callout-info">
            <p>{message}</p>
          </div>
          <div className="secret-row">
            <code className="secret" aria-label="API key">
              {secret}
            </code>
            <button type="button" className="button button-primary" onClick={() => void copy('key')}>
              {copied === 'key' ? 'Copied' : 'Copy'}
            </button>
          </div>
          {snippets.map((snippet, index) => (
            <div key={snippet.label}>
              <div className="row-between">
                <span className="field-label">{snippet.label}</span>
                <button type="button" className="button button-small" onClick={() => void copy(index)}>
                  {copied === index ? 'Copied' : snippet.copyLabel}
                </button>
              </div>
              <pre className="code-block" aria-label={snippet.label}>
                {snippet.text}
              </pre>
              {snippet.hint}
            </div>
          ))}
          {copyFailed && (
            <p className="form-error" role="alert">
              The browser refused to copy. Select the key and copy it by hand.
            </p>
          )}
        </div>
      )}
    </Dialog>
  );
}

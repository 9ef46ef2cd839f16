import { useEffect, useState } from 'react';
import { copyText } from '../clipboard';

interface CopyButtonProps {
  text: string;
  /** The accessible name, when "Copy" alone would not say what is copied (several on one page). */
  label?: string;
  children?: string;
  className?: string;
}

/** A Copy button that says "Copied" for two seconds, or that the browser refused. */
export function CopyButton({ text, label, children = 'Copy', className = 'button' }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'refused'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const shown = state === 'copied' ? 'Copied' : state === 'refused' ? 'Select and copy by hand' : children;
  return (
    <button
      type="button"
      className={className}
      aria-label={label && state === 'idle' ? label : undefined}
      onClick={() => void copyText(text).then((ok) => setState(ok ? 'copied' : 'refused'))}
    >
      {shown}
    </button>
  );
}

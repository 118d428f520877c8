import { useState } from 'react';

/** Copies text to the clipboard and says so; falls back to selecting it where that is refused. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState<'copied' | 'failed'>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('copied');
    } catch {
      setDone('failed');
    }
    setTimeout(() => setDone(undefined), 2500);
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span className="muted small" role="status">
        {done === 'copied' ? 'Copied.' : done === 'failed' ? 'The browser refused; select the link and copy it.' : ''}
      </span>
    </>
  );
}

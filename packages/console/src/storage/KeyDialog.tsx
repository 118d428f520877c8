import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { Modal } from '../ui/Modal';

/** Asks for a new key and runs a rename (move) or a copy to it. */
export function KeyDialog({
  mode,
  objectKey,
  onRun,
  onClose,
}: {
  mode: 'move' | 'copy';
  objectKey: string;
  onRun(to: string): Promise<void>;
  onClose(): void;
}) {
  const [target, setTarget] = useState(mode === 'copy' ? copyName(objectKey) : objectKey);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const verb = mode === 'move' ? 'Rename' : 'Copy';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const to = target.trim();
    if (to === '' || to === objectKey || to.endsWith('/')) {
      setFailure('Type a new key for the file (not ending in /).');
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await onRun(to);
      onClose();
    } catch (error) {
      setFailure(ApiError.messageOf(error));
      setBusy(false);
    }
  };

  return (
    <Modal title={`${verb} ${objectKey}`} onClose={onClose}>
      <form className="modal-body stack" onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span className="field-name">{mode === 'move' ? 'New key' : 'Copy to key'}</span>
          <input
            value={target}
            spellCheck={false}
            autoFocus
            aria-describedby="key-dialog-hint"
            onChange={(event) => setTarget(event.target.value)}
          />
          <span className="hint" id="key-dialog-hint">
            The full key: slashes put it in another folder.{' '}
            {mode === 'move' && 'S3 has no rename: the file is copied, then the original deleted.'}
          </span>
        </label>
        {failure && (
          <p className="callout error" role="alert">
            {failure}
          </p>
        )}
        <footer className="modal-foot">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Working…' : verb}
          </button>
        </footer>
      </form>
    </Modal>
  );
}

/** `a/b.txt` → `a/b copy.txt`: a free name next to the original. */
function copyName(key: string): string {
  const slash = key.lastIndexOf('/');
  const dot = key.lastIndexOf('.');
  return dot > slash + 1 ? `${key.slice(0, dot)} copy${key.slice(dot)}` : `${key} copy`;
}

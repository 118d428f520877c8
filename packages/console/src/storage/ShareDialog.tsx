import { useState } from 'react';
import { ApiError } from '../api/ApiError';
import type { StorageApi } from '../api/storageApi';
import { baseName } from '../ui/format';
import { Modal } from '../ui/Modal';
import { CopyButton } from './CopyButton';

// S3 signs for at most 7 days.
const expiries = [
  { seconds: 300, label: '5 minutes' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '1 day' },
  { seconds: 604_800, label: '7 days' },
];

/** A presigned link to one object (getSignUrl) that anyone holding it can open until it expires. */
export function ShareDialog({
  api,
  objectKey,
  contentType,
  onClose,
}: {
  api: StorageApi;
  objectKey: string;
  contentType: string;
  onClose(): void;
}) {
  const [seconds, setSeconds] = useState(3600);
  const [link, setLink] = useState<{ url: string; expires: Date }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const create = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const url = await api.getSignUrl(objectKey, contentType, seconds);
      setLink({ url, expires: new Date(Date.now() + seconds * 1000) });
    } catch (error) {
      setFailure(ApiError.messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`Share ${baseName(objectKey)}`} onClose={onClose}>
      <div className="modal-body stack">
        <p>Anyone with the link can download this file until it expires; it cannot be taken back sooner.</p>
        <div className="input-row">
          <label className="field inline">
            <span>Expires after</span>
            <select
              value={seconds}
              onChange={(event) => {
                setSeconds(Number(event.target.value));
                setLink(undefined);
              }}
            >
              {expiries.map((option) => (
                <option key={option.seconds} value={option.seconds}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" disabled={busy} onClick={() => void create()}>
            {busy ? 'Creating…' : link ? 'Create a new link' : 'Create link'}
          </button>
        </div>
        {failure && (
          <p className="callout error" role="alert">
            No link: {failure}
          </p>
        )}
        {link && (
          <div className="field">
            <label htmlFor="share-url">
              <span className="field-name">Link</span>{' '}
              <span className="muted small">valid until {link.expires.toLocaleString()}</span>
            </label>
            <span className="input-row">
              <input id="share-url" readOnly value={link.url} onFocus={(event) => event.target.select()} />
              <CopyButton text={link.url} label="Copy link" />
            </span>
          </div>
        )}
      </div>
    </Modal>
  );
}

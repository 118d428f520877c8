import { formatBytes } from '../ui/format';
import type { Upload } from './uploadQueue';

const stateLabel: Record<Upload['state'], string> = {
  queued: 'Waiting',
  uploading: 'Uploading',
  waiting: 'Gateway busy, retrying',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Every upload of this page, each with its progress bar and a cancel button. */
export function UploadPanel({
  uploads,
  onCancel,
  onClear,
}: {
  uploads: Upload[];
  onCancel(id: number): void;
  onClear(): void;
}) {
  if (uploads.length === 0) return null;
  const active = uploads.filter((u) => u.state === 'queued' || u.state === 'uploading' || u.state === 'waiting');
  return (
    <section className="uploads" aria-labelledby="uploads-title">
      <header className="uploads-head">
        <h2 id="uploads-title">
          Uploads{' '}
          <span className="muted small">{active.length > 0 ? `${active.length} in progress` : 'all finished'}</span>
        </h2>
        {active.length < uploads.length && (
          <button type="button" className="link" onClick={onClear}>
            Clear finished
          </button>
        )}
      </header>
      <ul className="upload-list">
        {uploads.map((upload) => {
          const percent =
            upload.size === 0 ? (upload.state === 'done' ? 100 : 0) : Math.floor((upload.loaded / upload.size) * 100);
          const running = upload.state === 'queued' || upload.state === 'uploading' || upload.state === 'waiting';
          return (
            <li key={upload.id} className={`upload upload-${upload.state}`}>
              <span className="upload-name" title={upload.key}>
                {upload.key}
              </span>
              <progress max={100} value={percent} aria-label={`Upload of ${upload.key}`}>
                {percent}%
              </progress>
              <span className="upload-state small">
                {stateLabel[upload.state]}
                {upload.state === 'uploading' && ` ${percent}% of ${formatBytes(upload.size)}`}
                {upload.state === 'done' && ` (${formatBytes(upload.size)})`}
                {upload.error && `: ${upload.error}`}
              </span>
              {running && (
                <button type="button" className="small" onClick={() => onCancel(upload.id)}>
                  Cancel<span className="visually-hidden"> the upload of {upload.key}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import { useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError';
import type { StorageApi } from '../api/storageApi';
import type { ObjectInfo } from '../api/types';
import { baseName, formatBytes, formatDate } from '../ui/format';
import { Modal } from '../ui/Modal';
import { Failed, Loading } from '../ui/States';
import type { Actions } from './actions';
import { Preview } from './Preview';

/** One object: its metadata (getObject), a preview, and what can be done with it. */
export function ObjectDetails({
  api,
  objectKey,
  actions,
  onAction,
  onClose,
}: {
  api: StorageApi;
  objectKey: string;
  actions: Actions;
  onAction(action: 'download' | 'share' | 'move' | 'copy' | 'delete', info: ObjectInfo): void;
  onClose(): void;
}) {
  const [info, setInfo] = useState<ObjectInfo>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    let live = true;
    api.getObject(objectKey).then(
      (answer) => live && setInfo(answer),
      (error: unknown) => live && setFailure(ApiError.messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [api, objectKey]);

  const metadata = Object.entries(info?.metadata ?? {});
  return (
    <Modal title={baseName(objectKey)} onClose={onClose} wide>
      <div className="modal-body details">
        {failure && <Failed title="The file's details could not be read" message={failure} />}
        {!failure && !info && <Loading label="Reading the file's details…" />}
        {info && (
          <>
            <div className="details-actions">
              {actions.download && (
                <button type="button" className="primary" onClick={() => onAction('download', info)}>
                  Download
                </button>
              )}
              {actions.share && (
                <button type="button" onClick={() => onAction('share', info)}>
                  Share link
                </button>
              )}
              {actions.move && (
                <button type="button" onClick={() => onAction('move', info)}>
                  Rename or move
                </button>
              )}
              {actions.copy && (
                <button type="button" onClick={() => onAction('copy', info)}>
                  Copy
                </button>
              )}
              {actions.delete && (
                <button type="button" className="danger" onClick={() => onAction('delete', info)}>
                  Delete
                </button>
              )}
            </div>
            <dl className="facts compact">
              <dt>Key</dt>
              <dd>
                <code className="break">{info.key}</code>
              </dd>
              <dt>Size</dt>
              <dd>
                {formatBytes(info.size)} <span className="muted">({info.size.toLocaleString()} bytes)</span>
              </dd>
              <dt>Content type</dt>
              <dd>{info.contentType || '—'}</dd>
              <dt>ETag</dt>
              <dd>
                <code className="break">{info.etag || '—'}</code>
              </dd>
              <dt>Last modified</dt>
              <dd>{formatDate(info.lastModified)}</dd>
              <dt>Storage class</dt>
              <dd>{info.storageClass}</dd>
              <dt>Metadata</dt>
              <dd>
                {metadata.length === 0 ? (
                  <span className="muted">None</span>
                ) : (
                  <ul className="plain">
                    {metadata.map(([name, value]) => (
                      <li key={name}>
                        <code>{name}</code>: {value}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
            {actions.download && <Preview api={api} info={info} />}
          </>
        )}
      </div>
    </Modal>
  );
}

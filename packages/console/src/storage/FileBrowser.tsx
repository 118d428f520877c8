import { type DragEvent, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { storageApi } from '../api/storageApi';
import type { ObjectInfo } from '../api/types';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Empty, Failed, Loading } from '../ui/States';
import type { Actions } from './actions';
import { Breadcrumbs } from './Breadcrumbs';
import { fromDrop, fromInput, type PickedFile } from './collectFiles';
import { downloadObject } from './downloadObject';
import { KeyDialog } from './KeyDialog';
import { ObjectDetails } from './ObjectDetails';
import { ObjectTable } from './ObjectTable';
import { ShareDialog } from './ShareDialog';
import { UploadPanel } from './UploadPanel';
import { useListing } from './useListing';
import { useUploads } from './useUploads';

type Dialog =
  | { kind: 'details'; key: string }
  | { kind: 'share'; info: ObjectInfo }
  | { kind: 'move' | 'copy'; key: string }
  | { kind: 'delete'; keys: string[] };

const pageSizes = [100, 250, 500, 1000];

/**
 * The files under one prefix of a storage: listing by page, uploads (drop or pick), details and
 * previews, share links, rename, copy and delete. Actions appear only when the Instance offers them.
 */
export function FileBrowser({ fullName, prefix, actions }: { fullName: string; prefix: string; actions: Actions }) {
  const api = useMemo(() => storageApi(fullName), [fullName]);
  const [limit, setLimit] = useState(100);
  const [filter, setFilter] = useState('');
  const [applied, setApplied] = useState('');
  const listing = useListing(api, prefix + applied, limit);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState<{ text: string; error?: boolean }>();
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  // Reload once after a burst of finished uploads, not once per file.
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const { queue, uploads } = useUploads(fullName, () => {
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(listing.reload, 400);
  });
  useEffect(() => () => clearTimeout(reloadTimer.current), []);

  // A filter is typed a letter at a time: list once the typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setApplied(filter), 300);
    return () => clearTimeout(timer);
  }, [filter]);
  useEffect(() => {
    setSelected(new Set());
    setFilter('');
    setApplied('');
  }, [prefix]);

  const enqueue = (picked: PickedFile[]) => {
    if (picked.length === 0) return;
    queue.add(picked.map(({ file, path }) => ({ file, key: `${prefix}${path}` })));
    setNotice({ text: `${picked.length === 1 ? 'One file' : `${picked.length} files`} added to the uploads.` });
  };

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!actions.upload) return;
    try {
      enqueue(await fromDrop(event.dataTransfer));
    } catch (error) {
      setNotice({ text: `The dropped files could not be read: ${ApiError.messageOf(error)}`, error: true });
    }
  };

  const run = async (work: () => Promise<string>) => {
    try {
      setNotice({ text: await work() });
      listing.reload();
    } catch (error) {
      setNotice({ text: ApiError.messageOf(error), error: true });
    }
  };

  const deleteKeys = async (keys: string[]) => {
    setBusy(true);
    try {
      const results = await api.deleteMany(keys);
      const failed = results.filter((result) => !result.deleted);
      setNotice(
        failed.length === 0
          ? { text: `Deleted ${keys.length === 1 ? keys[0] : `${keys.length} files`}.` }
          : {
              text: `${failed.length} of ${keys.length} could not be deleted: ${failed[0]?.error?.message ?? ''}`,
              error: true,
            },
      );
      setSelected(new Set());
      listing.reload();
    } catch (error) {
      setNotice({ text: `Nothing was deleted: ${ApiError.messageOf(error)}`, error: true });
    } finally {
      setBusy(false);
      setDialog(undefined);
    }
  };

  const onAction = (action: 'download' | 'share' | 'move' | 'copy' | 'delete', info: ObjectInfo) => {
    if (action === 'download') {
      void downloadObject(api, info.key).catch((error: unknown) =>
        setNotice({ text: `The download did not start: ${ApiError.messageOf(error)}`, error: true }),
      );
    } else if (action === 'share') setDialog({ kind: 'share', info });
    else if (action === 'delete') setDialog({ kind: 'delete', keys: [info.key] });
    else setDialog({ kind: action, key: info.key });
  };

  const page = listing.page;
  const empty = page !== undefined && page.prefixes.length === 0 && page.items.every((item) => item.key === prefix);

  return (
    <section
      className={dragging ? 'page browser dragging' : 'page browser'}
      aria-labelledby="browser-title"
      onDragOver={(event) => {
        if (!actions.upload) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={(event) => void onDrop(event)}
    >
      <Breadcrumbs fullName={fullName} prefix={prefix} />
      <div className="page-head">
        <h1 id="browser-title">{prefix === '' ? fullName : prefix}</h1>
        {actions.upload && (
          <div className="actions">
            <button type="button" className="primary" onClick={() => filesInput.current?.click()}>
              Upload files
            </button>
            <button type="button" onClick={() => folderInput.current?.click()}>
              Upload a folder
            </button>
            <input
              ref={filesInput}
              type="file"
              multiple
              hidden
              aria-label="Files to upload"
              onChange={(event) => {
                if (event.target.files) enqueue(fromInput(event.target.files));
                event.target.value = '';
              }}
            />
            <input
              ref={folderInput}
              type="file"
              hidden
              aria-label="Folder to upload"
              {...{ webkitdirectory: '' }}
              onChange={(event) => {
                if (event.target.files) enqueue(fromInput(event.target.files));
                event.target.value = '';
              }}
            />
          </div>
        )}
      </div>
      {actions.upload && (
        <p className="muted small drop-hint">Drop files or folders anywhere on this page to upload them here.</p>
      )}

      <UploadPanel uploads={uploads} onCancel={(id) => queue.cancel(id)} onClear={() => queue.clearFinished()} />

      <div className="toolbar">
        <label className="field inline grow">
          <span>Filter</span>
          <input
            type="search"
            placeholder={`Keys starting with ${prefix}…`}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </label>
        <label className="field inline">
          <span>Per page</span>
          <select value={limit} onChange={(event) => setLimit(Number(event.target.value))}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={listing.reload}>
          Refresh
        </button>
        {actions.delete && (
          <button
            type="button"
            className="danger"
            disabled={selected.size === 0}
            onClick={() => setDialog({ kind: 'delete', keys: [...selected] })}
          >
            Delete selected{selected.size > 0 ? ` (${selected.size})` : ''}
          </button>
        )}
      </div>

      <div className="notice-area" role="status" aria-live="polite">
        {notice && (
          <p className={notice.error ? 'callout error' : 'callout ok'}>
            {notice.text}{' '}
            <button type="button" className="link small" onClick={() => setNotice(undefined)}>
              Dismiss
            </button>
          </p>
        )}
      </div>

      {listing.error && !page && (
        <Failed title="The files could not be listed" message={listing.error} onRetry={listing.reload} />
      )}
      {listing.error && page && (
        <p className="callout error" role="alert">
          {listing.error}
        </p>
      )}
      {!page && !listing.error && <Loading label="Listing files…" />}
      {page && empty && (
        <Empty title={applied ? `No key starts with ${prefix}${applied}` : 'This folder is empty'}>
          {actions.upload && !applied && <p>Drop files here, or use Upload files.</p>}
        </Empty>
      )}
      {page && !empty && (
        <div className={listing.loading ? 'listing busy' : 'listing'} aria-busy={listing.loading}>
          <ObjectTable
            fullName={fullName}
            page={page}
            prefix={prefix}
            selected={selected}
            selectable={actions.delete}
            onToggle={(key) =>
              setSelected((current) => {
                const next = new Set(current);
                if (!next.delete(key)) next.add(key);
                return next;
              })
            }
            onToggleAll={(keys, on) =>
              setSelected((current) => {
                const next = new Set(current);
                for (const key of keys)
                  if (on) next.add(key);
                  else next.delete(key);
                return next;
              })
            }
            onOpen={(key) => actions.details && setDialog({ kind: 'details', key })}
          />
        </div>
      )}
      {page && (listing.hasPrevious || listing.hasNext || listing.pageNumber > 1) && (
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={!listing.hasPrevious} onClick={listing.previous}>
            Previous page
          </button>
          <span>Page {listing.pageNumber}</span>
          <button type="button" disabled={!listing.hasNext} onClick={listing.next}>
            Next page
          </button>
        </nav>
      )}

      {dialog?.kind === 'details' && (
        <ObjectDetails
          api={api}
          objectKey={dialog.key}
          actions={actions}
          onAction={onAction}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'share' && (
        <ShareDialog
          api={api}
          objectKey={dialog.info.key}
          contentType={dialog.info.contentType}
          onClose={() => setDialog(undefined)}
        />
      )}
      {(dialog?.kind === 'move' || dialog?.kind === 'copy') && (
        <KeyDialog
          mode={dialog.kind}
          objectKey={dialog.key}
          onClose={() => setDialog(undefined)}
          onRun={async (to) => {
            const from = dialog.key;
            if (dialog.kind === 'move') await api.move(from, to);
            else await api.copy(from, to);
            await run(async () => `${dialog.kind === 'move' ? 'Renamed' : 'Copied'} ${from} to ${to}.`);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={dialog.keys.length === 1 ? `Delete ${dialog.keys[0]}?` : `Delete ${dialog.keys.length} files?`}
          confirmLabel={dialog.keys.length === 1 ? 'Delete the file' : `Delete ${dialog.keys.length} files`}
          danger
          busy={busy}
          onConfirm={() => void deleteKeys(dialog.keys)}
          onCancel={() => setDialog(undefined)}
        >
          <p>This cannot be undone.</p>
          {dialog.keys.length > 1 && (
            <ul className="key-list">
              {dialog.keys.slice(0, 10).map((key) => (
                <li key={key}>
                  <code>{key}</code>
                </li>
              ))}
              {dialog.keys.length > 10 && <li>and {dialog.keys.length - 10} more</li>}
            </ul>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}

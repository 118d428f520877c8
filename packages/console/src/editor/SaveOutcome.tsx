import { href } from '../app/route';
import { ErrorDetails } from '../elements/ErrorDetails';
import { StatusBadge } from '../ui/StatusBadge';
import type { SaveStatus } from './useSaveStatus';

/** After a save: what the app made of the files, as its watcher reported it. */
export function SaveOutcome({ status }: { status: SaveStatus }) {
  if (status.state === 'idle' || status.state === 'saving') return null;
  return (
    <div className={`outcome outcome-${status.state}`} role="status" aria-live="polite">
      {status.state === 'waiting' && (
        <p>
          <StatusBadge status="waiting" /> Saved. Waiting for the app to load <code>{status.fullName}</code>…
        </p>
      )}
      {status.state === 'ready' && (
        <p>
          <StatusBadge status="ready" /> Saved: <a href={href.element(status.fullName)}>{status.fullName}</a> is ready.
        </p>
      )}
      {status.state === 'error' && (
        <>
          <p>
            <StatusBadge status="error" /> Saved, but <a href={href.element(status.fullName)}>{status.fullName}</a>{' '}
            failed to load:
          </p>
          {status.error && <ErrorDetails error={status.error} />}
        </>
      )}
    </div>
  );
}

import type { Connection } from '../api/subscribeEvents';

const labels: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

/** Whether changes on disk show up by themselves (the events stream is open). */
export function LiveIndicator({ connection }: { connection: Connection }) {
  return (
    <span
      className={`live live-${connection}`}
      role="status"
      title={connection === 'live' ? 'Changes to the app folder show up here as they happen' : undefined}
    >
      <span className="live-dot" aria-hidden="true" />
      {labels[connection]}
    </span>
  );
}

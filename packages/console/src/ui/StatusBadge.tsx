/** Ready or error, in words as well as colour. */
export function StatusBadge({ status }: { status: 'ready' | 'error' | 'saving' | 'waiting' }) {
  const label = { ready: 'Ready', error: 'Error', saving: 'Saving…', waiting: 'Loading…' }[status];
  return <span className={`badge badge-${status}`}>{label}</span>;
}

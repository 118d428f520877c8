import { useEffect, useState } from 'react';

/**
 * How many of `total` rows to draw: `step` at first, then `step` more each animation frame, so a
 * page of 1,000 keys is put on the screen in slices and never holds the main thread long enough
 * to freeze typing or scrolling. A new `source` (the next page) starts again at `step`; the same
 * one listed again (a refresh) keeps its rows, so the table does not shrink under the reader.
 */
export function useRevealed(total: number, step: number, source: string): number {
  const [state, setState] = useState({ source, count: step });
  // Reset during render (React re-renders at once, before anything is drawn), not in an effect,
  // which would first draw the whole new page.
  if (state.source !== source) setState({ source, count: step });
  const count = state.source === source ? state.count : step;

  useEffect(() => {
    if (count >= total) return;
    const frame = requestAnimationFrame(() => setState((now) => ({ ...now, count: now.count + step })));
    return () => cancelAnimationFrame(frame);
  }, [count, total, step]);

  return Math.min(count, total);
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo, ReloadEvent } from '../api/types';
import { useElements } from '../app/ElementsContext';

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'waiting'; fullName: string }
  | { state: 'ready'; fullName: string }
  | { state: 'error'; fullName: string; error?: ErrorInfo };

// How long to wait for the watcher's reload event before asking the list instead.
const FALLBACK_MS = 6000;

/**
 * After a save, the app's watcher loads the files: its `reload` event for the element says
 * whether it became ready or failed. If no event comes (the events stream is down), the element
 * list is asked instead.
 */
export function useSaveStatus() {
  const { onReload, refresh, elements } = useElements();
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Events that come while the PUT is still answering: kept until its answer names the element.
  const early = useRef(new Map<string, ReloadEvent>());

  useEffect(
    () =>
      onReload((event: ReloadEvent) => {
        setStatus((current) => {
          if (current.state === 'saving') {
            early.current.set(event.fullName, event);
            return current;
          }
          // Later events for the same element keep updating it: a fix on disk shows up here.
          if (current.state === 'idle' || current.fullName !== event.fullName) return current;
          // Removed: the folder is being rewritten; its next event says how it came back.
          if (event.status === 'removed') return current;
          clearTimeout(timer.current);
          return statusOf(event);
        });
      }),
    [onReload],
  );

  // The fallback: once the list has the element after the timer, its status is the answer.
  const [fallback, setFallback] = useState(false);
  useEffect(() => {
    if (!fallback || status.state !== 'waiting') return;
    const element = elements?.find((candidate) => candidate.fullName === status.fullName);
    if (element === undefined) return;
    setStatus(
      element.status === 'error'
        ? { state: 'error', fullName: element.fullName, ...(element.error ? { error: element.error } : {}) }
        : { state: 'ready', fullName: element.fullName },
    );
  }, [fallback, elements, status]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const saving = useCallback(() => {
    setFallback(false);
    early.current.clear();
    setStatus({ state: 'saving' });
  }, []);
  const saved = useCallback(
    (fullName: string) => {
      const event = early.current.get(fullName);
      setStatus(event !== undefined ? statusOf(event) : { state: 'waiting', fullName });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        setFallback(true);
        void refresh();
      }, FALLBACK_MS);
    },
    [refresh],
  );
  const reset = useCallback(() => setStatus({ state: 'idle' }), []);
  return { status, saving, saved, reset };
}

function statusOf(event: ReloadEvent): SaveStatus {
  return event.status === 'error' || event.error !== undefined
    ? { state: 'error', fullName: event.fullName, ...(event.error ? { error: event.error } : {}) }
    : { state: 'ready', fullName: event.fullName };
}

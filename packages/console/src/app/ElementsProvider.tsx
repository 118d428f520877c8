import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { listElements } from '../api/elementsApi';
import { type Connection, subscribeEvents } from '../api/subscribeEvents';
import type { ElementSummary, ReloadEvent } from '../api/types';
import { ElementsContext, type ElementsState } from './ElementsContext';

/** Loads the element list once, and again whenever the app reports a reload or an error. */
export function ElementsProvider({ children }: { children: ReactNode }) {
  const [elements, setElements] = useState<ElementSummary[]>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [connection, setConnection] = useState<Connection>('connecting');
  const listeners = useRef(new Set<(event: ReloadEvent) => void>());
  const inFlight = useRef<AbortController | undefined>(undefined);

  const refresh = useCallback(async () => {
    // The newest answer wins: a slow earlier fetch must not overwrite a later one.
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setLoading(true);
    try {
      const list = await listElements(controller.signal);
      if (controller.signal.aborted) return;
      setElements(list);
      setError(undefined);
    } catch (caught) {
      if (controller.signal.aborted) return;
      setError(ApiError.messageOf(caught));
    } finally {
      if (inFlight.current === controller) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return subscribeEvents({
      onOpen: () => void refresh(),
      onReload: (event) => {
        void refresh();
        for (const listener of listeners.current) listener(event);
      },
      onError: () => void refresh(),
      onConnection: setConnection,
    });
  }, [refresh]);

  const onReload = useCallback((listener: (event: ReloadEvent) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  const value = useMemo<ElementsState>(
    () => ({ elements, loading, error, connection, refresh, onReload }),
    [elements, loading, error, connection, refresh, onReload],
  );
  return <ElementsContext.Provider value={value}>{children}</ElementsContext.Provider>;
}

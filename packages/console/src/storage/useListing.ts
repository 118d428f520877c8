import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError';
import type { StorageApi } from '../api/storageApi';
import type { ListPage } from '../api/types';

export interface Listing {
  page: ListPage | undefined;
  loading: boolean;
  error: string | undefined;
  /** 1-based number of the page shown. */
  pageNumber: number;
  hasNext: boolean;
  hasPrevious: boolean;
  next(): void;
  previous(): void;
  reload(): void;
}

/**
 * One page of a prefix at a time, by cursor: a prefix of 10,000 objects is read and drawn a page
 * at a time, never all at once. The cursors of the pages already seen make "Previous" work.
 */
export function useListing(api: StorageApi, prefix: string, limit: number): Listing {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<ListPage>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  const request = useRef(0);

  // A new prefix or page size starts again at the first page.
  useEffect(() => setCursors([undefined]), [api, prefix, limit]);

  const cursor = cursors.at(-1);
  useEffect(() => {
    const id = ++request.current;
    setLoading(true);
    api.list(prefix, limit, cursor).then(
      (answer) => {
        if (id !== request.current) return;
        setPage(answer);
        setError(undefined);
        setLoading(false);
      },
      (caught: unknown) => {
        if (id !== request.current) return;
        setError(ApiError.messageOf(caught));
        setLoading(false);
      },
    );
  }, [api, prefix, limit, cursor, tick]);

  const nextCursor = page?.nextCursor;
  return {
    page,
    loading,
    error,
    pageNumber: cursors.length,
    hasNext: nextCursor !== undefined && !loading,
    hasPrevious: cursors.length > 1 && !loading,
    next: useCallback(() => nextCursor !== undefined && setCursors((c) => [...c, nextCursor]), [nextCursor]),
    previous: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    reload: useCallback(() => setTick((t) => t + 1), []),
  };
}

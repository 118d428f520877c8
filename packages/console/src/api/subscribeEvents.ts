import { fetchEventSource } from '@microsoft/fetch-event-source';
import { authHeaders } from './apiFetch';
import { askForToken, tokenToSend } from './tokenStore';
import type { ErrorInfo, ReloadEvent } from './types';

export type Connection = 'connecting' | 'live' | 'reconnecting';

export interface EventHandlers {
  onReload(event: ReloadEvent): void;
  onError(event: { fullName?: string; error: ErrorInfo }): void;
  /** Called on every (re)connection: events sent while away are lost, so the caller refetches. */
  onOpen(): void;
  onConnection(state: Connection): void;
}

class Retry extends Error {}

/**
 * Follows `GET /api/events`. EventSource cannot send an Authorization header, so this reads the
 * stream with fetch; the token is read again on every attempt, so one typed later is used.
 * Returns a function that stops following.
 */
export function subscribeEvents(handlers: EventHandlers): () => void {
  const controller = new AbortController();
  handlers.onConnection('connecting');
  void fetchEventSource('/api/events', {
    signal: controller.signal,
    openWhenHidden: true,
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...authHeaders() } }),
    async onopen(response) {
      if (response.status === 401) {
        await askForToken(tokenToSend() !== undefined);
        throw new Retry('token');
      }
      if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        throw new Retry(`the events stream answered ${response.status}`);
      }
      handlers.onConnection('live');
      handlers.onOpen();
    },
    onmessage(message) {
      if (message.data === '') return;
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      if (message.event === 'reload') handlers.onReload(data as ReloadEvent);
      else if (message.event === 'error') handlers.onError(data as { fullName?: string; error: ErrorInfo });
    },
    onclose() {
      // The gateway closed the stream (it is stopping or restarting): keep trying.
      handlers.onConnection('reconnecting');
      throw new Retry('closed');
    },
    onerror(error: unknown) {
      handlers.onConnection('reconnecting');
      // A token was just typed: try again at once; otherwise wait a little between attempts.
      return error instanceof Retry && error.message === 'token' ? 0 : 2000;
    },
  }).catch(() => {
    // Only an abort ends it, and that is ours.
  });
  return () => controller.abort();
}

import type { Readable } from 'node:stream';

/**
 * Calls `onIdle` when a request body sends nothing for `ms` while it is being read. The clock
 * runs only while the body flows: when the gateway pauses it because the storage is slower than
 * the client (backpressure), the silence is ours, not the client's. Returns a function that stops
 * watching; watching also stops when the body ends or closes.
 */
export function watchBodyIdle(body: Readable, ms: number, onIdle: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const disarm = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const arm = (): void => {
    if (body.isPaused()) return disarm();
    if (timer === undefined) timer = setTimeout(fire, ms);
    else timer.refresh();
  };
  const stop = (): void => {
    disarm();
    body.off('data', arm);
    body.off('resume', arm);
    body.off('pause', disarm);
    body.off('end', stop);
    body.off('close', stop);
  };
  const fire = (): void => {
    stop();
    onIdle();
  };
  body.on('data', arm);
  body.on('resume', arm);
  body.on('pause', disarm);
  body.once('end', stop);
  body.once('close', stop);
  arm();
  return stop;
}

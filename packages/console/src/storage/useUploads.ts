import { useEffect, useMemo, useRef, useState } from 'react';
import { type Upload, UploadQueue } from './uploadQueue';

/** The upload queue of one storage, for as long as its page is open. */
export function useUploads(fullName: string, onUploaded: () => void) {
  const callback = useRef(onUploaded);
  callback.current = onUploaded;
  const queue = useMemo(() => new UploadQueue(fullName, () => callback.current()), [fullName]);
  const [uploads, setUploads] = useState<Upload[]>([]);

  useEffect(() => {
    const stop = queue.subscribe(setUploads);
    return () => {
      stop();
      queue.dispose();
    };
  }, [queue]);

  // Leaving the page would cut the uploads off: the browser asks first.
  const running = uploads.some((u) => u.state === 'queued' || u.state === 'uploading' || u.state === 'waiting');
  useEffect(() => {
    if (!running) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [running]);

  return { queue, uploads };
}

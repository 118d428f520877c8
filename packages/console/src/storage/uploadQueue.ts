import { authHeaders } from '../api/apiFetch';
import { askForToken, tokenToSend } from '../api/tokenStore';
import { filePath } from '../api/paths';

export type UploadState = 'queued' | 'uploading' | 'waiting' | 'done' | 'failed' | 'cancelled';

export interface Upload {
  id: number;
  key: string;
  size: number;
  loaded: number;
  state: UploadState;
  error?: string;
}

interface Job extends Upload {
  file: File;
  xhr?: XMLHttpRequest;
  timer?: ReturnType<typeof setTimeout>;
}

// The gateway holds part buffers for each upload it streams; two at once keep one browser from
// taking all of its upload slots, and each file still goes at full speed on a local network.
const PARALLEL = 2;
const MAX_RETRIES = 20;

/**
 * Uploads files with XHR PUTs to the gateway's files route: XHR because only it reports upload
 * progress, and the File itself is the body, so the browser streams it from disk and it never
 * sits in memory. A 503 (the gateway is full) is tried again after its Retry-After.
 */
export class UploadQueue {
  #jobs: Job[] = [];
  #nextId = 1;
  #listeners = new Set<(uploads: Upload[]) => void>();
  #snapshot: Upload[] = [];

  constructor(
    private readonly fullName: string,
    private readonly onUploaded: (key: string) => void,
  ) {}

  subscribe(listener: (uploads: Upload[]) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#snapshot);
    return () => void this.#listeners.delete(listener);
  }

  add(files: { file: File; key: string }[]): void {
    for (const { file, key } of files) {
      this.#jobs.push({ id: this.#nextId++, key, size: file.size, loaded: 0, state: 'queued', file });
    }
    this.#pump();
  }

  cancel(id: number): void {
    const job = this.#jobs.find((candidate) => candidate.id === id);
    if (job === undefined || job.state === 'done') return;
    clearTimeout(job.timer);
    job.xhr?.abort();
    job.state = 'cancelled';
    this.#pump();
  }

  /** Forgets finished uploads (done, failed, cancelled). */
  clearFinished(): void {
    this.#jobs = this.#jobs.filter((job) => ['queued', 'uploading', 'waiting'].includes(job.state));
    this.#emit();
  }

  dispose(): void {
    for (const job of this.#jobs) if (job.state !== 'done') this.cancel(job.id);
    this.#listeners.clear();
  }

  #pump(): void {
    const active = this.#jobs.filter((job) => job.state === 'uploading' || job.state === 'waiting').length;
    let free = PARALLEL - active;
    for (const job of this.#jobs) {
      if (free <= 0) break;
      if (job.state !== 'queued') continue;
      free--;
      this.#send(job, 0);
    }
    this.#emit();
  }

  #send(job: Job, attempt: number): void {
    const xhr = new XMLHttpRequest();
    job.xhr = xhr;
    job.state = 'uploading';
    job.loaded = 0;
    const sentToken = tokenToSend();
    xhr.open('PUT', filePath(this.fullName, job.key));
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', job.file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      job.loaded = event.loaded;
      this.#emit();
    };
    xhr.onload = () => {
      job.xhr = undefined;
      if (xhr.status >= 200 && xhr.status < 300) {
        job.loaded = job.size;
        job.state = 'done';
        this.onUploaded(job.key);
      } else if (xhr.status === 503 && attempt < MAX_RETRIES) {
        const seconds = Number(xhr.getResponseHeader('retry-after') ?? '1');
        job.state = 'waiting';
        job.timer = setTimeout(() => job.state === 'waiting' && this.#send(job, attempt + 1), (seconds || 1) * 1000);
      } else if (xhr.status === 401) {
        job.state = 'waiting';
        askForToken(sentToken !== undefined).then(
          () => job.state === 'waiting' && this.#send(job, attempt),
          () => this.#fail(job, 'the gateway needs a token'),
        );
      } else {
        this.#fail(job, messageOf(xhr));
      }
      this.#pump();
    };
    xhr.onerror = () => {
      job.xhr = undefined;
      this.#fail(job, 'the connection to the gateway broke');
      this.#pump();
    };
    xhr.send(job.file);
    this.#emit();
  }

  #fail(job: Job, message: string): void {
    if (job.state === 'cancelled') return;
    job.state = 'failed';
    job.error = message;
  }

  #emit(): void {
    this.#snapshot = this.#jobs.map(({ id, key, size, loaded, state, error }) => ({
      id,
      key,
      size,
      loaded,
      state,
      ...(error === undefined ? {} : { error }),
    }));
    for (const listener of this.#listeners) listener(this.#snapshot);
  }
}

function messageOf(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { message?: string };
    if (body.message) return body.message;
  } catch {
    // Not the gateway's JSON: fall back to the status.
  }
  return `the gateway answered ${xhr.status}`;
}

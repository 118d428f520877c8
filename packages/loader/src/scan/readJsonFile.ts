import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkConfigDepth, configFileTooLarge, ElementError, invalidJson, notAFile, unreadableFile } from '@mti/core';
import type * as JsoncParser from 'jsonc-parser';

/**
 * The largest `e.json` or business config the loader reads: far above any real one, and small
 * enough that parsing it never holds the event loop for long (a 100 MB e.json once stalled it for
 * 2 s). The bytes are read asynchronously, so a slow disk or a network folder holds no one up:
 * only the parse of at most this much is synchronous (about 10 ms).
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Parses a JSON file, or returns undefined when there is no such file. Every other problem is
 * an INVALID_CONFIG error naming the file as `relPath` (relative to the app folder): a file that
 * cannot be read, is not a regular file, is larger than MAX_CONFIG_BYTES (checked before
 * reading), is not valid JSON (by line and column), or nests deeper than MAX_CONFIG_DEPTH.
 *
 * Never JSON.parse's own message: it quotes the text around the error, and in a config that
 * text is often a secret (`"accessKeySecret": 'abc…'` shows its first characters), while these
 * messages go to `mti ls`, stderr and `GET /api/elements`.
 */
export async function readJsonFile(absPath: string, relPath: string, element: string): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    const read = await readJsonOnce(absPath, relPath, element);
    if (read.kind !== 'invalid') return read.value;
    // An editor that saves in place truncates the file, then writes it: a read in between
    // finds it empty or cut short. Its write is a change the watcher reports too, but the
    // element would be in error until then, so a file seen empty, or changed since it was
    // opened, is read again a moment later before it is called invalid.
    const now = await stat(absPath).catch(() => undefined);
    const moved = now === undefined || now.size !== read.size || now.mtimeMs !== read.mtimeMs;
    if (attempt === READ_ATTEMPTS || !(moved || read.size === 0)) throw read.error;
    await sleep(RETRY_MS * attempt);
  }
}

/** Reads of a file that looks half-written before it is called invalid JSON. */
const READ_ATTEMPTS = 3;
const RETRY_MS = 25;

type JsonRead =
  { kind: 'value'; value: unknown } | { kind: 'invalid'; error: ElementError; size: number; mtimeMs: number };

async function readJsonOnce(absPath: string, relPath: string, element: string): Promise<JsonRead> {
  const place = { element, file: relPath };
  let file: FileHandle;
  try {
    // Non-blocking, so that a named pipe put where a config belongs cannot hang the open.
    file = await open(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'value', value: undefined };
    throw unreadableFile(place, error);
  }
  let text: string;
  let stats: Stats;
  try {
    stats = await file.stat();
    if (!stats.isFile()) throw notAFile(place, stats.isDirectory());
    if (stats.size > MAX_CONFIG_BYTES) throw configFileTooLarge(place, stats.size, MAX_CONFIG_BYTES);
    const bytes = await readAtMost(file, stats.size, MAX_CONFIG_BYTES + 1);
    if (bytes.length > MAX_CONFIG_BYTES) throw configFileTooLarge(place, undefined, MAX_CONFIG_BYTES);
    text = bytes.toString('utf8');
  } catch (error) {
    throw ElementError.is(error) ? error : unreadableFile(place, error);
  } finally {
    // Not awaited: the bytes are in hand, and each wait here is a turn in libuv's file threads
    // behind the process's other file work. Closing a file read-only cannot lose anything.
    file.close().catch(() => {});
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return {
      kind: 'invalid',
      error: invalidJson(place, whereInvalid(text)),
      size: stats.size,
      mtimeMs: stats.mtimeMs,
    };
  }
  checkConfigDepth(value, place);
  return { kind: 'value', value };
}

/**
 * The file's bytes, up to `limit`: its size at fstat and one byte more, to notice a file still
 * being written, growing the buffer only for such a file. Usually a single read.
 */
async function readAtMost(file: FileHandle, size: number, limit: number): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(Math.min(size + 1, limit));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length === limit) break;
      const bigger = Buffer.allocUnsafe(Math.min(length * 2, limit));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const asked = buffer.length - length;
    const { bytesRead: read } = await file.read(buffer, length, asked, null);
    length += read;
    // Fewer bytes than asked of a regular file: its end, as it stood. No read more to see 0.
    if (read < asked) break;
  }
  return buffer.subarray(0, length);
}

/**
 * Where strict JSON first fails and why, as `property name expected at line 1, column 21`.
 * JSON.parse does not say where for every error, so jsonc-parser (comments and trailing commas
 * refused, as JSON.parse does) finds the spot; it reports codes, never the text. Loaded only
 * here, as most loads never meet a broken file.
 */
function whereInvalid(text: string): string {
  const jsonc = require('jsonc-parser') as typeof JsoncParser;
  let found: string | undefined;
  jsonc.visit(
    text,
    {
      onError: (error, _offset, _length, line, column) => {
        found ??= `${words(jsonc.printParseErrorCode(error))} at line ${line + 1}, column ${column + 1}`;
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return found ?? 'not valid JSON';
}

/** `PropertyNameExpected` → `property name expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

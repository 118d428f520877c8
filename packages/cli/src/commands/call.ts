import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline as pipelineCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ElementError, ErrorCode, type ObjectInfo } from '@mti/core';
import { checkArgumentCount } from '../calls/checkArgumentCount';
import { type DownloadsToFile, downloadToOut } from '../calls/downloadToOut';
import { findFunction } from '../calls/findFunction';
import { progressStream } from '../output/progress';
import type { EmbeddedOptions } from './appEnv';
import { withLoadedApp } from './withLoadedApp';

export interface CallOptions extends EmbeddedOptions {
  file?: string;
  out?: string;
  json?: boolean;
}

type Element = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** Arguments are JSON when they parse as JSON (numbers, objects), text otherwise. */
function parseArgument(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `mti call <appDir> <fullName> <function> [args…]`: runs one element function. */
export async function call(
  appDir: string,
  fullName: string,
  method: string,
  rawArgs: string[],
  options: CallOptions,
): Promise<number> {
  return withLoadedApp(appDir, options, async (app) => {
    const functions = app.functionsOf(fullName);
    const fn = findFunction(functions, fullName, method);
    const args = rawArgs.map(parseArgument);
    if (options.file !== undefined) {
      const at = fn.params.indexOf('data');
      if (at < 0)
        throw new ElementError({
          code: ErrorCode.INVALID_ARGUMENT,
          element: fullName,
          message: `--file supplies a "data" argument, and ${method}(${fn.params.join(', ')}) has none`,
        });
      const size = statSync(options.file).size;
      const upload = progressStream(size, 'upload');
      // A read error fails the upload stream, and so the call.
      pipelineCallback(createReadStream(options.file), upload, () => {});
      args.splice(at, 0, upload);
    }
    checkArgumentCount(fullName, method, fn, args.length);
    const element = app.getElement<Element>(fullName);
    // A download to a file is the element's own downloadToFile when it has one (parallel ranged
    // GETs, renamed into place whole, resumable), else a stream piped to the file.
    if (
      method === 'download' &&
      args.length === 1 &&
      options.out !== undefined &&
      typeof (element as Partial<DownloadsToFile>).downloadToFile === 'function'
    ) {
      const { size } = await downloadToOut(element as unknown as DownloadsToFile, args[0], options.out);
      process.stdout.write(
        options.json === true
          ? `${JSON.stringify({ out: options.out, size })}\n`
          : `wrote ${size} bytes to ${options.out}\n`,
      );
      return 0;
    }
    // A download to a file streams, whatever its size, when the element can. A ranged one
    // (`download key '{"range":…}'`) is `download` itself: it holds only the range.
    if (
      method === 'download' &&
      args.length === 1 &&
      options.out !== undefined &&
      functions.has('downloadStream') &&
      functions.has('getObject')
    ) {
      const info = (await element.getObject?.(...args)) as ObjectInfo;
      const body = (await element.downloadStream?.(...args)) as Readable;
      await pipeline(body, progressStream(info.size, 'download'), createWriteStream(options.out));
      process.stdout.write(
        options.json === true
          ? `${JSON.stringify({ out: options.out, size: info.size })}\n`
          : `wrote ${info.size} bytes to ${options.out}\n`,
      );
      return 0;
    }
    const result = await element[method]?.(...args);
    if (Buffer.isBuffer(result) || result instanceof Readable) {
      const body = Buffer.isBuffer(result) ? Readable.from([result]) : result;
      await pipeline(body, options.out === undefined ? process.stdout : createWriteStream(options.out));
      return 0;
    }
    process.stdout.write(`${JSON.stringify(result ?? null, null, options.json === true ? undefined : 2)}\n`);
    return 0;
  });
}

/**
 * The files the frames of an error's stack name, topmost first, each once. Type code is evaluated
 * with a `//# sourceURL` of its file, so its frames name the file as a module's would. Only
 * frames count: a message (which comes first in the stack) that looks like one does not.
 */
export function stackFiles(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const { stack, message } = error as { stack?: unknown; message?: unknown };
  if (typeof stack !== 'string') return [];
  const header = typeof message === 'string' ? message.split('\n').length : 1;
  const files: string[] = [];
  for (const line of stack.split('\n').slice(header)) {
    // `    at fn (/path/file.ts:3:9)`, `    at async fn (/path:1:2)`, `    at /path/file.ts:3:9`
    const frame = /^\s+at (?:.*\()?(.+?):\d+:\d+\)?$/.exec(line);
    const file = frame?.[1];
    if (file !== undefined && !files.includes(file)) files.push(file);
  }
  return files;
}

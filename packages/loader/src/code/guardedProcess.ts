import { ElementError, ErrorCode } from '@mti/core';

/**
 * The `process` a file of Type code sees: the real one, but for the calls that would end the
 * process — and with it every element of the app, not only this one. `process.exit`,
 * `process.reallyExit`, `process.abort` and a `process.kill` aimed at this process (its pid, its
 * group through 0 or a negative pid) throw an ElementError coded ACCESS_DENIED to whoever called
 * them: a call gets it as its error, code at import fails to load, a timer's error is reported as
 * the element's (see faults/TypeCodeFaults).
 *
 * The evaluator hands this object to the code as its free `process` and as `require('process')`
 * (`node:process` too). It is a Proxy, so everything else is the real process (its events, env,
 * streams), and nothing is copied. `globalThis.process` is still the real one: this guards against
 * code that means to stop, not against code that sets out to get around it.
 */
export function guardedProcess(label: string): NodeJS.Process {
  const refuse = (call: string): never => {
    throw new ElementError({
      code: ErrorCode.ACCESS_DENIED,
      file: label,
      message:
        `${label}: ${call} is refused: Type code cannot end the process, which runs every element of the ` +
        `app; throw an error instead (the element then shows it)`,
    });
  };
  const own: Record<string | symbol, unknown> = {
    exit: (code?: unknown) => refuse(`process.exit(${code === undefined ? '' : String(code)})`),
    reallyExit: (code?: unknown) => refuse(`process.reallyExit(${code === undefined ? '' : String(code)})`),
    abort: () => refuse('process.abort()'),
    kill: (pid: number, signal?: string | number): true => {
      // Signal 0 only asks whether the process exists.
      if (signal !== 0 && endsThisProcess(pid)) {
        refuse(`process.kill(${String(pid)}${signal === undefined ? '' : `, ${JSON.stringify(signal)}`})`);
      }
      return process.kill(pid, signal);
    },
  };
  return new Proxy(process, {
    // The real process as the receiver: its accessors (`title`, `exitCode`) are read as usual.
    get: (target, property) => (Object.hasOwn(own, property) ? own[property] : Reflect.get(target, property)),
  });
}

/** This process, or a group it may belong to: 0 is its own group, -1 every process it may signal. */
function endsThisProcess(pid: number): boolean {
  const target = Number(pid);
  return target === process.pid || target <= 0;
}

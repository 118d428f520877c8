import createDebug from 'debug';

/** Writes one line for one finished operation: status is `ok` or the error's code. */
export type OperationTrace = (operation: string, key: string | undefined, status: string, ms: number) => void;

/**
 * One `debug` line per storage operation under `namespace` (`mti:s3`), as flydrive logs every
 * operation: `<element> <operation> key=<"key" or -> status=<ok|CODE> ms=<n>`. Undefined when the
 * namespace is off, so a Type asks once, when it is built, and its calls pay nothing (no clock, no
 * string) while debugging is off. Only names, keys, codes and times: never a config value.
 */
export function operationTrace(namespace: string, element: string): OperationTrace | undefined {
  const debug = createDebug(namespace);
  if (!debug.enabled) return undefined;
  return (operation, key, status, ms) =>
    debug(
      '%s %s key=%s status=%s ms=%s',
      element,
      operation,
      key === undefined ? '-' : JSON.stringify(key),
      status,
      ms.toFixed(1),
    );
}

import type { ElementFunction } from '../element/ElementFunctions';

/**
 * Whether an element reads byte ranges, from what it declares to callers (`functionsOf`, or an
 * app's `functionsOf(fullName)`): its `download` takes `options` (`{ range }`) and its
 * `downloadStream`, when it has one, a `range`. Ranges are optional in `storages.Meta`, whose
 * seed `download(name)` has none: the gateway answers a Range header with 206 only for elements
 * that declare them, and whole objects otherwise.
 */
export function offersRanges(functions: ReadonlyMap<string, ElementFunction>): boolean {
  const stream = functions.get('downloadStream');
  return (
    functions.get('download')?.params.includes('options') === true &&
    (stream === undefined || stream.params.includes('range'))
  );
}

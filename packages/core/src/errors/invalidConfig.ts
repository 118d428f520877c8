import type { FieldIssue } from '../config/formatIssues';
import { ElementError } from './ElementError';
import { ErrorCode } from './ErrorCode';

/**
 * Where an INVALID_CONFIG problem is: the element (absent for app-level files such as `app.json`
 * and for folders that are no element yet), the file or folder relative to the app folder (a
 * package name for a built-in), and the dotted field inside it.
 */
export interface ConfigPlace {
  element?: string;
  file?: string;
  field?: string;
}

export interface InvalidConfigOptions {
  /** How to fix it, after `; `. */
  fix?: string;
  cause?: unknown;
}

/**
 * Every INVALID_CONFIG message has one form, `<element>: <file>: <what>; <fix>`, with each part
 * present only when known, so a reader (and `mti check`) always finds the place first. Values
 * from config files never go into `what`: they may be secrets.
 */
export function invalidConfig(place: ConfigPlace, what: string, options: InvalidConfigOptions = {}): ElementError {
  return placedError(place, [place.element, place.file], what, options);
}

/**
 * A schema's verdict on a file (`e.json`, a business config, `app.json`): every issue by field,
 * the first bad field in `field`. `missingFile` says the file was absent, so an empty config was
 * checked: the fix is then to create it.
 */
export function configIssues(
  place: Omit<ConfigPlace, 'field'>,
  issues: readonly FieldIssue[],
  options: { missingFile?: boolean } = {},
): ElementError {
  const list = issues.map((i) => (i.field ? `"${i.field}": ${i.message}` : i.message)).join('; ') || 'invalid';
  const file =
    place.file === undefined || !options.missingFile ? place.file : `${place.file} (the file does not exist)`;
  return placedError({ ...place, field: issues[0]?.field || undefined }, [place.element, file], list);
}

/** `${NAME}` in a config with no such variable in the env and no default. */
export function unsetVariable(place: ConfigPlace & { field: string }, name: string): ElementError {
  return invalidConfig(place, `field "${place.field}" uses \${${name}}, but environment variable ${name} is not set`, {
    fix: `set it, or give a default with \${${name}:-value}`,
  });
}

/** A key that could reach Object.prototype (`__proto__`, `constructor`, `prototype`). */
export function forbiddenConfigKey(place: ConfigPlace & { field: string }, key: string): ElementError {
  return invalidConfig(place, `key "${key}" is not allowed in a config (at "${place.field}")`, {
    fix: 'rename or remove it',
  });
}

/** A config nesting deeper than the runtime walks. */
export function configTooDeep(place: ConfigPlace, limit: number): ElementError {
  return invalidConfig(place, `nested deeper than ${limit} levels`);
}

/** A file the loader found but could not open or read. */
export function unreadableFile(place: ConfigPlace, error: unknown): ElementError {
  return invalidConfig(place, `cannot read the file (${errnoCode(error)})`, { ...permissionsFix(error), cause: error });
}

/** A folder that exists but cannot be listed; `consequence` says what that leaves out. */
export function unreadableFolder(place: ConfigPlace, error: unknown, consequence?: string): ElementError {
  const what = `cannot read this folder (${errnoCode(error)})${consequence === undefined ? '' : `: ${consequence}`}`;
  return invalidConfig(place, what, { ...permissionsFix(error), cause: error });
}

/** A config file that is a folder, a pipe, a device: anything but a regular file. */
export function notAFile(place: ConfigPlace, isFolder: boolean): ElementError {
  return invalidConfig(place, isFolder ? 'is a folder, not a file' : 'is not a regular file');
}

/** A config file over the size limit: `size` as found, or undefined when it grew while read. */
export function configFileTooLarge(place: ConfigPlace, size: number | undefined, limitBytes: number): ElementError {
  const limit = `${limitBytes / (1024 * 1024)} MiB, the limit for config files`;
  return invalidConfig(
    place,
    size === undefined ? `grew larger than ${limit}, as it was read` : `is ${size} bytes, larger than ${limit}`,
  );
}

/** Text that is not strict JSON; `position` says what and where, never quoting the text. */
export function invalidJson(place: ConfigPlace, position: string): ElementError {
  return invalidConfig(place, `invalid JSON: ${position}`);
}

/** Valid JSON that is not the object `e.json` and configs must hold. */
export function notAJsonObject(place: ConfigPlace): ElementError {
  return invalidConfig(place, 'is not a JSON object', { fix: 'the file must hold one object, { … }' });
}

/**
 * An element folder whose path is no fullName; `segment` is the bad part, absent for the app root.
 * There is no element yet, so the folder, quoted (it may hold spaces), is the place.
 */
export function invalidElementFolder(folder: string, segment?: string): ElementError {
  const where = `element folder "${folder}"`;
  return segment === undefined
    ? placedError({ file: folder }, [], `${where} is the app root`, { fix: 'elements live in folders below it' })
    : placedError({ file: folder }, [where], `"${segment}" is not a valid name part`, {
        fix: 'use letters, digits and _, starting with a letter',
      });
}

/** The element that stands where a type chain breaks: its `type` field is what to change. */
export type ChainPlace = Required<Pick<ConfigPlace, 'element' | 'file'>>;

const chainText = (chain: readonly string[]): string => chain.join(' → ');

/** `type` names nothing known; `chain` ends with that name; `hints` are close known names. */
export function unknownType(place: ChainPlace, chain: readonly string[], hints: readonly string[]): ElementError {
  const type = chain[chain.length - 1] as string;
  return typeError(
    place,
    `unknown type "${type}" (chain: ${chainText(chain)})`,
    hints.length > 0 ? `did you mean ${hints.map((h) => `"${h}"`).join(', ')}?` : undefined,
  );
}

/** `chain` comes back to one of its own elements (its last name is the first repeat). */
export function typeChainCycle(place: ChainPlace, chain: readonly string[]): ElementError {
  return typeError(place, `its type chain has a cycle: ${chainText(chain)}`);
}

/** A link of the chain (its last name) is itself in error; `reason` is that error's message. */
export function typeInError(place: ChainPlace, chain: readonly string[], reason: string): ElementError {
  const type = chain[chain.length - 1] as string;
  return typeError(place, `its type ${type} has an error (chain: ${chainText(chain)}): ${reason}`);
}

/** `link` names `instance`, an Instance, as its type; `chain` runs from `link` up. */
export function typeIsInstance(
  place: ChainPlace,
  link: string,
  instance: string,
  chain: readonly string[],
): ElementError {
  return typeError(
    place,
    `${link} names ${instance}, an Instance; a type must be a Meta or a Type (chain: ${chainText(chain)})`,
  );
}

/** `link`, without code, names the Meta `meta` directly; `types` are Types to name instead. */
export function instanceOfMeta(
  place: ChainPlace,
  link: string,
  meta: string,
  chain: readonly string[],
  types: readonly string[],
): ElementError {
  return typeError(
    place,
    `${link} names ${meta}, a Meta, but has no code: an Instance must name a Type (chain: ${chainText(chain)})`,
    `Potential solutions: set "type" to a Type (${types.join(', ') || `none under ${meta} yet`}); ` +
      `or, to declare a new Type, add code at its backendBundleEntry`,
  );
}

/** A Type's class lacks methods its Meta's contract requires. */
export function missingContractMethods(
  place: ChainPlace,
  className: string,
  missing: readonly string[],
  meta: { fullName: string; source: string },
): ElementError {
  return typeError(
    place,
    `class ${className} does not implement ${missing.map((m) => `${m}()`).join(', ')}, ` +
      `required by ${meta.fullName} (${meta.source})`,
    'extend a class that does, or add the methods',
  );
}

/** An app folder declaring a built-in Meta's fullName; `builtinSource` is its package. */
export function metaOverride(place: ChainPlace, builtinSource: string): ElementError {
  return invalidConfig(place, `declares ${place.element}, the built-in Meta of ${builtinSource}`, {
    fix: 'Metas cannot be overridden, so move this element to another folder',
  });
}

/** An app folder overriding an official Type with no class of its own. */
export function overrideWithoutCode(place: ChainPlace, builtinSource: string): ElementError {
  return invalidConfig(place, `overrides the official Type ${place.element} of ${builtinSource} but has no code`, {
    fix: 'add an index.ts (or index.js) beside it whose default export is a class extending the official one',
  });
}

/** `backendBundleEntry` points outside the app folder. */
export function entryOutsideApp(place: ConfigPlace, entry: string): ElementError {
  return invalidConfig(
    { ...place, field: 'backendBundleEntry' },
    `"backendBundleEntry" ${JSON.stringify(entry)} leaves the app folder`,
    { fix: 'Type code must live inside it' },
  );
}

/**
 * Type code loading a file outside the app folder. `what` names the request (`import "../x"`),
 * `real` where it led, `fix` what may be loaded instead.
 */
export function codeOutsideApp(place: ConfigPlace, what: string, real: string, fix: string): ElementError {
  return invalidConfig(place, `${what} resolves to ${real}, outside the app folder`, { fix });
}

/** Type code that threw while it loaded (`after`: code it started failed later). */
export function typeCodeFailed(place: ConfigPlace, error: unknown, after = false): ElementError {
  const what = after ? 'the code failed after it loaded' : 'the code failed to load';
  return invalidConfig(place, `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/**
 * Why the worker that checks Type code refused an entry. Only a reason: `typeCodeFailed` wraps
 * it with the element and file in front, so it does not repeat them; `file` is set for callers
 * that read fields.
 */
export function typeCodeRefused(file: string, what: string, cause?: unknown): ElementError {
  return placedError({ file }, [], what, { cause });
}

/** Type code whose module exports no class. */
export function noTypeClass(place: ConfigPlace): ElementError {
  return invalidConfig(place, 'exports no class', {
    fix: "it must default-export the Type's class (export default class … extends …)",
  });
}

/** `app.json` changed while the app runs: its Type packages load only at start. */
export function appJsonChanged(): ElementError {
  return invalidConfig({ file: 'app.json' }, 'changed while the app runs', {
    fix: 'restart the app to load its Type packages again',
  });
}

/** The folder given as an app does not exist or is a file. */
export function missingAppFolder(folder: string): ElementError {
  return invalidConfig({ file: folder }, 'the app folder does not exist or is not a folder', {
    fix: 'give the folder that holds the element folders',
  });
}

/** A package `app.json` names under `typePackages`: `what` is wrong with it, `fix` the remedy. */
export function typePackageProblem(name: string, what: string, fix?: string): ElementError {
  return invalidConfig({ file: 'app.json', field: 'typePackages' }, `type package "${name}" ${what}`, { fix });
}

function typeError(place: ChainPlace, what: string, fix?: string): ElementError {
  return invalidConfig({ ...place, field: 'type' }, what, { fix });
}

/** The error with `place` in its fields, and `shown` (the place as the message says it) in front. */
function placedError(
  place: ConfigPlace,
  shown: ReadonlyArray<string | undefined>,
  what: string,
  options: InvalidConfigOptions = {},
): ElementError {
  const prefix = shown.filter((part) => part !== undefined && part !== '').join(': ');
  return new ElementError({
    code: ErrorCode.INVALID_CONFIG,
    message: `${prefix === '' ? '' : `${prefix}: `}${what}${options.fix === undefined ? '' : `; ${options.fix}`}`,
    element: place.element,
    file: place.file,
    field: place.field,
    cause: options.cause,
  });
}

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
}

function permissionsFix(error: unknown): InvalidConfigOptions {
  const code = errnoCode(error);
  return code === 'EACCES' || code === 'EPERM' ? { fix: 'check its permissions' } : {};
}

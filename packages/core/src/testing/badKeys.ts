import { MAX_KEY_BYTES } from '../storage/validateKey';

/**
 * Keys every storage refuses with INVALID_ARGUMENT before touching its backend: the rules of
 * `keyProblem`, which `storages.Meta` owns, so that no Type lets a key out of its namespace or
 * stores one another Type could not read back.
 */
export const badKeys: ReadonlyArray<readonly [label: string, key: unknown]> = [
  ['empty', ''],
  ['not a string', 42],
  ['undefined', undefined],
  ['null', null],
  ['leading "/"', '/abs/key.txt'],
  ['empty segment', 'a//b.txt'],
  ['".." segment', 'a/../b.txt'],
  ['"." segment', './b.txt'],
  ['control character', 'a\nb.txt'],
  ['lone surrogate', 'a\uD800b.txt'],
  ['over the byte limit', 'k'.repeat(MAX_KEY_BYTES + 1)],
];

/** Keys that must round-trip exactly, through every method and a signed URL. */
export const oddKeys: ReadonlyArray<readonly [label: string, name: string]> = [
  ['spaces', 'with  two spaces.txt'],
  ['unicode', 'ünïcödé/名前/файл.txt'],
  ['"+"', 'a+b+c.txt'],
  ['"%" and what looks encoded', '100%25 sure%2F.txt'],
  ['"#"', 'hash#fragment.txt'],
  ['"?"', 'question?x=1&y=2.txt'],
  ['emoji', 'party 🎉/🚀 launch.txt'],
  ['a deep path', 'a/b/c/d/e/f/g/h/i/j/deep.txt'],
  ['quotes and shell characters', `it's "quoted" $HOME ~ !*();,=@[].txt`],
  ['backslash', 'back\\slash.txt'],
];

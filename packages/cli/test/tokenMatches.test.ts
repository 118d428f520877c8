import { tokenMatches } from '../src/gateway/guard/tokenMatches';

describe('tokenMatches', () => {
  it.each([
    ['Bearer abc', 'abc', true],
    ['Bearer abd', 'abc', false],
    ['Bearer ab', 'abc', false],
    ['Bearer abcd', 'abc', false],
    ['abc', 'abc', false],
    ['bearer abc', 'abc', false],
    [undefined, 'abc', false],
    ['Bearer ', 'abc', false],
  ])('%j against %j → %s', (header, token, expected) => {
    expect(tokenMatches(header, token)).toBe(expected);
  });
});

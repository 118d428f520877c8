import { distance } from 'fastest-levenshtein';

/** Up to three known names close to `wanted`, for "did you mean" hints. */
export function suggestNames(wanted: string, known: Iterable<string>): string[] {
  const lower = wanted.toLowerCase();
  const lastPart = lower.split('.').pop() ?? lower;
  const limit = Math.max(2, Math.floor(wanted.length / 5));
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of known) {
    const candidate = name.toLowerCase();
    const score = candidate === lower ? 0 : candidate.split('.').pop() === lastPart ? 1 : distance(candidate, lower);
    if (score <= limit) scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((entry) => entry.name);
}

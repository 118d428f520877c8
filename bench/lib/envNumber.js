'use strict';

/**
 * A whole number from the environment, or `fallback` when the variable is unset. Anything else
 * stops the run with the variable's name: a typo must not quietly run a different benchmark.
 */
function envNumber(name, fallback, { min = 1 } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name}=${JSON.stringify(raw)}: expected a whole number of at least ${min}`);
  }
  return value;
}

module.exports = { envNumber };

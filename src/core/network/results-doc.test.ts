import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { networkResults } from './results.js';
import { resultCodes } from '../ledger/result-codes.js';

describe('network result code documentation', () => {
  it('docs/architecture.md lists every network result code with its number', () => {
    const doc = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');
    for (const { number, code } of networkResults) assert.ok(doc.includes(`| ${number} | \`${code}\` |`), `${code} documented`);
  });

  it('numbers are unique, above the ledger’s, and fit the journal’s byte', () => {
    const numbers = networkResults.map((r) => r.number);
    assert.equal(new Set(numbers).size, numbers.length);
    const ledgerMax = Math.max(...resultCodes.map((r) => r.number));
    for (const n of numbers) assert.ok(n >= 128 && n <= 255 && n > ledgerMax, `${n} in 128..255`);
  });
});

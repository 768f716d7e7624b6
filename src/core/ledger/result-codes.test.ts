import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resultCodes } from './result-codes.js';

describe('result code documentation', () => {
  it('docs/architecture.md lists every ledger result code with its number', () => {
    const doc = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');
    for (const { number, code } of resultCodes) assert.ok(doc.includes(`| ${number} | \`${code}\` |`), `${code} documented`);
  });
});

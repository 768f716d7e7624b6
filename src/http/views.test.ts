import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoMicros, parseIsoMicros } from './views.js';

function plainIsoMicros(us: number): string {
  return `${new Date(Math.floor(us / 1000)).toISOString().slice(0, -1)}${String(us % 1000).padStart(3, '0')}Z`;
}

describe('isoMicros', () => {
  it('writes every moment as the plain formula does, in any order, however close together (property)', () => {
    // Any moment µs can hold as a safe integer (to the year 2255), in runs a few ms wide.
    const base = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 10_000 });
    const run = fc.tuple(base, fc.array(fc.integer({ min: 0, max: 9_999 }), { minLength: 1, maxLength: 20 })).map(([start, offsets]) => offsets.map((offset) => start + offset));
    fc.assert(
      fc.property(run, (moments) => {
        for (const us of moments) {
          assert.equal(isoMicros(us), plainIsoMicros(us));
          assert.equal(parseIsoMicros(isoMicros(us)), us);
        }
      }),
      { numRuns: 500 },
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createPrng, type Prng } from './prng.js';

function take(prng: Prng, count: number): number[] {
  return Array.from({ length: count }, () => prng.nextUint32());
}

/** sfc32 as its author publishes it (32-bit JS form), fed the same seed words. */
function referenceSfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

describe('createPrng', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    assert.deepEqual(take(createPrng(7), 100), take(createPrng(7), 100));
    assert.notDeepEqual(take(createPrng(7), 100), take(createPrng(8), 100));
  });

  it('keeps its published sequence, so seeded demos repeat across versions', () => {
    assert.deepEqual(take(createPrng(1), 3), [1151041103, 1990438114, 272676157]);
    assert.deepEqual(take(createPrng(0), 3), [1338548054, 2499804003, 2743868851]);
  });

  it('is sfc32: it matches the reference after the same seeding and warm-up', () => {
    let weyl = 42;
    const word = (): number => {
      weyl = (weyl + 0x9e3779b9) >>> 0;
      let z = Math.imul(weyl ^ (weyl >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    const reference = referenceSfc32(word(), word(), word(), 1);
    for (let i = 0; i < 15; i += 1) reference();
    assert.deepEqual(take(createPrng(42), 1000), Array.from({ length: 1000 }, reference));
  });

  it('refuses a seed that is not a safe integer', () => {
    assert.throws(() => createPrng(1.5), /invariant broken: seed 1.5/);
  });

  it('draws floats in [0, 1) and open floats in (0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const prng = createPrng(seed);
        for (let i = 0; i < 100; i += 1) {
          const x = prng.nextFloat();
          const y = prng.nextOpenFloat();
          assert.ok(x >= 0 && x < 1 && y > 0 && y < 1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('draws nextBelow(n) within [0, n) for small and large n', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (seed, n) => {
        const value = createPrng(seed).nextBelow(n);
        assert.ok(Number.isInteger(value) && value >= 0 && value < n);
      }),
    );
    assert.throws(() => createPrng(1).nextBelow(0), /invariant broken/);
  });

  it('draws nextBelow(6) evenly (chi-square, 5 degrees of freedom, p > 0.001)', () => {
    const prng = createPrng(2024);
    const counts = new Array<number>(6).fill(0);
    const draws = 60_000;
    for (let i = 0; i < draws; i += 1) counts[prng.nextBelow(6)]! += 1;
    const expected = draws / 6;
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    assert.ok(chiSquare < 20.5, `chi-square ${chiSquare} for ${counts.join(', ')}`);
  });

  it('draws standard normals: mean 0, deviation 1, symmetric tails', () => {
    const prng = createPrng(99);
    const draws = 100_000;
    let sum = 0;
    let squares = 0;
    let beyond2 = 0;
    for (let i = 0; i < draws; i += 1) {
      const z = prng.nextNormal();
      sum += z;
      squares += z * z;
      if (Math.abs(z) > 2) beyond2 += 1;
    }
    assert.ok(Math.abs(sum / draws) < 0.02, `mean ${sum / draws}`);
    assert.ok(Math.abs(Math.sqrt(squares / draws) - 1) < 0.02, `deviation ${Math.sqrt(squares / draws)}`);
    // P(|Z| > 2) = 0.0455.
    assert.ok(Math.abs(beyond2 / draws - 0.0455) < 0.004, `tails ${beyond2 / draws}`);
  });
});

/**
 * A small seeded generator so demo traffic repeats exactly for a seed: sfc32 (Chris Doty-Humphrey's
 * Small Fast Counting generator, PractRand-clean, 128-bit state with a counter so no seed falls
 * into a short cycle), its state filled from the 32-bit seed splitmix-style: a Weyl sequence
 * through MurmurHash3's fmix32. Checked against the reference sfc32 in prng.test.ts. Not for secrets.
 */
import { assert } from '../core/assert.js';

export interface Prng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform in [0, 1), 53 random bits. */
  nextFloat(): number;
  /** Uniform in (0, 1): never 0, so its logarithm is finite. */
  nextOpenFloat(): number;
  /** Uniform integer in [0, n), n a positive safe integer; unbiased. */
  nextBelow(n: number): number;
  /** Standard normal (mean 0, deviation 1), by Box–Muller. */
  nextNormal(): number;
}

const two32 = 4_294_967_296;
const two53 = 9_007_199_254_740_992;
/** sfc32's authors discard the first outputs so the seed's bits are mixed through the state. */
const warmUpRounds = 15;
/** Rejection in nextBelow fails with probability below 1/2 per try; 2^-64 over all of them. */
const rejectionTriesMax = 64;

export function createPrng(seed: number): Prng {
  assert(Number.isSafeInteger(seed), `seed ${seed} is a safe integer`);
  let mix = seed >>> 0;
  const seedWord = (): number => {
    mix = (mix + 0x9e3779b9) >>> 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = seedWord();
  let b = seedWord();
  let c = seedWord();
  let counter = 1;
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + counter) >>> 0;
    counter = (counter + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < warmUpRounds; i += 1) nextUint32();

  // 27 + 26 bits make a 53-bit integer, every double in [0, 1) with that spacing.
  const next53 = (): number => (nextUint32() >>> 5) * 67_108_864 + (nextUint32() >>> 6);
  const nextFloat = (): number => next53() / two53;
  const nextOpenFloat = (): number => (next53() + 0.5) / two53;
  return {
    nextUint32,
    nextFloat,
    nextOpenFloat,
    nextBelow(n) {
      assert(Number.isSafeInteger(n) && n > 0, `bound ${n} is a positive safe integer`);
      if (n <= two32) {
        const limit = two32 - (two32 % n);
        for (let i = 0; i < rejectionTriesMax; i += 1) {
          const x = nextUint32();
          if (x < limit) return x % n;
        }
      } else {
        const limit = two53 - (two53 % n);
        for (let i = 0; i < rejectionTriesMax; i += 1) {
          const x = next53();
          if (x < limit) return x % n;
        }
      }
      assert(false, `nextBelow(${n}) found a value within ${rejectionTriesMax} tries`);
    },
    nextNormal() {
      // One of Box–Muller's pair is dropped: simpler state, and speed does not matter here.
      const radius = Math.sqrt(-2 * Math.log(nextOpenFloat()));
      return radius * Math.cos(2 * Math.PI * nextFloat());
    },
  };
}

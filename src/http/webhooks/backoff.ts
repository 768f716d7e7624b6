import { assert } from '../../core/assert.js';

/** Beyond this exponent 2^n times any sane base exceeds any sane cap; keeps the product finite. */
const backoffExponentMax = 40;

/**
 * The wait before the next attempt after `failures` consecutive failures: full jitter over
 * base·2^(failures−1), capped at `maxMs` (AWS "Exponential Backoff and Jitter": full jitter
 * spreads retries of many senders best, so a receiver coming back is not hit by a wave).
 */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  assert(Number.isSafeInteger(failures) && failures >= 1, 'a retry follows at least one failure');
  const ceilingMs = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, backoffExponentMax));
  // Clamped so that a faulty random source cannot push the wait past the cap, below zero or to NaN.
  const drawn = random();
  const fraction = Number.isFinite(drawn) ? Math.min(Math.max(drawn, 0), 1) : 1;
  return Math.floor(fraction * ceilingMs);
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FixedWindows, rateLimitKeysMax } from './rate-limit.js';

describe('fixed windows per key', () => {
  it('lets max requests through in a window, refuses the rest until it ends, then counts afresh', () => {
    const windows = new FixedWindows({ max: 3, timeWindowMs: 1000 });
    const counts = [0, 100, 200, 300, 999].map((at) => windows.take('a', 10_000 + at));
    assert.deepEqual(counts.map((c) => c.count), [1, 2, 3, 4, 5]);
    assert.deepEqual(counts.map((c) => c.resetMs), [1000, 900, 800, 700, 1]);
    assert.deepEqual(windows.take('a', 11_000), { count: 1, resetMs: 1000 });
    assert.deepEqual(windows.take('b', 11_000), { count: 1, resetMs: 1000 }, 'another key has its own window');
  });

  it('never lets more than max through in any window, whatever the arrival times (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (max, gaps) => {
        const windows = new FixedWindows({ max, timeWindowMs: 100 });
        let now = 0;
        let windowStart = -1;
        let passed = 0;
        for (const gap of gaps) {
          now += gap;
          const { count, resetMs } = windows.take('k', now);
          assert.ok(resetMs > 0 && resetMs <= 100);
          if (count === 1) {
            windowStart = now;
            passed = 0;
          }
          assert.ok(now - windowStart < 100, 'a request is counted in the window it falls in');
          if (count <= max) passed += 1;
          assert.ok(passed <= max);
        }
      }),
    );
  });

  it('remembers at most rateLimitKeysMax keys: ended windows go first, then the oldest', () => {
    const windows = new FixedWindows({ max: 1, timeWindowMs: 1000 });
    for (let i = 0; i < rateLimitKeysMax; i += 1) windows.take(`k${i}`, 0);
    assert.equal(windows.take('k0', 10).count, 2, 'still remembered');
    // All live: a new key makes room by forgetting the oldest-opened window (k0).
    assert.equal(windows.take('new', 20).count, 1);
    assert.equal(windows.take('k0', 30).count, 1, 'k0 was forgotten and starts afresh');
    // Once the windows ended, a new key drops every ended one at once.
    windows.take('late', 5000);
    assert.equal(windows.take('k1', 5001).count, 1);
    assert.equal(windows.take('late', 5002).count, 2);
  });
});

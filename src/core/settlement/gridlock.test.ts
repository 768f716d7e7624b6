import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolveGridlockAnyOrder, selectionBalance, selectionValue, type Selection } from './gridlock-any-order.js';
import { resolveGridlockFifo } from './gridlock-fifo.js';
import { isCovered, type GridlockInput, type GridlockPayment } from './gridlock.js';

/** Small instances: brute force over every prefix vector / every subset stays cheap. */
function instance(participantsMax: number, queueMax: number): fc.Arbitrary<GridlockInput> {
  return fc.integer({ min: 2, max: participantsMax }).chain((n) =>
    fc.record({
      liquidity: fc.array(fc.bigInt({ min: 0n, max: 120n }), { minLength: n, maxLength: n }),
      reserve: fc.array(fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 40n })), { minLength: n, maxLength: n }),
      queues: fc.array(
        fc.array(
          fc.record({ to: fc.integer({ min: 0, max: n - 2 }), amount: fc.bigInt({ min: 1n, max: 100n }), urgent: fc.boolean() }),
          { maxLength: queueMax },
        ),
        { minLength: n, maxLength: n },
      ),
    }).map((r) => ({
      ...r,
      // Payee indexes skip the payer, so that nobody pays itself; urgent first as in a real queue.
      queues: r.queues.map((queue, from) => {
        const payments: GridlockPayment[] = queue.map((p) => ({ ...p, to: p.to >= from ? p.to + 1 : p.to }));
        return [...payments.filter((p) => p.urgent), ...payments.filter((p) => !p.urgent)];
      }),
    })),
  );
}

function prefixSelection(input: GridlockInput, prefix: readonly number[]): Selection {
  return input.queues.map((queue, i) => queue.map((_, k) => k < prefix[i]!));
}

function feasible(input: GridlockInput, selection: Selection): boolean {
  return isCovered(input, selectionBalance(input, selection));
}

/** Every prefix vector that fits, by brute force. */
function feasiblePrefixes(input: GridlockInput): number[][] {
  let vectors: number[][] = [[]];
  for (const queue of input.queues) {
    vectors = vectors.flatMap((v) => Array.from({ length: queue.length + 1 }, (_, k) => [...v, k]));
  }
  return vectors.filter((v) => feasible(input, prefixSelection(input, v)));
}

/** The largest value any subset can settle, by brute force. */
function optimumAnyOrder(input: GridlockInput): bigint {
  const flat = input.queues.flatMap((queue, i) => queue.map((_, k) => [i, k] as const));
  let best = 0n;
  for (let mask = 0; mask < 1 << flat.length; mask++) {
    const selection: Selection = input.queues.map((queue) => queue.map(() => false));
    flat.forEach(([i, k], bit) => { selection[i]![k] = (mask & (1 << bit)) !== 0; });
    if (feasible(input, selection)) {
      const value = selectionValue(input, selection);
      if (value > best) best = value;
    }
  }
  return best;
}

void describe('multilateral gridlock resolution with FIFO (T2 partial optimisation)', () => {
  void it('settles a circle of payments that no participant could settle alone', () => {
    const input: GridlockInput = {
      liquidity: [0n, 0n, 0n],
      reserve: [0n, 0n, 0n],
      queues: [[{ to: 1, amount: 50n, urgent: false }], [{ to: 2, amount: 50n, urgent: false }], [{ to: 0, amount: 50n, urgent: false }]],
    };
    assert.deepEqual(resolveGridlockFifo(input), [1, 1, 1]);
  });

  void it('removes the tail of the participant with the largest shortfall and keeps what then fits', () => {
    const input: GridlockInput = {
      liquidity: [10n, 0n],
      reserve: [0n, 0n],
      queues: [[{ to: 1, amount: 30n, urgent: false }], [{ to: 0, amount: 20n, urgent: false }, { to: 0, amount: 100n, urgent: false }]],
    };
    assert.deepEqual(resolveGridlockFifo(input), [1, 1]);
  });

  void it('finds the unique largest FIFO set: the same as brute force over every prefix vector', () => {
    fc.assert(
      fc.property(instance(4, 4), (input) => {
        const prefix = resolveGridlockFifo(input);
        const all = feasiblePrefixes(input);
        // Feasible prefix sets are closed under union, so the component-wise maximum is the unique largest.
        const largest = input.queues.map((_, i) => Math.max(...all.map((v) => v[i]!)));
        assert.ok(feasible(input, prefixSelection(input, largest)), 'the union of feasible sets is feasible');
        assert.deepEqual(prefix, largest);
      }),
      { numRuns: 400 },
    );
  });

  void it('never returns a set that breaches a participant liquidity or reservation', () => {
    fc.assert(fc.property(instance(6, 8), (input) => feasible(input, prefixSelection(input, resolveGridlockFifo(input)))), { numRuns: 300 });
  });
});

void describe('gridlock resolution without FIFO (heuristic, the exact problem is NP-hard)', () => {
  void it('returns a feasible set worth at least the FIFO set and at most the optimum', () => {
    fc.assert(
      fc.property(instance(4, 3), (input) => {
        const selection = resolveGridlockAnyOrder(input);
        assert.ok(feasible(input, selection));
        const fifo = selectionValue(input, prefixSelection(input, resolveGridlockFifo(input)));
        const value = selectionValue(input, selection);
        assert.ok(value >= fifo, `heuristic ${value} below FIFO ${fifo}`);
        assert.ok(value <= optimumAnyOrder(input));
      }),
      { numRuns: 300 },
    );
  });

  void it('comes within a few percent of the exact optimum on small random instances (measured)', () => {
    const samples = fc.sample(instance(4, 3), { numRuns: 500, seed: 20240601 });
    let ratioSum = 0;
    let worst = 1;
    let exact = 0;
    let fifoRatioSum = 0;
    for (const input of samples) {
      const optimum = optimumAnyOrder(input);
      const value = selectionValue(input, resolveGridlockAnyOrder(input));
      const fifo = selectionValue(input, prefixSelection(input, resolveGridlockFifo(input)));
      const ratio = optimum === 0n ? 1 : Number(value) / Number(optimum);
      ratioSum += ratio;
      fifoRatioSum += optimum === 0n ? 1 : Number(fifo) / Number(optimum);
      worst = Math.min(worst, ratio);
      if (value === optimum) exact += 1;
    }
    const mean = ratioSum / samples.length;
    console.log(`heuristic/optimum over ${samples.length} instances: mean ${mean.toFixed(4)}, worst ${worst.toFixed(4)}, exact in ${exact}; FIFO/optimum mean ${(fifoRatioSum / samples.length).toFixed(4)}`);
    assert.ok(mean >= 0.97, `mean ratio ${mean}`);
  });
});

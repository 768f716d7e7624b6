import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applySettlementEvent, createSettlementState, type SettlementEvent, type SettlementMode, type SettlementState } from './index.js';
import { resolveGridlockFifo } from './gridlock-fifo.js';
import { largestFifoSet } from './gridlock-queued.js';
import { queuedInstance } from './lsm-input.js';
import { snapshot } from './test-support.js';

/** The previous engine's run, kept as the reference: copy every queued payment, then T2's removal one payment at a time. */
function referenceSet(state: SettlementState): string[] {
  const { input, records } = queuedInstance(state);
  const prefix = resolveGridlockFifo(input);
  return records.flatMap((queue, i) => queue.slice(0, prefix[i]).map((r) => r.id));
}

/**
 * Engines driven into many queue shapes: up to 8 participants, scarce liquidity (queues grow),
 * reservations and credit lines (floors), cancels and FIFO bypass (holes in the middle of queues).
 * Plain rtgs never runs the LSM, so its queues grow longest.
 */
const scenario = fc.integer({ min: 2, max: 8 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `P${i}`);
  const who = fc.constantFrom(...ids);
  const event: fc.Arbitrary<SettlementEvent> = fc.oneof(
    { weight: 14, arbitrary: fc.record({ n: fc.nat(10_000), from: who, to: who, amount: fc.bigInt({ min: 1n, max: 100n }), urgent: fc.boolean() })
      .map((p) => ({ type: 'submit', payment: { id: `p${p.n}`, from: p.from, to: p.to, amount: p.amount, priority: p.urgent ? 'urgent' : 'normal' } }) as const) },
    { weight: 2, arbitrary: fc.nat(10_000).map((k) => ({ type: 'cancel', paymentId: `p${k}` }) as const) },
    { weight: 1, arbitrary: fc.record({ participant: who, delta: fc.bigInt({ min: -30n, max: 60n }) }).map((r) => ({ type: 'change_liquidity', ...r }) as const) },
    { weight: 1, arbitrary: fc.record({ participant: who, creditLine: fc.bigInt({ min: 0n, max: 40n }) }).map((r) => ({ type: 'set_credit_line', ...r }) as const) },
    { weight: 1, arbitrary: fc.record({ participant: who, amount: fc.bigInt({ min: 0n, max: 40n }) }).map((r) => ({ type: 'reserve_urgent', ...r }) as const) },
    { weight: 1, arbitrary: fc.constant({ type: 'tick' } as const) },
  );
  return fc.record({
    mode: fc.constantFrom<SettlementMode>('rtgs', 'rtgs-lsm'),
    bypass: fc.boolean(),
    ids: fc.constant(ids),
    balances: fc.array(fc.bigInt({ min: 0n, max: 80n }), { minLength: n, maxLength: n }),
    events: fc.array(event, { minLength: 20, maxLength: 150, size: 'max' }),
  });
});

function start(s: { mode: SettlementMode; bypass: boolean; ids: string[]; balances: bigint[] }): SettlementState {
  const created = createSettlementState({
    mode: s.mode, queueOrder: s.bypass ? 'fifo-bypass' : 'fifo',
    participants: s.ids.map((id, i) => ({ id, balance: s.balances[i]!, creditLine: 0n })),
  });
  assert.ok(created.ok);
  return created.state;
}

void describe('incremental gridlock resolution on the engine queues', () => {
  void it('chooses exactly the payments, in the same order, that the copy-and-remove-one-at-a-time run chooses, in every reachable state', () => {
    let nonEmpty = 0;
    fc.assert(fc.property(scenario, (s) => {
      const state = start(s);
      s.events.forEach((event, t) => {
        const chosen = largestFifoSet(state).map((r) => r.id);
        assert.deepEqual(chosen, referenceSet(state));
        if (chosen.length > 0 && state.queuedCount > chosen.length) nonEmpty += 1;
        applySettlementEvent(state, event, t);
      });
    }), { numRuns: 400 });
    console.log(`states with a partial gridlock set: ${nonEmpty}`);
    assert.ok(nonEmpty > 1000, `partial gridlock sets were exercised (${nonEmpty})`);
  });

  void it('reads the state and changes nothing', () => {
    fc.assert(fc.property(scenario, (s) => {
      const state = start(s);
      s.events.forEach((event, t) => {
        applySettlementEvent(state, event, t);
        const before = snapshot(state);
        largestFifoSet(state);
        assert.equal(snapshot(state), before);
      });
    }), { numRuns: 100 });
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applySettlementEvent, assertSettlementInvariants, liveRecords } from './index.js';
import { engine, ok, snapshot, submit } from './test-support.js';

const settledIds = (result: Parameters<typeof ok>[0]): string[] => ok(result).settled.map((s) => s.paymentId);

void describe('held payments (a party suspended)', () => {
  void it('a held payment never settles: not when liquidity arrives, not in a gridlock run; what queued behind it settles', () => {
    const state = engine('rtgs-lsm', [['A', 0n], ['B', 0n], ['C', 0n]]);
    ok(submit(state, 'toB', 'A', 'B', 50n));
    ok(submit(state, 'toC', 'A', 'C', 10n));
    // A gridlock cycle through the held payment: B→A would settle with A→B by offsetting.
    ok(applySettlementEvent(state, { type: 'hold', paymentIds: ['toB'] }, 1));
    assert.deepEqual(settledIds(applySettlementEvent(state, { type: 'change_liquidity', participant: 'A', delta: 10n }, 2)), ['toC'], 'the payment behind the held head settles');
    assert.deepEqual(settledIds(submit(state, 'back', 'B', 'A', 50n, 'normal', 3)), [], 'no offsetting with a held payment');
    assert.deepEqual(settledIds(applySettlementEvent(state, { type: 'tick' }, 4)), [], 'no gridlock resolution with a held payment');
    assert.equal(state.payments.get('toB')!.status, 'held');
    assertSettlementInvariants(state);
    // Released, the cycle A→B, B→A settles at once (the LSM runs on the release).
    assert.deepEqual(settledIds(applySettlementEvent(state, { type: 'release', paymentIds: ['toB'] }, 5)).sort(), ['back', 'toB']);
    assertSettlementInvariants(state);
  });

  void it('released payments rejoin their queue at their submission places, urgent and normal alike', () => {
    const state = engine('rtgs', [['A', 0n], ['B', 0n]]);
    for (const id of ['n1', 'n2', 'n3']) ok(submit(state, id, 'A', 'B', 5n));
    ok(submit(state, 'u1', 'A', 'B', 5n, 'urgent'));
    ok(applySettlementEvent(state, { type: 'hold', paymentIds: ['n1', 'u1'] }, 1));
    ok(submit(state, 'n4', 'A', 'B', 5n, 'normal', 2));
    assert.deepEqual(liveRecords(state.participants[0]!.normal).map((r) => r.id), ['n2', 'n3', 'n4']);
    ok(applySettlementEvent(state, { type: 'release', paymentIds: ['u1', 'n1'] }, 3));
    assert.deepEqual(liveRecords(state.participants[0]!.normal).map((r) => r.id), ['n1', 'n2', 'n3', 'n4']);
    assert.deepEqual(liveRecords(state.participants[0]!.urgent).map((r) => r.id), ['u1']);
    assertSettlementInvariants(state);
    assert.deepEqual(settledIds(applySettlementEvent(state, { type: 'change_liquidity', participant: 'A', delta: 10n }, 4)), ['u1', 'n1']);
  });

  void it('a held payment can be cancelled, and end of day rejects it with the queued ones', () => {
    const state = engine('rtgs', [['A', 0n], ['B', 0n]]);
    for (const id of ['p1', 'p2', 'p3']) ok(submit(state, id, 'A', 'B', 5n));
    ok(applySettlementEvent(state, { type: 'hold', paymentIds: ['p1', 'p2'] }, 1));
    assert.deepEqual(ok(applySettlementEvent(state, { type: 'cancel', paymentId: 'p1' }, 2)).rejected, [{ paymentId: 'p1', reason: 'cancelled' }]);
    const end = ok(applySettlementEvent(state, { type: 'end_of_day' }, 3));
    assert.deepEqual(end.rejected.map((r) => [r.paymentId, r.reason]).sort(), [['p2', 'end_of_day'], ['p3', 'end_of_day']]);
    assertSettlementInvariants(state);
  });

  void it('refuses, changing nothing: holding a payment not queued, releasing one not held, an unknown or repeated id, and either in dns', () => {
    const state = engine('rtgs', [['A', 10n], ['B', 0n]]);
    ok(submit(state, 'settled', 'A', 'B', 5n));
    ok(submit(state, 'queued', 'A', 'B', 50n));
    const before = snapshot(state);
    const refusals = [
      [{ type: 'hold', paymentIds: ['settled'] }, 'payment_not_queued'],
      [{ type: 'hold', paymentIds: ['queued', 'queued'] }, 'payment_not_found'],
      [{ type: 'hold', paymentIds: ['queued', 'nope'] }, 'payment_not_found'],
      [{ type: 'release', paymentIds: ['queued'] }, 'payment_not_held'],
    ] as const;
    for (const [event, error] of refusals) {
      const result = applySettlementEvent(state, event, 5);
      assert.equal(result.ok ? 'ok' : result.error, error, JSON.stringify(event));
      assert.equal(snapshot(state), before);
    }
    const dns = engine('dns', [['A', 10n], ['B', 0n]]);
    ok(submit(dns, 'p', 'A', 'B', 5n));
    const result = applySettlementEvent(dns, { type: 'hold', paymentIds: ['p'] }, 1);
    assert.equal(result.ok ? 'ok' : result.error, 'not_gross_mode');
  });
});

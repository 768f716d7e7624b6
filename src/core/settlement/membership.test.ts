import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applySettlementEvent, assertSettlementInvariants, createSettlementState } from './index.js';
import { ok, pay, snapshot } from './test-support.js';

describe('participants joining a running engine', () => {
  it('an engine may start empty; a participant added later pays and is paid like the first ones', () => {
    const created = createSettlementState({ mode: 'rtgs', participants: [] });
    assert.ok(created.ok);
    const state = created.state;
    ok(applySettlementEvent(state, { type: 'add_participant', participant: { id: 'A', balance: 100n, creditLine: 0n } }, 1));
    ok(applySettlementEvent(state, { type: 'add_participant', participant: { id: 'B', balance: 0n, creditLine: 0n } }, 2));
    const decision = ok(applySettlementEvent(state, pay('p1', 'A', 'B', 60n), 3));
    assert.deepEqual(decision.settled.map((s) => s.paymentId), ['p1']);
    assert.equal(state.moneyTotal, 100n);
    assertSettlementInvariants(state);
  });

  it('refuses a second participant with the same id, negative settings and an empty id, changing nothing', () => {
    const created = createSettlementState({ mode: 'dns', participants: [{ id: 'A', balance: 10n, creditLine: 0n }] });
    assert.ok(created.ok);
    const state = created.state;
    const before = snapshot(state);
    const refused = [
      { id: 'A', balance: 0n, creditLine: 0n },
      { id: 'B', balance: 0n, creditLine: -1n },
      { id: 'B', balance: -5n, creditLine: 1n, netDebitCap: 0n },
      { id: '', balance: 0n, creditLine: 0n },
    ].map((participant) => applySettlementEvent(state, { type: 'add_participant', participant }, 5));
    assert.deepEqual(
      refused.map((r) => (r.ok ? 'ok' : r.error)),
      ['participant_exists', 'amount_negative', 'liquidity_below_credit_line', 'unknown_participant'],
    );
    assert.equal(snapshot(state), before);
  });

  it('dns: a participant joining while a window is closed gets a zero row in it and in the open one', () => {
    const created = createSettlementState({ mode: 'dns', participants: [] });
    assert.ok(created.ok);
    const state = created.state;
    ok(applySettlementEvent(state, { type: 'close_window', windowId: 1 }, 1));
    ok(applySettlementEvent(state, { type: 'add_participant', participant: { id: 'A', balance: 50n, creditLine: 0n } }, 2));
    ok(applySettlementEvent(state, { type: 'add_participant', participant: { id: 'B', balance: 0n, creditLine: 0n } }, 3));
    const settled = ok(applySettlementEvent(state, { type: 'settle_window', windowId: 1 }, 4));
    assert.deepEqual(settled.window?.participants.map((p) => [p.id, p.net]), [['A', 0n], ['B', 0n]]);
    ok(applySettlementEvent(state, { type: 'confirm_window', windowId: 1 }, 5));
    assert.deepEqual(ok(applySettlementEvent(state, pay('p1', 'A', 'B', 50n), 6)).accepted, ['p1']);
    assertSettlementInvariants(state);
  });

  it('dns: a net debit cap never below what the open window uses; a cancel never leaves the payee beyond its cap', () => {
    const created = createSettlementState({ mode: 'dns', participants: [{ id: 'A', balance: 100n, creditLine: 0n }, { id: 'B', balance: 0n, creditLine: 0n }] });
    assert.ok(created.ok);
    const state = created.state;
    ok(applySettlementEvent(state, pay('ab', 'A', 'B', 80n), 1));
    ok(applySettlementEvent(state, pay('ba', 'B', 'A', 80n), 2));
    const lower = applySettlementEvent(state, { type: 'set_net_debit_cap', participant: 'B', cap: 0n }, 3);
    assert.ok(lower.ok, 'B owes nothing net');
    const below = applySettlementEvent(state, { type: 'set_net_debit_cap', participant: 'B', cap: -1n }, 4);
    assert.equal(below.ok ? 'ok' : below.error, 'amount_negative');
    // B paid 80 on the strength of A's 80: A's payment cannot be taken back.
    const cancel = applySettlementEvent(state, { type: 'cancel', paymentId: 'ab' }, 5);
    assert.equal(cancel.ok ? 'ok' : cancel.error, 'cancel_breaches_payee_cap');
    ok(applySettlementEvent(state, { type: 'cancel', paymentId: 'ba' }, 6));
    assertSettlementInvariants(state);
    const tooLow = applySettlementEvent(state, { type: 'set_net_debit_cap', participant: 'A', cap: 79n }, 7);
    assert.equal(tooLow.ok ? 'ok' : tooLow.error, 'net_debit_cap_below_position');
  });
});

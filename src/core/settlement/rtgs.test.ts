import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applySettlementEvent, assertSettlementInvariants } from './index.js';
import { balances, engine, ok, snapshot, submit } from './test-support.js';

void describe('rtgs: gross settlement with queues', () => {
  void it('settles a payment at once when the payer has the liquidity, counting its credit line', () => {
    const state = engine('rtgs', [['A', 50n, 50n], ['B', 0n]]);
    const decision = ok(submit(state, 'p1', 'A', 'B', 100n));
    assert.deepEqual(decision.settled.map((s) => s.paymentId), ['p1']);
    assert.deepEqual(balances(state), { A: -50n, B: 100n });
  });

  void it('queues a payment the payer cannot cover and settles it when liquidity arrives', () => {
    const state = engine('rtgs', [['A', 10n], ['B', 0n], ['C', 100n]]);
    assert.deepEqual(ok(submit(state, 'p1', 'A', 'B', 60n)).queued, ['p1']);
    const decision = ok(submit(state, 'p2', 'C', 'A', 50n, 'normal', 30));
    assert.deepEqual(decision.settled.map((s) => s.paymentId), ['p2', 'p1']);
    assert.deepEqual(balances(state), { A: 0n, B: 60n, C: 50n });
  });

  void it('keeps FIFO: a later payment that would fit waits behind the queue head', () => {
    const state = engine('rtgs', [['A', 10n], ['B', 0n]]);
    ok(submit(state, 'big', 'A', 'B', 60n));
    assert.deepEqual(ok(submit(state, 'small', 'A', 'B', 5n)).queued, ['small']);
  });

  void it('lets a normal payment overtake a blocked head with FIFO bypass (T2 UDFS)', () => {
    const state = engine('rtgs', [['A', 10n], ['B', 0n]], { queueOrder: 'fifo-bypass' });
    ok(submit(state, 'big', 'A', 'B', 60n));
    assert.deepEqual(ok(submit(state, 'small', 'A', 'B', 5n)).settled.map((s) => s.paymentId), ['small']);
  });

  void it('settles urgent payments before normal ones and never bypasses an urgent one', () => {
    const state = engine('rtgs', [['A', 0n], ['B', 0n], ['C', 100n]], { queueOrder: 'fifo-bypass' });
    ok(submit(state, 'n1', 'A', 'B', 10n));
    ok(submit(state, 'u1', 'A', 'B', 30n, 'urgent'));
    assert.deepEqual(ok(submit(state, 'n2', 'A', 'B', 1n)).queued, ['n2'], 'a queued urgent payment blocks normal ones');
    const decision = ok(submit(state, 'fund', 'C', 'A', 35n));
    assert.deepEqual(decision.settled.map((s) => s.paymentId), ['fund', 'u1', 'n2']);
  });

  void it('keeps the urgent reservation out of reach of normal payments only', () => {
    const state = engine('rtgs', [['A', 100n], ['B', 0n]]);
    ok(applySettlementEvent(state, { type: 'reserve_urgent', participant: 'A', amount: 80n }, 0));
    assert.deepEqual(ok(submit(state, 'n1', 'A', 'B', 30n)).queued, ['n1']);
    assert.deepEqual(ok(submit(state, 'u1', 'A', 'B', 90n, 'urgent')).settled.map((s) => s.paymentId), ['u1']);
    const released = ok(applySettlementEvent(state, { type: 'reserve_urgent', participant: 'A', amount: 0n }, 1));
    assert.deepEqual(released.settled, [], 'only 10 left: the 30 still waits');
    assert.equal(state.queuedCount, 1);
  });

  void it('cancels a queued payment, and what waited behind it may settle', () => {
    const state = engine('rtgs', [['A', 10n], ['B', 0n]]);
    ok(submit(state, 'big', 'A', 'B', 60n));
    ok(submit(state, 'small', 'A', 'B', 5n));
    const decision = ok(applySettlementEvent(state, { type: 'cancel', paymentId: 'big' }, 1));
    assert.deepEqual(decision.rejected, [{ paymentId: 'big', reason: 'cancelled' }]);
    assert.deepEqual(decision.settled.map((s) => s.paymentId), ['small']);
  });

  void it('rejects what is still queued at end of day, with the reason', () => {
    const state = engine('rtgs', [['A', 0n], ['B', 0n]]);
    ok(submit(state, 'p1', 'A', 'B', 60n));
    const decision = ok(applySettlementEvent(state, { type: 'end_of_day' }, 100));
    assert.deepEqual(decision.rejected, [{ paymentId: 'p1', reason: 'end_of_day' }]);
    assert.equal(state.queuedCount, 0);
  });
});

void describe('rtgs: refused events change nothing', () => {
  const cases: [string, (s: ReturnType<typeof setup>) => ReturnType<typeof applySettlementEvent>, string][] = [
    ['an unknown payer', (s) => submit(s, 'x', 'Z', 'B', 1n), 'unknown_participant'],
    ['an unknown payee', (s) => submit(s, 'x', 'A', 'Z', 1n), 'unknown_participant'],
    ['a payment to oneself', (s) => submit(s, 'x', 'A', 'A', 1n), 'payment_to_self'],
    ['a negative amount', (s) => submit(s, 'x', 'A', 'B', -5n), 'amount_not_positive'],
    ['a zero amount', (s) => submit(s, 'x', 'A', 'B', 0n), 'amount_not_positive'],
    ['a reused payment id', (s) => submit(s, 'settled', 'A', 'B', 1n), 'payment_id_exists'],
    ['cancelling a settled payment', (s) => applySettlementEvent(s, { type: 'cancel', paymentId: 'settled' }, 5), 'payment_already_settled'],
    ['cancelling an unknown payment', (s) => applySettlementEvent(s, { type: 'cancel', paymentId: 'nope' }, 5), 'payment_not_found'],
    ['a withdrawal below the credit line', (s) => applySettlementEvent(s, { type: 'change_liquidity', participant: 'A', delta: -1000n }, 5), 'liquidity_below_credit_line'],
    ['a negative credit line', (s) => applySettlementEvent(s, { type: 'set_credit_line', participant: 'A', creditLine: -1n }, 5), 'amount_negative'],
    ['closing a window in rtgs', (s) => applySettlementEvent(s, { type: 'close_window', windowId: 1 }, 5), 'not_dns_mode'],
  ];
  function setup() {
    const state = engine('rtgs-lsm', [['A', 10n], ['B', 0n]]);
    ok(submit(state, 'settled', 'A', 'B', 5n));
    ok(submit(state, 'queued', 'A', 'B', 50n));
    return state;
  }
  for (const [what, act, code] of cases) {
    void it(`refuses ${what} with ${code}`, () => {
      const state = setup();
      const before = snapshot(state);
      const result = act(state);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error, code);
      assert.equal(snapshot(state), before);
      assertSettlementInvariants(state);
    });
  }

  void it('refuses every event after end of day', () => {
    const state = setup();
    ok(applySettlementEvent(state, { type: 'end_of_day' }, 10));
    const result = submit(state, 'late', 'A', 'B', 1n);
    assert.equal(result.ok ? 'ok' : result.error, 'day_ended');
  });
});

void describe('rtgs-lsm: liquidity-saving mechanisms', () => {
  void it('offsets a new payment bilaterally against the head of the payee queue', () => {
    const state = engine('rtgs-lsm', [['A', 0n], ['B', 10n]]);
    ok(submit(state, 'b1', 'B', 'A', 50n));
    const decision = ok(submit(state, 'a1', 'A', 'B', 45n));
    assert.deepEqual(decision.settled.map((s) => s.paymentId).sort(), ['a1', 'b1']);
    assert.deepEqual(balances(state), { A: 5n, B: 5n });
  });

  void it('does not offset in plain rtgs', () => {
    const state = engine('rtgs', [['A', 0n], ['B', 10n]]);
    ok(submit(state, 'b1', 'B', 'A', 50n));
    assert.deepEqual(ok(submit(state, 'a1', 'A', 'B', 45n)).queued, ['a1']);
  });

  void it('resolves a three-way gridlock on the scheduled run, settling the set atomically', () => {
    const state = engine('rtgs-lsm', [['A', 0n], ['B', 0n], ['C', 0n]]);
    ok(submit(state, 'ab', 'A', 'B', 70n));
    ok(submit(state, 'bc', 'B', 'C', 70n));
    ok(submit(state, 'ca', 'C', 'A', 70n));
    const decision = ok(applySettlementEvent(state, { type: 'tick' }, 60));
    assert.deepEqual(decision.settled.map((s) => s.paymentId).sort(), ['ab', 'bc', 'ca']);
    assert.equal(decision.settled.every((s) => s.submittedAtSeconds === 0), true);
    assert.deepEqual(balances(state), { A: 0n, B: 0n, C: 0n });
  });

  void it('runs gridlock resolution when liquidity changes', () => {
    const state = engine('rtgs-lsm', [['A', 0n], ['B', 0n], ['C', 0n]]);
    ok(submit(state, 'ab', 'A', 'B', 70n));
    ok(submit(state, 'bc', 'B', 'C', 80n));
    ok(submit(state, 'ca', 'C', 'A', 70n));
    const decision = ok(applySettlementEvent(state, { type: 'change_liquidity', participant: 'B', delta: 10n }, 5));
    assert.equal(decision.settled.length, 3);
    assertSettlementInvariants(state);
  });
});

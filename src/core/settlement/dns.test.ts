import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { currencyByCode } from '../money/index.js';
import { applySettlementEvent, assertSettlementInvariants, windowReportCsv, windowReportJson, type SettlementEvent } from './index.js';
import { balances, engine, ok, snapshot, submit } from './test-support.js';

const xts = currencyByCode('XTS')!;

function day() {
  const state = engine('dns', [['A', 100n], ['B', 50n], ['C', 0n, 20n]]);
  ok(submit(state, 'p1', 'A', 'B', 80n));
  ok(submit(state, 'p2', 'B', 'C', 30n));
  ok(submit(state, 'p3', 'C', 'A', 10n));
  return state;
}

const event = (type: 'close_window' | 'settle_window' | 'confirm_window' | 'abort_window', windowId = 1): SettlementEvent => ({ type, windowId });

void describe('dns: deferred net settlement', () => {
  void it('moves positions within the net debit cap and rejects beyond it, with the reason', () => {
    const state = day();
    assert.deepEqual(state.participants.map((p) => p.position), [-70n, 50n, 20n]);
    const decision = ok(submit(state, 'p4', 'C', 'B', 45n));
    assert.deepEqual(decision.rejected, [{ paymentId: 'p4', reason: 'exceeds_net_debit_cap' }]);
    assert.deepEqual(state.participants.map((p) => p.position), [-70n, 50n, 20n]);
  });

  void it('closes a window into net positions that sum to zero, resets positions and opens the next', () => {
    const state = day();
    const decision = ok(applySettlementEvent(state, event('close_window'), 100));
    assert.equal(decision.window?.status, 'closed');
    assert.deepEqual(decision.window?.participants.map((p) => p.net), [-70n, 50n, 20n]);
    assert.equal(decision.window?.gross, 120n);
    assert.equal(decision.window?.net, 70n);
    assert.deepEqual(state.participants.map((p) => p.position), [0n, 0n, 0n]);
    assert.equal(state.open.id, 2);
    assertSettlementInvariants(state);
  });

  void it('settles the window: instructions out, then balances move and every payment settles', () => {
    const state = day();
    ok(applySettlementEvent(state, event('close_window'), 100));
    const settling = ok(applySettlementEvent(state, event('settle_window'), 101));
    assert.deepEqual(settling.instructions, [
      { windowId: 1, participant: 'A', net: -70n },
      { windowId: 1, participant: 'B', net: 50n },
      { windowId: 1, participant: 'C', net: 20n },
    ]);
    assert.deepEqual(balances(state), { A: 100n, B: 50n, C: 0n }, 'nothing moves before the ledger confirms');
    const settled = ok(applySettlementEvent(state, event('confirm_window'), 102));
    assert.deepEqual(settled.settled.map((s) => s.paymentId), ['p1', 'p2', 'p3']);
    assert.deepEqual(balances(state), { A: 30n, B: 100n, C: 20n });
    assertSettlementInvariants(state);
  });

  void it('aborts a window: no balance moves and its payments are rejected', () => {
    const state = day();
    ok(applySettlementEvent(state, event('close_window'), 100));
    ok(applySettlementEvent(state, event('settle_window'), 101));
    const aborted = ok(applySettlementEvent(state, event('abort_window'), 102));
    assert.equal(aborted.window?.status, 'aborted');
    assert.deepEqual(aborted.rejected.map((r) => r.reason), ['window_aborted', 'window_aborted', 'window_aborted']);
    assert.deepEqual(balances(state), { A: 100n, B: 50n, C: 0n });
  });

  void it('aborts at settlement when a net debtor cannot cover its position', () => {
    const state = engine('dns', [['A', 10n], ['B', 0n]]);
    state.participants[0]!.netDebitCap = 500n;
    ok(submit(state, 'p1', 'A', 'B', 300n));
    ok(applySettlementEvent(state, event('close_window'), 1));
    const decision = ok(applySettlementEvent(state, event('settle_window'), 2));
    assert.equal(decision.window?.status, 'aborted');
    assert.deepEqual(decision.rejected, [{ paymentId: 'p1', reason: 'net_debit_not_covered' }]);
  });

  void it('reports each window as JSON and CSV', () => {
    const state = day();
    const report = ok(applySettlementEvent(state, event('close_window'), 100)).window!;
    assert.deepEqual(windowReportJson(report, xts), {
      windowId: 1, status: 'closed', currency: 'XTS', payments: 3, gross: '1.20', net: '0.70',
      participants: [
        { id: 'A', sent: '0.80', received: '0.10', net: '-0.70' },
        { id: 'B', sent: '0.30', received: '0.80', net: '0.50' },
        { id: 'C', sent: '0.10', received: '0.30', net: '0.20' },
      ],
    });
    assert.equal(windowReportCsv(report, xts), 'window,participant,sent,received,net\r\n1,A,0.80,0.10,-0.70\r\n1,B,0.30,0.80,0.50\r\n1,C,0.10,0.30,0.20\r\n1,TOTAL,1.20,1.20,0.70\r\n');
  });

  void it('cancels an accepted payment of the open window, moving positions back', () => {
    const state = day();
    ok(applySettlementEvent(state, { type: 'cancel', paymentId: 'p1' }, 5));
    assert.deepEqual(state.participants.map((p) => p.position), [10n, -30n, 20n]);
  });

  void it('settles the open window at end of day', () => {
    const state = day();
    const decision = ok(applySettlementEvent(state, { type: 'end_of_day' }, 500));
    assert.equal(decision.settled.length, 3);
    assert.deepEqual(balances(state), { A: 30n, B: 100n, C: 20n });
  });
});

void describe('dns: refused window events change nothing', () => {
  const cases: [string, SettlementEvent[], SettlementEvent, string][] = [
    ['closing a closed window', [event('close_window')], event('close_window'), 'window_already_closed'],
    ['closing an unknown window', [], event('close_window', 7), 'window_not_found'],
    ['closing while another window is unsettled', [event('close_window')], event('close_window', 2), 'window_in_progress'],
    ['settling an open window', [], event('settle_window'), 'window_not_closed'],
    ['confirming a closed window before settling it', [event('close_window')], event('confirm_window'), 'window_not_settling'],
    ['confirming a settled window', [event('close_window'), event('settle_window'), event('confirm_window')], event('confirm_window'), 'window_finished'],
    ['aborting the open window', [], event('abort_window'), 'window_not_closed'],
    ['cancelling a payment of a closed window', [event('close_window')], { type: 'cancel', paymentId: 'p1' }, 'window_already_closed'],
    ['cancelling a settled payment', [event('close_window'), event('settle_window'), event('confirm_window')], { type: 'cancel', paymentId: 'p1' }, 'payment_already_settled'],
  ];
  for (const [what, before, act, code] of cases) {
    void it(`refuses ${what} with ${code}`, () => {
      const state = day();
      for (const e of before) ok(applySettlementEvent(state, e, 10));
      const snap = snapshot(state);
      const result = applySettlementEvent(state, act, 10);
      assert.equal(result.ok ? 'ok' : result.error, code);
      assert.equal(snapshot(state), snap);
    });
  }
});

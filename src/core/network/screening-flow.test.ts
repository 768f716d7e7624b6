/**
 * The two ends of a hold's flow beyond an officer's decision: the sender withdrawing its own held
 * payment (cancel or camt.056), and payments waiting in an engine screened again when the lists change.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeState, encodeState } from '../journal/index.js';
import { assertNetworkInvariants } from './invariants.js';
import { rescreensPerBatchMax } from './rescreen.js';
import { bank, cancelPayment, dnsNode, fundIn, payment, requestCancellation, setQueueOrder, setSuspended, TestNode } from './test-support/commands.js';
import { changeList, decide, importList, listEntry, sanctionsList } from './test-support/screening-commands.js';
import { listedPayment, screeningNode } from './test-support/screening-scenarios.js';

const { A, B, C } = bank;

function statuses(node: TestNode, uetr: string): string[] {
  return node.state.network.payments.get(uetr)!.history.map((h) => h.status);
}

/** A list that names "Jane Roe" (nobody in the standard sanctions list). */
const janeList = [listEntry('NEW', 'N-1', 'Jane Roe')];

describe('a sender withdraws its own held payment', () => {
  it('cancel: the hold closes as withdrawn (who, when), the payment ends rejected DS02, the sender is told, nothing moves', () => {
    const node = screeningNode();
    const p = listedPayment('w-cancel');
    node.one(p);
    // Neither the creditor side nor a stranger may cancel it.
    assert.equal(node.one(cancelPayment(B, p.uetr)), 'payment_unknown');
    assert.equal(node.one(cancelPayment(C, p.uetr)), 'payment_unknown');
    assert.equal(node.status(p.uetr), 'held');
    const { timestamp } = node.apply([cancelPayment(A, p.uetr)]);
    assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'held', 'rejected']);
    const record = node.state.network.payments.get(p.uetr)!;
    assert.equal(record.reason, 'DS02');
    const hold = node.state.network.screening.holds.get(p.uetr)!;
    assert.deepEqual(hold.withdrawal, { by: A, at: timestamp, reason: 'DS02' });
    assert.equal(hold.decision, null);
    assert.deepEqual(node.inboxTypes(A).filter((t) => t.startsWith('payment.')), [`payment.rejected ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(B).filter((t) => t.includes(p.uetr)), []);
    assert.equal(node.balance(A), 1000n);
    assert.equal(node.balance(B), 1000n);
    // A retry answers the same; an officer can no longer decide it, and changes nothing by trying.
    assert.equal(node.one(cancelPayment(A, p.uetr)), 'already_applied');
    const before = structuredClone([node.state.network.payments.get(p.uetr), node.state.network.screening.holds.get(p.uetr), node.state.network.inboxes]);
    const outcome = node.apply([decide('OFFICER01', p.uetr, 'release'), decide('OFFICER01', p.uetr, 'reject')]);
    assert.deepEqual(outcome.results, ['hold_withdrawn', 'hold_withdrawn']);
    assert.deepEqual([node.state.network.payments.get(p.uetr), node.state.network.screening.holds.get(p.uetr), node.state.network.inboxes], before);
    assert.equal(node.balance(A), 1000n);
    assertNetworkInvariants(node.state, { deep: true });
  });

  it('camt.056: the cancellation is accepted at once with its case and reason; a retry is idempotent, another case refused', () => {
    const node = screeningNode();
    const p = listedPayment('w-camt');
    node.one(p);
    assert.equal(node.one(requestCancellation(B, p.uetr, 'CASE-B', 'CUST')), 'payment_unknown');
    const { results, timestamp } = node.apply([requestCancellation(A, p.uetr, 'CASE-1', 'CUST')]);
    assert.deepEqual(results, ['accepted']);
    const record = node.state.network.payments.get(p.uetr)!;
    assert.equal(record.status, 'rejected');
    assert.equal(record.reason, 'DS02');
    assert.deepEqual(record.cancellation, { caseId: 'CASE-1', reason: 'CUST', requestedBy: A, requestedAt: timestamp, status: 'accepted', answeredAt: timestamp, answerReason: null });
    assert.deepEqual(node.state.network.screening.holds.get(p.uetr)!.withdrawal, { by: A, at: timestamp, reason: 'CUST' });
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-1', 'CUST')), 'already_applied');
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-2', 'CUST')), 'cancellation_exists');
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'reject')), 'hold_withdrawn');
    assert.equal(node.balance(A), 1000n);
    assertNetworkInvariants(node.state, { deep: true });
  });

  it('a cancellation journaled without `held` (before withdrawal existed) replays as it ran: refused, the payment stays held', () => {
    const node = screeningNode();
    const p = listedPayment('w-old');
    node.one(p);
    assert.equal(node.one(cancelPayment(A, p.uetr, false)), 'payment_not_queued');
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-OLD', 'CUST', false)), 'payment_not_cancellable');
    assert.equal(node.status(p.uetr), 'held');
    assert.equal(node.state.network.screening.holds.get(p.uetr)!.withdrawal, undefined);
  });

  it('a decided hold is no longer the sender’s to cancel: released and settled, or rejected', () => {
    const node = screeningNode();
    const released = listedPayment('w-released');
    const rejected = listedPayment('w-rejected');
    node.apply([released, rejected, decide('OFFICER01', released.uetr, 'release'), decide('OFFICER01', rejected.uetr, 'reject')]);
    assert.equal(node.one(cancelPayment(A, released.uetr)), 'payment_not_queued');
    assert.equal(node.one(cancelPayment(A, rejected.uetr)), 'payment_not_queued');
    assert.equal(node.state.network.screening.holds.get(rejected.uetr)!.withdrawal, undefined);
  });

  it('a snapshot keeps the withdrawal, and replay gives the same state', () => {
    const batches = [[listedPayment('w-snap')], [cancelPayment(A, listedPayment('w-snap').uetr)]];
    const live = screeningNode();
    const replayed = screeningNode();
    for (const batch of batches) {
      live.apply(batch);
      replayed.apply(batch);
    }
    const bytes = encodeState(live.state);
    assert.ok(encodeState(replayed.state).equals(bytes));
    const restored = new TestNode(decodeState(bytes), live.nextTimestamp);
    assert.ok(encodeState(restored.state).equals(bytes));
    assert.equal(restored.one(decide('OFFICER01', listedPayment('w-snap').uetr, 'release')), 'hold_withdrawn');
  });
});

describe('payments waiting in an engine are screened again when the lists change', () => {
  it('rtgs: a queued payment naming a newly listed party leaves its queue and is held; what queued behind it settles; release puts it back', () => {
    const node = screeningNode();
    node.one(setQueueOrder('EUR', 'fifo'));
    const big = { ...payment({ seed: 'q-big', from: A, to: B, amount: 1500n }), creditorName: 'Jane Roe' };
    const small = payment({ seed: 'q-small', from: A, to: B, amount: 200n });
    node.apply([big, small]);
    assert.equal(node.status(big.uetr), 'queued');
    assert.equal(node.status(small.uetr), 'queued');
    assert.equal(node.apply(importList('NEW', 'v1', janeList)).results.at(-1), 'accepted');
    assert.deepEqual(statuses(node, big.uetr), ['received', 'validated', 'queued', 'held']);
    const hold = node.state.network.screening.holds.get(big.uetr)!;
    assert.deepEqual(hold.lists, ['NEW@v1', 'SANCT@v1']);
    assert.equal(hold.hits[0]!.entryId, 'N-1');
    assert.equal(hold.priority, 'normal');
    assert.equal(node.state.network.settlement.get('EUR')!.engine.payments.has(big.uetr), false);
    // The payment ahead of it no longer blocks the queue.
    assert.equal(node.status(small.uetr), 'settled');
    assert.equal(node.balance(A), 800n);
    assert.deepEqual(node.inboxTypes(B).filter((t) => t.includes(big.uetr)), []);
    assertNetworkInvariants(node.state, { deep: true });
    // Released, it enters the engine again as if just arrived: queued until A has the money.
    assert.equal(node.one(decide('OFFICER01', big.uetr, 'release')), 'accepted');
    assert.equal(node.status(big.uetr), 'queued');
    node.one(fundIn(A, 'EUR', 1000n, 'F-A2'));
    assert.deepEqual(statuses(node, big.uetr), ['received', 'validated', 'queued', 'held', 'released', 'queued', 'settled']);
    assert.equal(node.balance(B), 1000n + 200n + 1500n);
    assertNetworkInvariants(node.state, { deep: true });
  });

  it('a clear payment stays queued; deactivating a list screens nothing again (fewer lists can only hit less)', () => {
    const node = screeningNode();
    const p = payment({ seed: 'q-clear', from: A, to: B, amount: 1500n });
    node.one(p);
    node.apply(importList('NEW', 'v1', janeList));
    assert.equal(node.status(p.uetr), 'queued');
    assert.equal(node.one(changeList('NEW', { kind: 'deactivate' })), 'accepted');
    assert.deepEqual(node.state.network.screening.rescreen, []);
    assert.equal(node.status(p.uetr), 'queued');
  });

  it('fields the record does not keep (addresses, ultimate parties) are screened again too, also after a snapshot', () => {
    const node = screeningNode();
    const p = { ...payment({ seed: 'q-parties', from: A, to: B, amount: 1500n }), parties: { ultimateCreditorName: 'Jane Roe' } };
    node.one(p);
    assert.equal(node.status(p.uetr), 'queued');
    const restored = new TestNode(decodeState(encodeState(node.state)), node.nextTimestamp);
    for (const n of [node, restored]) {
      n.apply(importList('NEW', 'v1', janeList));
      assert.equal(n.status(p.uetr), 'held');
      assert.ok(n.state.network.screening.holds.get(p.uetr)!.hits.some((h) => h.field === 'ultimateCreditor.name'));
      assert.equal(n.state.network.screening.waitingScreened.size, 0);
    }
    assert.ok(encodeState(restored.state).equals(encodeState(node.state)));
  });

  it('a list change journaled without rescreen (before re-screening existed) replays as it was: nothing screened again', () => {
    const node = screeningNode();
    const p = { ...payment({ seed: 'q-old', from: A, to: B, amount: 1500n }), creditorName: 'Jane Roe' };
    node.one(p);
    node.apply([...importList('NEW', 'v1', janeList, { rescreen: false }), changeList('NEW', { kind: 'scope', scope: ['FR'] }, false)]);
    assert.deepEqual(node.state.network.screening.rescreen, []);
    assert.equal(node.status(p.uetr), 'queued');
  });

  it('a queued payment the engine holds while a party is suspended is taken out too, and stays held by screening once the suspension ends', () => {
    const node = screeningNode();
    const p = { ...payment({ seed: 'q-suspended', from: A, to: B, amount: 1500n }), creditorName: 'Jane Roe' };
    node.one(p);
    node.one(setSuspended(B, true));
    assert.equal(node.state.network.settlement.get('EUR')!.engine.payments.get(p.uetr)!.status, 'held');
    node.apply(importList('NEW', 'v1', janeList));
    assert.equal(node.status(p.uetr), 'held');
    assert.equal(node.state.network.settlement.get('EUR')!.engine.payments.has(p.uetr), false);
    node.apply([setSuspended(B, false), fundIn(A, 'EUR', 1000n, 'F-A2')]);
    assert.equal(node.status(p.uetr), 'held');
    assertNetworkInvariants(node.state, { deep: true });
  });

  it('a wider scope screens again: the list now applies to the payment’s agents', () => {
    const node = screeningNode();
    node.apply(importList('NEW', 'v1', janeList, { scope: ['RU'] }));
    const p = { ...payment({ seed: 'q-scope', from: A, to: B, amount: 1500n }), creditorName: 'Jane Roe' };
    node.one(p);
    assert.equal(node.status(p.uetr), 'queued');
    assert.equal(node.one(changeList('NEW', { kind: 'scope', scope: ['RU', 'FR'] })), 'accepted');
    assert.equal(node.status(p.uetr), 'held');
  });

  it('dns: a payment accepted into the open window is taken out (positions back) and held', () => {
    const node = dnsNode();
    node.apply(importList('SANCT', 'v1', sanctionsList()));
    const p = { ...payment({ seed: 'd-1', from: A, to: B, amount: 300n, currency: 'CHF' }), creditorName: 'Jane Roe' };
    const other = payment({ seed: 'd-2', from: A, to: C, amount: 100n, currency: 'CHF' });
    node.apply([p, other]);
    assert.equal(node.status(p.uetr), 'accepted');
    const engine = () => node.state.network.settlement.get('CHF')!.engine;
    const position = (bic: string) => engine().participants[engine().indexById.get(bic)!]!.position;
    assert.equal(position(A), -400n);
    node.apply(importList('NEW', 'v1', janeList));
    assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'accepted', 'held']);
    assert.equal(position(A), -100n);
    assert.equal(position(B), 0n);
    assert.equal(engine().open.payments.length, 1);
    assert.equal(node.status(other.uetr), 'accepted');
    assertNetworkInvariants(node.state, { deep: true });
  });

  it('the work is bounded per batch: rescreensPerBatchMax payments, the rest in the following (empty) batches', () => {
    const node = screeningNode();
    const count = rescreensPerBatchMax + 10;
    const waiting = Array.from({ length: count }, (_, i) => ({ ...payment({ seed: `bound-${i}`, from: A, to: B, amount: 2000n }), creditorName: 'Jane Roe' }));
    node.apply(waiting);
    assert.ok(waiting.every((p) => node.status(p.uetr) === 'queued'));
    node.apply(importList('NEW', 'v1', janeList));
    const held = () => waiting.filter((p) => node.status(p.uetr) === 'held').length;
    assert.equal(held(), rescreensPerBatchMax);
    assert.equal(node.state.network.screening.rescreen.length, 10);
    // A snapshot in between carries the rest over.
    const restored = new TestNode(decodeState(encodeState(node.state)), node.nextTimestamp);
    node.apply([]);
    restored.apply([]);
    assert.equal(held(), count);
    assert.deepEqual(node.state.network.screening.rescreen, []);
    assert.ok(encodeState(restored.state).equals(encodeState(node.state)));
    assertNetworkInvariants(node.state, { deep: true });
  });

  it('payments already held stay held, with the explanation they had', () => {
    const node = screeningNode();
    const p = listedPayment('already');
    node.one(p);
    const hits = node.state.network.screening.holds.get(p.uetr)!.hits;
    node.apply(importList('NEW', 'v1', janeList));
    assert.equal(node.status(p.uetr), 'held');
    assert.equal(node.state.network.screening.holds.get(p.uetr)!.hits, hits);
  });
});

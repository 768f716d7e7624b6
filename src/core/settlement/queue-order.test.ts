import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applySettlementEvent, liveRecords, type QueueOrder, type SettlementState } from './index.js';
import { engine, ok, snapshot, submit } from './test-support.js';

const setOrder = (state: SettlementState, queueOrder: QueueOrder, at = state.nowSeconds) => applySettlementEvent(state, { type: 'set_queue_order', queueOrder }, at);
const settledIds = (result: ReturnType<typeof submit>) => ok(result).settled.map((s) => s.paymentId);
const queue = (state: SettlementState, id: string) => liveRecords(state.participants[state.indexById.get(id)!]!.normal).map((r) => r.id);

void describe('queue order as a setting (set_queue_order)', () => {
  void it('under fifo a blocked normal head holds back a later payment that fits; under fifo-bypass the later one overtakes', () => {
    for (const [order, expected] of [['fifo', []], ['fifo-bypass', ['small']]] as const) {
      const state = engine('rtgs', [['A', 10n], ['B', 0n]], { queueOrder: order });
      ok(submit(state, 'big', 'A', 'B', 60n));
      assert.deepEqual(settledIds(submit(state, 'small', 'A', 'B', 5n)), expected, order);
      assert.deepEqual(queue(state, 'A'), order === 'fifo' ? ['big', 'small'] : ['big'], order);
    }
  });

  void it('never lets a normal payment overtake a queued urgent one, in either order', () => {
    for (const order of ['fifo', 'fifo-bypass'] as const) {
      const state = engine('rtgs', [['A', 10n], ['B', 0n]], { queueOrder: order });
      ok(submit(state, 'u1', 'A', 'B', 60n, 'urgent'));
      assert.deepEqual(ok(submit(state, 'n1', 'A', 'B', 5n)).queued, ['n1'], order);
    }
  });

  void it('switching to fifo-bypass settles at once what now may overtake, following the money', () => {
    const state = engine('rtgs', [['A', 10n], ['B', 0n], ['C', 0n]], { queueOrder: 'fifo' });
    ok(submit(state, 'big', 'A', 'B', 60n));
    ok(submit(state, 'small', 'A', 'B', 5n));
    ok(submit(state, 'onward', 'B', 'C', 5n));
    const decision = ok(setOrder(state, 'fifo-bypass', 7));
    assert.deepEqual(decision.settled.map((s) => s.paymentId), ['small', 'onward']);
    assert.equal(state.queueOrder, 'fifo-bypass');
    assert.deepEqual(queue(state, 'A'), ['big'], 'the blocked head keeps its place');
    assert.equal(state.nowSeconds, 7);
  });

  void it('rtgs-lsm: switching to fifo-bypass runs the any-order gridlock search over the queues', () => {
    // A and B each owe the other; only a set that skips A's blocked head settles.
    const state = engine('rtgs-lsm', [['A', 0n], ['B', 0n]], { queueOrder: 'fifo' });
    ok(submit(state, 'a-head', 'A', 'B', 100n));
    ok(submit(state, 'a2', 'A', 'B', 10n));
    ok(submit(state, 'b1', 'B', 'A', 10n));
    ok(applySettlementEvent(state, { type: 'tick' }, 1));
    assert.equal(state.queuedCount, 3, 'FIFO: a-head blocks every set');
    const decision = ok(setOrder(state, 'fifo-bypass', 2));
    assert.deepEqual(decision.settled.map((s) => s.paymentId).sort(), ['a2', 'b1']);
    assert.equal(state.queuedCount, 1);
  });

  void it('switching to fifo moves nothing; a later normal payment then queues behind the blocked head', () => {
    const state = engine('rtgs', [['A', 10n], ['B', 0n]], { queueOrder: 'fifo-bypass' });
    ok(submit(state, 'big', 'A', 'B', 60n));
    const decision = ok(setOrder(state, 'fifo'));
    assert.deepEqual([decision.settled, decision.queued, decision.rejected], [[], [], []]);
    assert.deepEqual(ok(submit(state, 'small', 'A', 'B', 5n)).queued, ['small']);
    assert.deepEqual(queue(state, 'A'), ['big', 'small']);
  });

  void it('the same order again changes nothing but the clock', () => {
    const state = engine('rtgs', [['A', 10n], ['B', 0n]], { queueOrder: 'fifo' });
    ok(submit(state, 'big', 'A', 'B', 60n));
    const before = snapshot(state);
    const decision = ok(setOrder(state, 'fifo'));
    assert.deepEqual(decision.settled, []);
    assert.equal(snapshot(state), before);
  });

  void it('dns has no queue order, and an unknown order is refused; neither changes anything', () => {
    const dns = engine('dns', [['A', 10n], ['B', 0n]]);
    const dnsBefore = snapshot(dns);
    const refused = setOrder(dns, 'fifo', 5);
    assert.equal(refused.ok ? 'ok' : refused.error, 'not_gross_mode');
    assert.equal(snapshot(dns), dnsBefore);
    const rtgs = engine('rtgs', [['A', 10n], ['B', 0n]]);
    const before = snapshot(rtgs);
    const bad = setOrder(rtgs, 'lifo' as QueueOrder, 5);
    assert.equal(bad.ok ? 'ok' : bad.error, 'queue_order_invalid');
    assert.equal(snapshot(rtgs), before);
  });
});

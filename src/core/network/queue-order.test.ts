/**
 * The queue order as a per-currency setting in the network: at registration, changed by the
 * operator's set_queue_order (journaled), kept across days, in the snapshot, and replayed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBody, decodeState, encodeBody, encodeState } from '../journal/index.js';
import { assertLedgerInvariants } from '../ledger/index.js';
import type { QueueOrder } from '../settlement/types.js';
import { applyNodeBatch, type NodeCommand, type NodeResult } from './apply.js';
import { decodeNetworkCommand, encodeNetworkCommand } from './codec.js';
import { assertNetworkInvariants } from './invariants.js';
import { nodeCommandShapeError } from './shape.js';
import { createNodeState } from './state.js';
import { bank, dnsNode, endOfDay, fundIn, networkSetup, payment, registerAgent, registerCurrency, setQueueOrder, TestNode } from './test-support/commands.js';
import { encodeNetworkState } from './codec.js';
import { uetrTransferId } from './ids.js';

const { A, B } = bank;

/** A node that keeps its batches, so they can be replayed (and passed through the journal's codec). */
class JournaledNode extends TestNode {
  readonly journal: { timestamp: number; body: Buffer }[] = [];
  override apply(commands: readonly NodeCommand[], gapUs = 1_000) {
    const outcome = super.apply(commands, gapUs);
    this.journal.push({ timestamp: outcome.timestamp, body: encodeBody(commands, outcome.results, outcome.expired) });
    return outcome;
  }
}

/** The standard network with EUR registered in `order` (or without naming one), and A funded with 100. */
function eurNode(order: QueueOrder | undefined): JournaledNode {
  const node = new JournaledNode();
  const setup = networkSetup().map((c) => (c.type === 'register_currency' && c.code === 'EUR' && order !== undefined ? { ...c, queueOrder: order } : c));
  assert.ok(node.apply(setup).results.every((r) => r === 'accepted'));
  assert.equal(node.one(fundIn(A, 'EUR', 100n, 'F-A')), 'accepted');
  return node;
}

const orderOf = (node: TestNode, currency = 'EUR') => node.state.network.settlement.get(currency)!.engine.queueOrder;

function check(node: TestNode): void {
  assertLedgerInvariants(node.state.ledger);
  assertNetworkInvariants(node.state, { deep: true });
}

/** Replays the node's journal from empty through the journal codec: the same outcomes and the same state bytes. */
function assertReplayEqualsLive(node: JournaledNode): void {
  const replayed = createNodeState();
  for (const entry of node.journal) {
    const decoded = decodeBody(entry.body);
    const outcome = applyNodeBatch(replayed, { timestamp: entry.timestamp, commands: decoded.commands });
    assert.deepEqual(outcome.results, decoded.results);
  }
  assert.ok(encodeState(replayed).equals(encodeState(node.state)), 'replay equals live');
  const restored = decodeState(encodeState(node.state));
  assert.ok(encodeState(restored).equals(encodeState(node.state)), 'the snapshot decodes to the same bytes');
  assert.equal(restored.network.settlement.get('EUR')!.engine.queueOrder, orderOf(node));
}

/** A blocked head (500 with 100 of liquidity), then a normal payment of 50 that fits. */
function blockedHeadThenSmall(node: TestNode): { head: ReturnType<typeof payment>; small: ReturnType<typeof payment> } {
  const head = payment({ seed: 'head', from: A, to: B, amount: 500n });
  const small = payment({ seed: 'small', from: A, to: B, amount: 50n });
  assert.deepEqual(node.each([head, small]), ['accepted', 'accepted']);
  return { head, small };
}

void describe('queue order per currency (network)', () => {
  void it('a registration without a queue order is fifo-bypass, as every currency was before: its journal text has no such field', () => {
    const node = eurNode(undefined);
    assert.equal(orderOf(node), 'fifo-bypass');
    const text = encodeNetworkCommand(registerCurrency('EUR'));
    assert.ok(!text.includes('queueOrder'));
    assert.deepEqual(decodeNetworkCommand(text), registerCurrency('EUR'));
    const { head, small } = blockedHeadThenSmall(node);
    assert.deepEqual([node.status(head.uetr), node.status(small.uetr)], ['queued', 'settled'], 'fifo-bypass: the small payment overtakes');
    assertReplayEqualsLive(node);
  });

  void it('fifo: a blocked normal head holds back a later normal payment that fits', () => {
    const node = eurNode('fifo');
    assert.equal(orderOf(node), 'fifo');
    const { head, small } = blockedHeadThenSmall(node);
    assert.deepEqual([node.status(head.uetr), node.status(small.uetr)], ['queued', 'queued']);
    assert.equal(node.balance(A), 100n);
    check(node);
    assertReplayEqualsLive(node);
  });

  void it('switching to fifo-bypass settles the overtaking payment in the same command, on the ledger; back to fifo moves nothing; the order outlives end of day', () => {
    const node = eurNode('fifo');
    const { head, small } = blockedHeadThenSmall(node);
    const { results, timestamp } = node.apply([setQueueOrder('EUR', 'fifo-bypass')]);
    assert.deepEqual(results, ['accepted']);
    assert.deepEqual([node.status(head.uetr), node.status(small.uetr)], ['queued', 'settled']);
    assert.equal(node.state.ledger.transfers.get(uetrTransferId(small.uetr))!.timestamp, timestamp);
    assert.deepEqual([node.balance(A), node.balance(B)], [50n, 50n]);
    assert.ok(node.inboxTypes(B).includes(`payment.received ${small.uetr}`));
    check(node);

    assert.equal(node.one(setQueueOrder('EUR', 'fifo')), 'accepted');
    const later = payment({ seed: 'later', from: A, to: B, amount: 10n });
    node.one(later);
    assert.equal(node.status(later.uetr), 'queued', 'fifo again: behind the blocked head');
    assert.equal(node.one(endOfDay('EUR')), 'accepted');
    assert.equal(orderOf(node), 'fifo', 'the next day keeps the order');
    check(node);
    assertReplayEqualsLive(node);
  });

  void it('refuses an unknown currency, a dns currency and an unknown order, changing nothing; the same order again is already_applied', () => {
    const node = dnsNode();
    const before = encodeNetworkState(node.state.network).join('\n');
    const transfers = node.state.ledger.transfers.size;
    const results: NodeResult[] = node.each([
      setQueueOrder('GBP', 'fifo'),
      setQueueOrder('CHF', 'fifo'),
      setQueueOrder('EUR', 'lifo' as QueueOrder),
      setQueueOrder('EUR', 'fifo-bypass'),
    ]);
    assert.deepEqual(results, ['currency_unknown', 'settlement_mode_invalid', 'queue_order_invalid', 'already_applied']);
    assert.equal(encodeNetworkState(node.state.network).join('\n'), before);
    assert.equal(node.state.ledger.transfers.size, transfers);
    assert.equal(nodeCommandShapeError(setQueueOrder('EUR', 'lifo' as QueueOrder)), 'a queue order is fifo or fifo-bypass');
  });

  void it('registration: dns takes no queue order, a bad one is refused, a repeat naming another order conflicts', () => {
    const node = new TestNode();
    assert.ok(node.apply(networkSetup()).results.every((r) => r === 'accepted'));
    node.one(registerAgent('SNBZCHZZ'));
    assert.deepEqual(
      node.each([
        registerCurrency('CHF', { mode: 'dns', queueOrder: 'fifo' }),
        registerCurrency('CHF', { queueOrder: 'lifo' as QueueOrder }),
        registerCurrency('EUR', { queueOrder: 'fifo' }),
        registerCurrency('EUR', { queueOrder: 'fifo-bypass' }),
        registerCurrency('EUR'),
      ]),
      ['settlement_mode_invalid', 'queue_order_invalid', 'currency_exists', 'already_applied', 'already_applied'],
    );
    assert.equal(node.state.network.currencies.has('CHF'), false);
    assert.equal(node.one(setQueueOrder('EUR', 'fifo')), 'accepted');
    assert.equal(node.one(registerCurrency('EUR')), 'already_applied', 'a repeat that names no order leaves the operator’s');
    assert.equal(orderOf(node), 'fifo');
    assert.equal(node.one(registerCurrency('CHF', { mode: 'rtgs-lsm', queueOrder: 'fifo' })), 'accepted');
    assert.equal(orderOf(node, 'CHF'), 'fifo');
  });
});

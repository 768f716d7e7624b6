import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertLedgerInvariants } from '../ledger/index.js';
import { decodeState, encodeState } from '../journal/index.js';
import { applyNodeBatch, type NodeCommand } from './apply.js';
import { fxInventoryAccountId, fxPostTransferId, fxReserveTransferId, fxVoidTransferId, uetrTransferId } from './ids.js';
import { assertNetworkInvariants } from './invariants.js';
import { fxSinkParticipant, isWaiting } from './fx-wait.js';
import { bank, cancelPayment, endOfDay, fundIn, payment, requestCancellation, setQueueOrder, setSuspended, settlementTick, TestNode } from './test-support/commands.js';
import { chfWithQuote, fxNode, fxPayment, holdFxRoute, postFxQuote, provider, quoteInput, routeId, setFxPolicy } from './test-support/fx-commands.js';
import { settlementAccountKey } from './state.js';
import { currencyDayReport } from './day-report.js';

const { A, B, C } = bank;
const { P } = provider;
const minuteUs = 60_000_000;

function check(node: TestNode): void {
  assertLedgerInvariants(node.state.ledger);
  assertNetworkInvariants(node.state, { deep: true });
}

function inventory(node: TestNode, bic: string, currency: string): { posted: bigint; pending: bigint } {
  const account = node.state.ledger.accounts.get(fxInventoryAccountId(bic, currency))!;
  return { posted: account.creditsPosted - account.debitsPosted, pending: account.debitsPending };
}

function creditsPending(node: TestNode, bic: string, currency: string): bigint {
  return node.state.ledger.accounts.get(node.state.network.settlementAccounts.get(settlementAccountKey(bic, currency))!)!.creditsPending;
}

/** fxNode with FX payments allowed to wait a minute. A holds 10,000.00 EUR. */
function waitingNode(timeoutMs = 60_000): TestNode {
  const node = fxNode();
  assert.equal(node.one(setFxPolicy({ queueTimeoutMs: timeoutMs })), 'accepted');
  return node;
}

/** 15,000.00 EUR from A to B in USD: more than A holds, so it waits. */
function tooBig(seed: string | number, fields: { routeId?: string } = {}) {
  return fxPayment({ seed, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 1_500_000n, ...fields });
}

/** Lets `us` pass with nothing happening (the next batch comes that much later). */
function wait(node: TestNode, us: number): void {
  node.apply([], us);
}

function history(node: TestNode, uetr: string): string[] {
  return node.state.network.payments.get(uetr)!.history.map((h) => (h.reason === null ? h.status : `${h.status} ${h.reason}`));
}

describe('an FX payment waits in its source currency’s rtgs queue', () => {
  it('priced and its provider leg reserved at once; when liquidity arrives every leg posts together, at the price fixed on entry', () => {
    const node = waitingNode();
    const p = tooBig(1);
    const before = { a: node.balance(A, 'EUR'), b: node.balance(B, 'USD'), pUsd: inventory(node, P, 'USD'), pEur: inventory(node, P, 'EUR') };
    assert.equal(node.one(p), 'accepted');
    const record = node.state.network.payments.get(p.uetr)!;
    assert.deepEqual(history(node, p.uetr), ['received', 'validated', 'queued']);
    assert.equal(record.fx!.deliveredMinor, 1_620_000n);
    assert.equal(record.fx!.rate, '1.08');
    // P's USD is held for it (pending), B sees a pending credit, A's EUR has not moved.
    assert.deepEqual(inventory(node, P, 'USD'), { posted: before.pUsd.posted, pending: 1_620_000n });
    assert.equal(creditsPending(node, B, 'USD'), 1_620_000n);
    assert.equal(node.balance(A, 'EUR'), before.a);
    assert.equal(node.state.ledger.transfers.has(uetrTransferId(p.uetr)), false);
    assert.equal(node.state.ledger.pendingStatus.get(fxReserveTransferId(p.uetr, 1)), 'pending');
    assert.equal(node.inbox(A).at(-1)!.type, 'payment.queued');
    check(node);
    // A re-prices P's quote meanwhile: the waiting payment keeps its price.
    assert.equal(node.one(postFxQuote(P, quoteInput('P-EURUSD', 'EUR', 'USD', '1.05', '1.07'), true)), 'accepted');
    assert.equal(node.one(fundIn(A, 'EUR', 600_000n, 'A-EUR-2')), 'accepted');
    assert.deepEqual(history(node, p.uetr), ['received', 'validated', 'queued', 'settled']);
    assert.equal(node.balance(A, 'EUR'), before.a + 600_000n - 1_500_000n);
    assert.equal(node.balance(B, 'USD'), before.b + 1_620_000n);
    assert.deepEqual(inventory(node, P, 'USD'), { posted: before.pUsd.posted - 1_620_000n, pending: 0n });
    assert.deepEqual(inventory(node, P, 'EUR'), { posted: before.pEur.posted + 1_500_000n, pending: 0n });
    assert.equal(creditsPending(node, B, 'USD'), 0n);
    const fx = node.state.network.payments.get(p.uetr)!.fx!;
    assert.deepEqual(fx.transfers, [uetrTransferId(p.uetr), fxPostTransferId(p.uetr, 1)]);
    assert.equal(node.state.ledger.pendingStatus.get(fxReserveTransferId(p.uetr, 1)), 'posted');
    // Both sides hear it with their amounts; the provider hears its inventory moved.
    const debtor = node.state.network.inboxes.get(A)!.at(-1)!;
    const creditor = node.state.network.inboxes.get(B)!.at(-1)!;
    assert.deepEqual([debtor.type, debtor.currency, debtor.amount], ['payment.settled', 'EUR', 1_500_000n]);
    assert.deepEqual([creditor.type, creditor.currency, creditor.amount], ['payment.received', 'USD', 1_620_000n]);
    assert.deepEqual([node.inbox(P).at(-1)!.type, node.inbox(P).at(-1)!.subject], ['fx.inventory_moved', p.uetr]);
    assert.equal(isWaiting(node.state.network, p.uetr, 'EUR'), false);
    // The FX sink gave on what it got: the engine still sees exactly the ledger's liquidity.
    const engine = node.state.network.settlement.get('EUR')!.engine;
    assert.equal(engine.participants[engine.indexById.get(fxSinkParticipant)!]!.balance, 0n);
    check(node);
  });

  it('times out after the policy’s queueTimeoutMs: rejected AB03, every reservation voided, nothing moved', () => {
    const node = waitingNode();
    const p = tooBig(2);
    const before = { a: node.balance(A, 'EUR'), pUsd: inventory(node, P, 'USD') };
    assert.equal(node.one(p), 'accepted');
    wait(node, minuteUs - 10_000);
    assert.equal(node.one(settlementTick('EUR')), 'accepted');
    assert.equal(node.status(p.uetr), 'queued');
    wait(node, 20_000);
    assert.equal(node.one(settlementTick('EUR')), 'accepted');
    assert.deepEqual(history(node, p.uetr), ['received', 'validated', 'queued', 'rejected AB03']);
    assert.equal(node.state.ledger.pendingStatus.get(fxReserveTransferId(p.uetr, 1)), 'voided');
    assert.ok(node.state.ledger.transfers.has(fxVoidTransferId(p.uetr, 1)));
    assert.deepEqual(inventory(node, P, 'USD'), before.pUsd);
    assert.equal(creditsPending(node, B, 'USD'), 0n);
    assert.equal(node.balance(A, 'EUR'), before.a);
    // Liquidity arriving later settles nothing of it.
    assert.equal(node.one(fundIn(A, 'EUR', 600_000n, 'A-EUR-late')), 'accepted');
    assert.equal(node.status(p.uetr), 'rejected');
    assert.equal(node.state.ledger.transfers.has(uetrTransferId(p.uetr)), false);
    check(node);
  });

  it('any command after the moment ends it first: liquidity arriving too late does not settle it', () => {
    const node = waitingNode();
    const p = tooBig(3);
    assert.equal(node.one(p), 'accepted');
    wait(node, minuteUs + 1);
    assert.equal(node.one(fundIn(A, 'EUR', 600_000n, 'A-EUR-late')), 'accepted');
    assert.deepEqual(history(node, p.uetr), ['received', 'validated', 'queued', 'rejected AB03']);
    assert.equal(node.balance(A, 'EUR'), 1_600_000n);
    check(node);
  });

  it('never waits past its held route’s end (its quotes’ firmness): AB05; settled before it, at the held price', () => {
    const node = waitingNode(600_000);
    assert.equal(node.one(holdFxRoute(A, 'h1', 'EUR', 'USD', 'send', 1_500_000n, 5)), 'accepted');
    const p = tooBig(4, { routeId: routeId('h1') });
    assert.equal(node.one(p), 'accepted');
    assert.equal(node.state.network.payments.get(p.uetr)!.fx!.wait!.endsBy, 'quotes');
    assert.equal(node.state.network.fx.routes.get(routeId('h1'))!.usedBy, p.uetr);
    wait(node, 5_000_000);
    assert.equal(node.one(settlementTick('EUR')), 'accepted');
    assert.deepEqual(history(node, p.uetr), ['received', 'validated', 'queued', 'rejected AB05']);
    check(node);

    assert.equal(node.one(holdFxRoute(A, 'h2', 'EUR', 'USD', 'send', 1_500_000n, 5)), 'accepted');
    const q = tooBig(5, { routeId: routeId('h2') });
    assert.equal(node.one(q), 'accepted');
    wait(node, 4_000_000);
    assert.equal(node.one(fundIn(A, 'EUR', 600_000n, 'A-EUR-3')), 'accepted');
    assert.equal(node.status(q.uetr), 'settled');
    assert.equal(node.state.network.payments.get(q.uetr)!.fx!.deliveredMinor, 1_620_000n);
    check(node);
  });

  it('the sender may cancel it while it waits: rejected DS02, reservations voided', () => {
    const node = waitingNode();
    const p = tooBig(6);
    assert.equal(node.one(p), 'accepted');
    assert.equal(node.one(cancelPayment(A, p.uetr)), 'accepted');
    assert.deepEqual(history(node, p.uetr), ['received', 'validated', 'queued', 'rejected DS02']);
    assert.equal(node.state.ledger.pendingStatus.get(fxReserveTransferId(p.uetr, 1)), 'voided');
    assert.equal(inventory(node, P, 'USD').pending, 0n);
    check(node);
    // A camt.056 of a waiting one cancels it too; of a settled one, it is refused (PvP is final).
    const q = tooBig(14);
    assert.equal(node.one(q), 'accepted');
    assert.equal(node.one(requestCancellation(A, q.uetr, 'CASE-1', 'DUPL')), 'accepted');
    assert.deepEqual(history(node, q.uetr), ['received', 'validated', 'queued', 'rejected DS02']);
    assert.equal(node.one(fxPayment({ seed: 15, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n })), 'accepted');
    assert.equal(node.one(requestCancellation(A, fxPayment({ seed: 15, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n }).uetr, 'CASE-2', 'DUPL')), 'fx_payment_final');
    check(node);
  });

  it('end of day rejects it like any queued payment (AB03), reservations voided', () => {
    const node = waitingNode();
    const p = tooBig(7);
    assert.equal(node.one(p), 'accepted');
    assert.equal(node.one(endOfDay('EUR')), 'accepted');
    assert.deepEqual(history(node, p.uetr), ['received', 'validated', 'queued', 'rejected AB03']);
    assert.equal(inventory(node, P, 'USD').pending, 0n);
    check(node);
  });

  it('follows the queue order: behind A’s blocked queue head under fifo, past it under fifo-bypass like any normal payment', () => {
    const node = waitingNode();
    assert.equal(node.one(setQueueOrder('EUR', 'fifo')), 'accepted');
    const first = payment({ seed: 'first', from: A, to: B, amount: 1_200_000n });
    assert.equal(node.one(first), 'accepted');
    const p = fxPayment({ seed: 8, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100_000n });
    assert.equal(node.one(p), 'accepted');
    assert.deepEqual([node.status(first.uetr), node.status(p.uetr)], ['queued', 'queued']);
    check(node);
    assert.equal(node.one(fundIn(A, 'EUR', 300_000n, 'A-EUR-4')), 'accepted');
    assert.deepEqual([node.status(first.uetr), node.status(p.uetr)], ['settled', 'settled']);
    assert.equal(node.balance(A, 'EUR'), 0n);
    check(node);

    const bypass = waitingNode();
    assert.equal(bypass.one(first), 'accepted');
    assert.equal(bypass.one(p), 'accepted');
    assert.deepEqual([bypass.status(first.uetr), bypass.status(p.uetr)], ['queued', 'settled']);
    assert.deepEqual(history(bypass, p.uetr), ['received', 'validated', 'settled']);
    check(bypass);
  });

  it('rtgs-lsm: a gridlock run releases it with the payments it is locked with, all in one chain', () => {
    const node = waitingNode();
    const setup: NodeCommand[] = chfWithQuote('rtgs-lsm', [A, B, C], 10_000n);
    assert.ok(node.apply(setup).results.every((r) => r === 'accepted'));
    // B (nothing) sends 100.00 CHF to A in USD; A (100.00 CHF) owes B 500.00, B owes C 400.00, C owes A 400.00:
    // no payment fits alone, nor two by two; the cycle with the FX leg does, net.
    const p = fxPayment({ seed: 'lsm', from: B, to: A, sourceCurrency: 'CHF', targetCurrency: 'USD', amount: 10_000n });
    const cycle = [
      payment({ seed: 'ab', from: A, to: B, currency: 'CHF', amount: 50_000n }),
      payment({ seed: 'bc', from: B, to: C, currency: 'CHF', amount: 40_000n }),
      payment({ seed: 'ca', from: C, to: A, currency: 'CHF', amount: 40_000n }),
    ];
    assert.deepEqual(node.each([p, ...cycle]), ['accepted', 'accepted', 'accepted', 'accepted']);
    assert.deepEqual([p, ...cycle].map((x) => node.status(x.uetr)), ['queued', 'queued', 'queued', 'queued']);
    check(node);
    const usdBefore = node.balance(A, 'USD');
    assert.equal(node.one(settlementTick('CHF')), 'accepted');
    assert.deepEqual([p, ...cycle].map((x) => node.status(x.uetr)), ['settled', 'settled', 'settled', 'settled']);
    assert.deepEqual([node.balance(A, 'CHF'), node.balance(B, 'CHF'), node.balance(C, 'CHF')], [0n, 0n, 0n]);
    assert.equal(node.balance(A, 'USD'), usdBefore + 11_000n);
    check(node);
  });

  it('held while a party is suspended, like any queued payment; the day report shows no FX sink row', () => {
    const node = waitingNode();
    const p = tooBig(13);
    assert.equal(node.one(p), 'accepted');
    assert.equal(node.one(setSuspended(B, true)), 'accepted');
    assert.equal(node.state.network.settlement.get('EUR')!.engine.payments.get(p.uetr)!.status, 'held');
    // Liquidity arrives while it is held: it does not settle.
    assert.equal(node.one(fundIn(A, 'EUR', 600_000n, 'A-EUR-held')), 'accepted');
    assert.equal(node.status(p.uetr), 'queued');
    check(node);
    const report = currencyDayReport(node.state, node.state.network.settlement.get('EUR')!, node.nextTimestamp);
    assert.ok(report.participants.every((row) => row.bic !== fxSinkParticipant));
    assert.equal(node.one(setSuspended(B, false)), 'accepted');
    assert.equal(node.status(p.uetr), 'settled');
    check(node);
  });

  it('a provider short of inventory at entry: rejected AM04 at once, nothing reserved, nothing queued', () => {
    const node = waitingNode();
    const p = fxPayment({ seed: 9, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100_000_000n });
    assert.equal(node.one(p), 'fx_inventory_insufficient');
    assert.deepEqual(history(node, p.uetr), ['received', 'validated', 'rejected AM04']);
    assert.equal(node.state.network.settlement.get('EUR')!.engine.payments.has(p.uetr), false);
    check(node);
  });

  it('no queue timeout in the policy (the default): rejected AM04 at once, as before waiting existed', () => {
    const node = fxNode();
    const p = tooBig(10);
    assert.equal(node.one(p), 'insufficient_funds');
    assert.deepEqual(history(node, p.uetr), ['received', 'validated', 'rejected AM04']);
  });

  it('a dns source currency never waits: a window may abort after the other legs posted (rejected AM04 at once)', () => {
    const node = waitingNode();
    const setup: NodeCommand[] = chfWithQuote('dns', [A, B], 100_000n);
    assert.ok(node.apply(setup).results.every((r) => r === 'accepted'));
    const p = fxPayment({ seed: 11, from: A, to: B, sourceCurrency: 'CHF', targetCurrency: 'USD', amount: 100_001n });
    assert.equal(node.one(p), 'insufficient_funds');
    assert.equal(node.state.network.payments.get(p.uetr)!.reason, 'AM04');
    check(node);
  });

  it('the policy’s timeout is bounded: 0..600000 ms', () => {
    const node = fxNode();
    assert.equal(node.one(setFxPolicy({ queueTimeoutMs: 600_001 })), 'fx_policy_invalid');
    assert.equal(node.one(setFxPolicy({ queueTimeoutMs: -1 })), 'fx_policy_invalid');
    assert.equal(node.one(setFxPolicy({ queueTimeoutMs: 1.5 })), 'fx_policy_invalid');
    assert.equal(node.one(setFxPolicy({ queueTimeoutMs: 600_000 })), 'accepted');
  });

  it('a snapshot taken while it waits restores it waiting: liquidity then settles it, and the states stay equal', () => {
    const live = waitingNode();
    const p = tooBig(12);
    assert.equal(live.one(p), 'accepted');
    const restored = new TestNode(decodeState(encodeState(live.state)));
    check(restored);
    assert.equal(isWaiting(restored.state.network, p.uetr, 'EUR'), true);
    const batch = { timestamp: live.nextTimestamp, commands: [fundIn(A, 'EUR', 600_000n, 'A-EUR-5')] };
    assert.deepEqual(applyNodeBatch(live.state, batch).results, applyNodeBatch(restored.state, batch).results);
    assert.equal(restored.status(p.uetr), 'settled');
    assert.deepEqual(encodeState(restored.state), encodeState(live.state));
    check(restored);
  });
});

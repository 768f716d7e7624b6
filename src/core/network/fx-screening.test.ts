import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertLedgerInvariants } from '../ledger/index.js';
import { decodeState, encodeState } from '../journal/index.js';
import type { NodeCommand } from './apply.js';
import { fxInventoryAccountId, fxReserveTransferId, uetrTransferId } from './ids.js';
import { assertNetworkInvariants } from './invariants.js';
import { bank, cancelPayment, message, requestCancellation, setSuspended, TestNode, transaction } from './test-support/commands.js';
import { fxNode, fxPayment, holdFxRoute, japanBank, postFxQuote, provider, quoteInput, routeId, type FxPaymentFields } from './test-support/fx-commands.js';
import { addOfficerKey, decide, importList, sanctionsList } from './test-support/screening-commands.js';
import type { SubmitFxPaymentCommand } from './fx-types.js';

const { A, B } = bank;
const { P } = provider;

/** The FX network with the sanctions list active for every participant and officer key OFFICER01. */
function screenedFxNode(): TestNode {
  const node = fxNode();
  const results = node.apply([...importList('SANCT', 'v1', sanctionsList()), addOfficerKey('maria.k', 'OFFICER01')]).results;
  if (results.some((r) => r !== 'accepted')) throw new Error(`screening setup failed: ${results.join(', ')}`);
  return node;
}

/** 100 EUR from A to B in USD, its creditor a listed person (a typo of Viktor Petrenko). */
function listedFxPayment(seed: string, fields: Partial<FxPaymentFields> = {}): SubmitFxPaymentCommand {
  return { ...fxPayment({ seed, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n, ...fields }), creditorName: 'Viktor Petrenco' };
}

function check(node: TestNode): void {
  assertLedgerInvariants(node.state.ledger);
  assertNetworkInvariants(node.state, { deep: true });
}

function statuses(node: TestNode, uetr: string): string[] {
  return node.state.network.payments.get(uetr)!.history.map((h) => h.status);
}

function inventory(node: TestNode, bic: string, currency: string): bigint {
  const account = node.state.ledger.accounts.get(fxInventoryAccountId(bic, currency))!;
  return account.creditsPosted - account.debitsPosted;
}

/** Every balance that an FX payment from A (EUR) to B (USD) through P could move. */
function money(node: TestNode): { aEur: bigint; bUsd: bigint; pEur: bigint; pUsd: bigint } {
  return { aEur: node.balance(A, 'EUR'), bUsd: node.balance(B, 'USD'), pEur: inventory(node, P, 'EUR'), pUsd: inventory(node, P, 'USD') };
}

describe('screening of cross-currency payments', () => {
  it('holds an FX payment naming a listed party: no money moves, nothing is reserved, a route it names stays unused', () => {
    const node = screenedFxNode();
    node.one(holdFxRoute(A, 'held', 'EUR', 'USD', 'send', 10_000n, 300));
    const before = money(node);
    const ledgerTransfers = node.state.ledger.transfers.size;
    const p = listedFxPayment('held', { routeId: routeId('held') });
    assert.equal(node.one(p), 'accepted');
    const record = node.state.network.payments.get(p.uetr)!;
    assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'held']);
    assert.deepEqual(record.fx!.transfers, []);
    assert.deepEqual(money(node), before);
    assert.equal(node.state.ledger.transfers.size, ledgerTransfers);
    assert.ok(!node.state.ledger.transfers.has(uetrTransferId(p.uetr)) && !node.state.ledger.transfers.has(fxReserveTransferId(p.uetr, 0)));
    assert.equal(node.state.network.fx.routes.get(routeId('held'))!.usedBy, null);
    const hold = node.state.network.screening.holds.get(p.uetr)!;
    assert.equal(hold.decision, null);
    assert.equal(hold.hits[0]!.field, 'creditor.name');
    assert.deepEqual(node.inboxTypes(B).filter((t) => t.startsWith('payment.')), []);
    check(node);
  });

  it('screens the parties fields of a JSON FX payment (an ultimate creditor)', () => {
    const node = screenedFxNode();
    const p = { ...fxPayment({ seed: 'parties', from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n }), parties: { ultimateCreditorName: 'Oceanic Shadow Trading LLC' } };
    assert.equal(node.one(p), 'accepted');
    assert.equal(node.status(p.uetr), 'held');
    assert.equal(node.state.network.screening.holds.get(p.uetr)!.hits[0]!.field, 'ultimateCreditor.name');
    const clear = fxPayment({ seed: 'clear', from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n });
    assert.equal(node.one(clear), 'accepted');
    assert.equal(node.status(clear.uetr), 'settled');
    check(node);
  });

  it('released, it settles payment-versus-payment with the legs of its held route, every currency conserved', () => {
    const node = screenedFxNode();
    node.one(holdFxRoute(A, 'r', 'EUR', 'USD', 'send', 10_000n, 300));
    const before = money(node);
    const p = listedFxPayment('release', { routeId: routeId('r') });
    node.one(p);
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'release')), 'accepted');
    const record = node.state.network.payments.get(p.uetr)!;
    assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'held', 'released', 'settled']);
    assert.equal(record.fx!.routeId, routeId('r'));
    assert.deepEqual(record.fx!.legs.map((l) => [l.provider, l.amountInMinor, l.amountOutMinor]), [[P, 10_000n, 10_800n]]);
    assert.equal(record.fx!.transfers[0], uetrTransferId(p.uetr));
    const after = money(node);
    assert.equal(after.aEur, before.aEur - 10_000n);
    assert.equal(after.pEur, before.pEur + 10_000n);
    assert.equal(after.pUsd, before.pUsd - 10_800n);
    assert.equal(after.bUsd, before.bUsd + 10_800n);
    assert.equal(node.state.network.fx.routes.get(routeId('r'))!.usedBy, p.uetr);
    assert.deepEqual(node.inboxTypes(B).filter((t) => t.startsWith('payment.')), [`payment.received ${p.uetr}`]);
    check(node);
  });

  it('released after its route and quote changed: priced again at the release time by the best route then', () => {
    const node = screenedFxNode();
    node.one(holdFxRoute(A, 'short', 'EUR', 'USD', 'send', 10_000n, 1));
    const p = listedFxPayment('reprice', { routeId: routeId('short') });
    node.one(p);
    assert.equal(node.state.network.payments.get(p.uetr)!.fx!.deliveredMinor, 10_800n);
    node.one(postFxQuote(P, quoteInput('P-EURUSD', 'EUR', 'USD', '1.07', '1.09'), true));
    node.apply([], 2_000_000);
    const before = money(node);
    node.one(decide('OFFICER01', p.uetr, 'release'));
    const record = node.state.network.payments.get(p.uetr)!;
    assert.equal(record.status, 'settled');
    assert.equal(record.fx!.routeId, null);
    assert.equal(record.fx!.rate, '1.07');
    assert.equal(record.fx!.deliveredMinor, 10_700n);
    assert.equal(money(node).bUsd, before.bUsd + 10_700n);
    assert.equal(money(node).aEur, before.aEur - 10_000n);
    check(node);
  });

  it('a deliver payment re-priced sends the new amount; beyond its instructed amount it ends rejected (AM09)', () => {
    const node = screenedFxNode();
    const ok = listedFxPayment('deliver-ok', { mode: 'deliver', amount: 10_800n });
    const capped = { ...listedFxPayment('deliver-cap', { mode: 'deliver', amount: 10_800n }), sendMaxMinor: 10_000n };
    node.apply([ok, capped]);
    assert.equal(node.state.network.payments.get(ok.uetr)!.amount, 10_000n);
    // P now sells USD dearer: delivering 108 USD takes more EUR.
    node.one(postFxQuote(P, quoteInput('P-EURUSD', 'EUR', 'USD', '1.07', '1.09'), true));
    node.apply([decide('OFFICER01', ok.uetr, 'release'), decide('OFFICER01', capped.uetr, 'release')]);
    const settled = node.state.network.payments.get(ok.uetr)!;
    assert.equal(settled.status, 'settled');
    assert.equal(settled.fx!.deliveredMinor, 10_800n);
    assert.equal(settled.amount, 10_094n);
    const rejected = node.state.network.payments.get(capped.uetr)!;
    assert.deepEqual([rejected.status, rejected.reason], ['rejected', 'AM09']);
    assert.deepEqual(rejected.fx!.transfers, []);
    check(node);
  });

  it('released after every quote that could serve expired: rejected with the pricing reason (AB05), the debtor told', () => {
    const node = screenedFxNode();
    const p = listedFxPayment('expired');
    node.one(p);
    const before = money(node);
    node.apply([], 3_600_000_000);
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'release')), 'accepted');
    const record = node.state.network.payments.get(p.uetr)!;
    assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'held', 'released', 'rejected']);
    assert.equal(record.reason, 'AB05');
    assert.deepEqual(money(node), before);
    assert.deepEqual(node.inboxTypes(A).filter((t) => t.startsWith('payment.')), [`payment.rejected ${p.uetr}`]);
    check(node);
  });

  it('released when the payer can no longer cover it: rejected AM04, nothing moved', () => {
    const node = screenedFxNode();
    const p = listedFxPayment('poor', { amount: 900_000n });
    node.one(p);
    // A spends its EUR meanwhile.
    assert.equal(node.one(fxPayment({ seed: 'spend', from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 500_000n })), 'accepted');
    const before = money(node);
    node.one(decide('OFFICER01', p.uetr, 'release'));
    const record = node.state.network.payments.get(p.uetr)!;
    assert.deepEqual([record.status, record.reason], ['rejected', 'AM04']);
    assert.deepEqual(money(node), before);
    check(node);
  });

  it('rejected by an officer: the sender gets the rejection with the reason, no money moves, the route stays usable', () => {
    const node = screenedFxNode();
    node.one(holdFxRoute(A, 'kept', 'EUR', 'USD', 'send', 10_000n, 300));
    const before = money(node);
    const p = listedFxPayment('reject', { routeId: routeId('kept') });
    node.one(p);
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'reject', 'RR04', 'confirmed match')), 'accepted');
    const record = node.state.network.payments.get(p.uetr)!;
    assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'held', 'rejected']);
    assert.equal(record.reason, 'RR04');
    assert.deepEqual(money(node), before);
    assert.deepEqual(node.inboxTypes(A).filter((t) => t.startsWith('payment.')), [`payment.rejected ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(B).filter((t) => t.includes(p.uetr)), []);
    const other = fxPayment({ seed: 'uses-route', from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n, routeId: routeId('kept') });
    assert.equal(node.one(other), 'accepted');
    assert.equal(node.status(other.uetr), 'settled');
    check(node);
  });

  it('withdrawn by its sender (cancel or camt.056): rejected DS02, nothing reserved or moved, the route stays usable, no decision any more', () => {
    const node = screenedFxNode();
    node.one(holdFxRoute(A, 'withdrawn', 'EUR', 'USD', 'send', 10_000n, 300));
    const before = money(node);
    const byCancel = listedFxPayment('withdrawn-cancel', { routeId: routeId('withdrawn') });
    const byCamt = listedFxPayment('withdrawn-camt');
    node.apply([byCancel, byCamt]);
    assert.deepEqual(node.apply([cancelPayment(A, byCancel.uetr), requestCancellation(A, byCamt.uetr, 'CASE-FX', 'CUST')]).results, ['accepted', 'accepted']);
    for (const p of [byCancel, byCamt]) {
      assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'held', 'rejected']);
      assert.equal(node.state.network.payments.get(p.uetr)!.reason, 'DS02');
      assert.equal(node.one(decide('OFFICER01', p.uetr, 'release')), 'hold_withdrawn');
    }
    assert.equal(node.state.network.payments.get(byCamt.uetr)!.cancellation!.status, 'accepted');
    assert.deepEqual(money(node), before);
    // The route it named was never consumed: another payment of its holder may use it.
    const next = { ...fxPayment({ seed: 'after-withdrawal', from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n, routeId: routeId('withdrawn') }) };
    assert.equal(node.one(next), 'accepted');
    assert.equal(node.status(next.uetr), 'settled');
    check(node);
  });

  it('a release is refused while a party is suspended; the payment stays held', () => {
    const node = screenedFxNode();
    const p = listedFxPayment('suspended');
    node.one(p);
    assert.equal(node.one(setSuspended(B, true)), 'accepted');
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'release')), 'participant_suspended');
    assert.equal(node.status(p.uetr), 'held');
    check(node);
  });

  it('holds an ISO FX transaction (InstdAmt in EUR, settlement in JPY) whose creditor is listed: PDNG, nothing moves', () => {
    const node = screenedFxNode();
    const eur = node.balance(A, 'EUR');
    const tx = { ...transaction({ seed: 'iso-fx', from: A, to: japanBank, currency: 'JPY', amount: 1620n }), creditorName: 'Viktor Petrenco', fx: { instructedCurrency: 'EUR', instructedMinor: 1_000n, exchangeRate: '162' } };
    assert.equal(node.one(message(A, 'MSG-FX-HELD', [tx])), 'accepted');
    assert.equal(node.status(tx.uetr), 'held');
    assert.equal(node.balance(A, 'EUR'), eur);
    assert.equal(node.state.network.payments.get(tx.uetr)!.fx!.sendMaxMinor, 1_000n);
    node.one(decide('OFFICER01', tx.uetr, 'release'));
    assert.equal(node.status(tx.uetr), 'settled');
    assert.equal(node.balance(japanBank, 'JPY'), 1620n);
    assert.equal(node.balance(A, 'EUR'), eur - 1_000n);
    check(node);
  });

  it('screens the parties of an ISO FX transaction (an ultimate debtor)', () => {
    const node = screenedFxNode();
    const tx = { ...transaction({ seed: 'iso-fx-parties', from: A, to: japanBank, currency: 'JPY', amount: 1620n }), parties: { ultimateDebtorName: 'Ahmad Karimi Rostami' }, fx: { instructedCurrency: 'EUR', instructedMinor: 1_000n, exchangeRate: '162' } };
    node.one(message(A, 'MSG-FX-PARTIES', [tx]));
    assert.equal(node.status(tx.uetr), 'held');
    check(node);
  });

  it('replay equals live with held FX payments, and a snapshot restores them so the next decisions agree', () => {
    const listed = (seed: string, fields: Partial<FxPaymentFields> = {}) => listedFxPayment(seed, fields);
    const setup = fxNode();
    const batches: NodeCommand[][] = [
      [...importList('SANCT', 'v1', sanctionsList()), addOfficerKey('maria.k', 'OFFICER01')],
      [holdFxRoute(A, 'snap', 'EUR', 'USD', 'send', 10_000n, 300), listed('s-1', { routeId: routeId('snap') }), listed('s-2', { mode: 'deliver', amount: 5_400n })],
      [decide('OFFICER01', listed('s-1').uetr, 'release'), listed('s-3')],
    ];
    const live = new TestNode(decodeState(encodeState(setup.state)), setup.nextTimestamp);
    const replayed = new TestNode(decodeState(encodeState(setup.state)), setup.nextTimestamp);
    for (const batch of batches) live.apply(batch);
    for (const batch of batches) replayed.apply(batch);
    const bytes = encodeState(live.state);
    assert.ok(encodeState(replayed.state).equals(bytes));
    const restored = new TestNode(decodeState(bytes), live.nextTimestamp);
    assert.ok(encodeState(restored.state).equals(bytes));
    assert.equal(restored.status(listed('s-2').uetr), 'held');
    const next: NodeCommand[] = [decide('OFFICER01', listed('s-2').uetr, 'release'), decide('OFFICER01', listed('s-3').uetr, 'reject')];
    assert.deepEqual(restored.apply(next).results, live.apply(next).results);
    assert.ok(encodeState(restored.state).equals(encodeState(live.state)));
    assert.equal(restored.status(listed('s-2').uetr), 'settled');
    check(restored);
  });

  it('without active lists, an FX payment naming a listed party settles as before', () => {
    const node = fxNode();
    const p = listedFxPayment('nolists');
    node.one(p);
    assert.equal(node.status(p.uetr), 'settled');
    assert.equal(node.state.network.screening.holds.size, 0);
  });
});

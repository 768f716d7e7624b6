import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertLedgerInvariants } from '../ledger/index.js';
import { idZero } from '../ledger/types.js';
import { decodeState, encodeState } from '../journal/index.js';
import type { NodeCommand } from './apply.js';
import { encodeNetworkState } from './codec.js';
import { fxInventoryAccountId, fxReserveTransferId, uetrTransferId } from './ids.js';
import { assertNetworkInvariants } from './invariants.js';
import { bank, fundIn, message, payment, returnPayment, requestCancellation, setLimits, TestNode, transaction, windowAction } from './test-support/commands.js';
import { chfWithQuote, fxNode, fxPayment, holdFxRoute, inOneHourMs, japanBank, moveFxInventory, postFxQuote, provider, quoteInput, routeId, setFxPolicy, withdrawFxQuote } from './test-support/fx-commands.js';

const { A, B } = bank;
const { P, Q } = provider;

function check(node: TestNode): void {
  assertLedgerInvariants(node.state.ledger);
  assertNetworkInvariants(node.state, { deep: true });
}

function inventory(node: TestNode, bic: string, currency: string): bigint {
  const account = node.state.ledger.accounts.get(fxInventoryAccountId(bic, currency))!;
  return account.creditsPosted - account.debitsPosted;
}

/** Everything a refused command must leave as it was: the whole network state and the ledger's sizes. */
function footprint(node: TestNode): string {
  const { ledger, network } = node.state;
  return `${encodeNetworkState(network).join('\n')}\ntransfers=${ledger.transfers.size} failed=${ledger.failedIds.size} accounts=${ledger.accounts.size}`;
}

describe('FX payments settle payment-versus-payment', () => {
  it('send 100 EUR to B in USD at P’s bid: every leg posted in one chain, both amounts and the rate stated', () => {
    const node = fxNode();
    const before = { a: node.balance(A, 'EUR'), b: node.balance(B, 'USD'), pEur: inventory(node, P, 'EUR'), pUsd: inventory(node, P, 'USD') };
    const p = fxPayment({ seed: 1, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n });
    assert.equal(node.one(p), 'accepted');
    const record = node.state.network.payments.get(p.uetr)!;
    assert.equal(record.status, 'settled');
    assert.deepEqual(record.history.map((h) => h.status), ['received', 'validated', 'settled']);
    assert.equal(record.currency, 'EUR');
    assert.equal(record.amount, 10_000n);
    assert.equal(record.fx!.targetCurrency, 'USD');
    assert.equal(record.fx!.deliveredMinor, 10_800n);
    assert.equal(record.fx!.rate, '1.08');
    assert.deepEqual(record.fx!.legs.map((l) => [l.provider, l.quoteId, l.side, l.rate, l.amountInMinor, l.amountOutMinor]), [[P, 'P-EURUSD', 'bid', '1.08', 10_000n, 10_800n]]);
    assert.equal(node.balance(A, 'EUR'), before.a - 10_000n);
    assert.equal(node.balance(B, 'USD'), before.b + 10_800n);
    assert.equal(inventory(node, P, 'EUR'), before.pEur + 10_000n);
    assert.equal(inventory(node, P, 'USD'), before.pUsd - 10_800n);
    // Both legs posted as one linked chain, nothing reserved first: the payer's leg is the payment's own transfer.
    assert.equal(record.fx!.transfers[0], uetrTransferId(p.uetr));
    assert.equal(record.fx!.transfers.length, 2);
    for (const id of record.fx!.transfers) assert.equal(node.state.ledger.transfers.get(id)!.pendingId, idZero);
    assert.equal(node.state.ledger.transfers.has(fxReserveTransferId(p.uetr, 0)), false);
    assert.equal(node.state.ledger.transfers.has(fxReserveTransferId(p.uetr, 1)), false);
    const debtorEvent = node.state.network.inboxes.get(A)!.at(-1)!;
    const creditorEvent = node.state.network.inboxes.get(B)!.at(-1)!;
    assert.deepEqual([debtorEvent.type, debtorEvent.currency, debtorEvent.amount], ['payment.settled', 'EUR', 10_000n]);
    assert.deepEqual([creditorEvent.type, creditorEvent.currency, creditorEvent.amount], ['payment.received', 'USD', 10_800n]);
    check(node);
  });

  it('takes the best chain of pairs: EUR to JPY through USD (162) beats Q’s direct 161, and conserves every currency', () => {
    const node = fxNode();
    const p = fxPayment({ seed: 2, from: A, to: japanBank, sourceCurrency: 'EUR', targetCurrency: 'JPY', amount: 1_000n });
    assert.equal(node.one(p), 'accepted');
    const fx = node.state.network.payments.get(p.uetr)!.fx!;
    assert.deepEqual(fx.legs.map((l) => l.quoteId), ['P-EURUSD', 'P-USDJPY']);
    // 10.00 EUR → 10.80 USD → 1620 JPY; P serves both legs, so the USD never leaves its books.
    assert.equal(fx.deliveredMinor, 1620n);
    assert.equal(fx.transfers.length, 2);
    assert.equal(node.balance(japanBank, 'JPY'), 1620n);
    check(node);
  });

  it('deliver Y: the payee gets exactly Y, the payer sends the least amount whose value covers it (rounded up)', () => {
    const node = fxNode();
    const p = fxPayment({ seed: 3, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', mode: 'deliver', amount: 10_000n });
    assert.equal(node.one(p), 'accepted');
    const record = node.state.network.payments.get(p.uetr)!;
    // 100.00 USD at 1.08 needs 92.592… EUR: 92.60 EUR, never 92.59.
    assert.equal(record.amount, 9_260n);
    assert.equal(record.fx!.deliveredMinor, 10_000n);
    check(node);
  });

  it('a provider short of inventory fails the whole chain: the payment is rejected AM04 and no leg moved', () => {
    const node = fxNode();
    const before = { a: node.balance(A, 'EUR'), pEur: inventory(node, P, 'EUR'), transfers: node.state.ledger.transfers.size };
    const p = fxPayment({ seed: 4, from: A, to: japanBank, sourceCurrency: 'EUR', targetCurrency: 'JPY', amount: 900_000n });
    assert.equal(node.one(p), 'fx_inventory_insufficient');
    const record = node.state.network.payments.get(p.uetr)!;
    assert.deepEqual([record.status, record.reason], ['rejected', 'AM04']);
    assert.equal(node.balance(A, 'EUR'), before.a);
    assert.equal(inventory(node, P, 'EUR'), before.pEur);
    assert.equal(node.state.ledger.transfers.size, before.transfers);
    // A retry of the same request is the same answer, not a second attempt.
    assert.equal(node.one(p), 'already_applied');
    check(node);
  });

  it('the payer’s leg uses only liquidity its queue does not wait for, and never its urgent reserve', () => {
    const node = fxNode();
    // A has 10,000 EUR; a same-currency payment of 12,000 EUR queues behind its liquidity.
    const queued = payment({ seed: 'q', from: A, to: B, amount: 1_200_000n });
    assert.equal(node.one(queued), 'accepted');
    assert.equal(node.status(queued.uetr), 'queued');
    const p = fxPayment({ seed: 5, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n });
    assert.equal(node.one(p), 'insufficient_funds');
    assert.deepEqual([node.status(p.uetr), node.state.network.payments.get(p.uetr)!.reason], ['rejected', 'AM04']);
    check(node);
  });

  it('the payee’s leg is liquidity: a payment queued by the payee settles when an FX payment reaches it', () => {
    const node = fxNode();
    const waiting = payment({ seed: 'w', from: B, to: A, currency: 'USD', amount: 5_000n });
    assert.equal(node.one(waiting), 'accepted');
    assert.equal(node.status(waiting.uetr), 'queued');
    assert.equal(node.one(fxPayment({ seed: 6, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n })), 'accepted');
    assert.equal(node.status(waiting.uetr), 'settled');
    check(node);
  });

  it('is final: no return or cancellation through the network', () => {
    const node = fxNode();
    const p = fxPayment({ seed: 7, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n });
    node.one(p);
    assert.equal(node.one(returnPayment(B, p.uetr, 100n, 'RET')), 'fx_payment_final');
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE')), 'fx_payment_final');
    check(node);
  });
});

describe('held routes', () => {
  it('hold the price for the participant: a quote replaced or withdrawn later does not change it', () => {
    const node = fxNode();
    assert.equal(node.one(holdFxRoute(A, 'h', 'EUR', 'USD', 'send', 10_000n)), 'accepted');
    const held = node.state.network.fx.routes.get(routeId('h'))!;
    assert.deepEqual([held.sentMinor, held.deliveredMinor, held.rate], [10_000n, 10_800n, '1.08']);
    assert.equal(node.one(postFxQuote(P, quoteInput('P-EURUSD', 'EUR', 'USD', '1.07', '1.09'), true)), 'accepted');
    const p = fxPayment({ seed: 8, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n, routeId: routeId('h') });
    assert.equal(node.one(p), 'accepted');
    assert.equal(node.state.network.payments.get(p.uetr)!.fx!.deliveredMinor, 10_800n);
    assert.equal(node.state.network.fx.routes.get(routeId('h'))!.usedBy, p.uetr);
    check(node);
  });

  it('end no later than the earliest expiry of their quotes (quote expiry during the hold)', () => {
    const node = fxNode();
    const expiresAtMs = Math.floor(node.nextTimestamp / 1000) + 5_000;
    node.one(postFxQuote(P, quoteInput('P-EURUSD', 'EUR', 'USD', '1.08', '1.09', { expiresAtMs }), true));
    assert.equal(node.one(holdFxRoute(A, 'x', 'EUR', 'USD', 'send', 10_000n, 300)), 'accepted');
    assert.equal(node.state.network.fx.routes.get(routeId('x'))!.heldUntil, expiresAtMs * 1000);
    node.apply([], 6_000_000);
    const p = fxPayment({ seed: 9, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 10_000n, routeId: routeId('x') });
    const before = footprint(node);
    assert.equal(node.one(p), 'fx_route_expired');
    assert.equal(footprint(node), before);
  });
});

describe('bad input is refused with its code and changes nothing', () => {
  const cases: [string, NodeCommand, string][] = [
    ['a zero rate', postFxQuote(P, quoteInput('z', 'EUR', 'USD', '0', '1.09')), 'fx_rate_invalid'],
    ['a negative rate', postFxQuote(P, quoteInput('n', 'EUR', 'USD', '-1.08', '1.09')), 'fx_rate_invalid'],
    ['an absurd rate', postFxQuote(P, quoteInput('a', 'EUR', 'USD', '1.08', '5000000000')), 'fx_rate_invalid'],
    ['a malformed rate', postFxQuote(P, quoteInput('m', 'EUR', 'USD', '1e3', null)), 'fx_rate_invalid'],
    ['a quote on an unknown pair', postFxQuote(P, quoteInput('u', 'EUR', 'XAU', '1.08', '1.09')), 'currency_unknown'],
    ['a quote by a bank', postFxQuote(A, quoteInput('b', 'EUR', 'USD', '1.08', '1.09')), 'fx_provider_invalid'],
    ['a quote in a currency the provider does not hold', postFxQuote(Q, quoteInput('q', 'EUR', 'USD', '1.08', '1.09')), 'fx_provider_invalid'],
    ['withdrawing another provider’s quote', withdrawFxQuote(Q, 'P-EURUSD'), 'fx_quote_unknown'],
    ['a route between unknown currencies', holdFxRoute(A, 'u', 'EUR', 'GBP', 'send', 100n), 'currency_unknown'],
    ['a route of nothing', holdFxRoute(A, 'z', 'EUR', 'USD', 'send', 0n), 'amount_invalid'],
    ['an amount outside every quote’s size', holdFxRoute(A, 's', 'EUR', 'USD', 'send', 10n ** 14n), 'fx_amount_outside_quote_sizes'],
    ['a payment on a route never held', fxPayment({ seed: 'nh', from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n, routeId: routeId('never') }), 'fx_route_unknown'],
    ['a payment to a bank without the target currency', fxPayment({ seed: 'nc', from: A, to: bank.C, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n }), 'participant_not_in_currency'],
    ['a policy of five hops', setFxPolicy({ routeHops: 5 }), 'fx_policy_invalid'],
    ['a policy with a zero reference rate', setFxPolicy({ referenceRates: { 'EUR/USD': '0' } }), 'fx_rate_invalid'],
  ];
  for (const [what, command, code] of cases) {
    it(what, () => {
      const node = fxNode();
      const before = footprint(node);
      assert.equal(node.one(command), code);
      assert.equal(footprint(node), before);
    });
  }

  it('a withdrawn quote no longer prices anything; an expired one neither', () => {
    const node = fxNode();
    node.one(setFxPolicy({ routeHops: 1 }));
    node.one(withdrawFxQuote(P, 'P-EURUSD'));
    const before = footprint(node);
    assert.equal(node.one(fxPayment({ seed: 'w', from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n })), 'fx_no_route');
    node.apply([], (inOneHourMs * 1000 - node.nextTimestamp) + 1);
    assert.equal(node.one(fxPayment({ seed: 'e', from: A, to: japanBank, sourceCurrency: 'EUR', targetCurrency: 'JPY', amount: 100n })), 'fx_quotes_expired');
    assert.equal(footprint(node).split('\n').filter((l) => !l.startsWith('transfers')).join('\n'), before.split('\n').filter((l) => !l.startsWith('transfers')).join('\n'));
  });

  it('a route id held by another participant is refused as unknown', () => {
    const node = fxNode();
    node.one(fundIn(B, 'EUR', 100_000n, 'B-EUR'));
    node.one(holdFxRoute(B, 'b', 'EUR', 'USD', 'send', 100n));
    const before = footprint(node);
    assert.equal(node.one(fxPayment({ seed: 'f', from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n, routeId: routeId('b') })), 'fx_route_unknown');
    assert.equal(footprint(node), before);
  });
});

describe('FX state in snapshots and replay', () => {
  it('a snapshot holds policy, quotes, inventory and held routes; restored, it answers as the live state', () => {
    const node = fxNode();
    const commands: NodeCommand[] = [
      setFxPolicy({ referenceRates: { 'EUR/USD': '1.085' }, referenceDeviationBps: 200, vehicleCurrenciesExcluded: ['CHF'] }),
      postFxQuote(P, quoteInput('restricted', 'EUR', 'USD', null, null, { participants: [{ participant: A, bid: '1.081', ask: null }] })),
      holdFxRoute(A, 'snap', 'EUR', 'JPY', 'deliver', 5_000n),
      fxPayment({ seed: 's1', from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 50_000n }),
      setLimits(A, 'EUR', 1_000n),
    ];
    for (const c of commands) assert.equal(node.one(c), 'accepted');
    const bytes = encodeState(node.state);
    const restored = new TestNode(decodeState(bytes), node.nextTimestamp);
    assert.ok(encodeState(restored.state).equals(bytes));
    const next: NodeCommand[] = [
      fxPayment({ seed: 's2', from: A, to: japanBank, sourceCurrency: 'EUR', targetCurrency: 'JPY', mode: 'deliver', amount: 5_000n, routeId: routeId('snap') }),
      withdrawFxQuote(P, 'restricted'),
      moveFxInventory(P, 'USD', 1_000n, 'OUT-1', 'out'),
    ];
    assert.deepEqual(restored.apply(next).results, node.apply(next).results);
    assert.ok(encodeState(restored.state).equals(encodeState(node.state)));
    check(restored);
  });
});

describe('ISO 20022: InstdAmt in one currency, IntrBkSttlmAmt in another', () => {
  it('settles as an FX payment delivering the settlement amount, paid in the instructed currency within the instructed amount', () => {
    const node = fxNode();
    const tx = { ...transaction({ seed: 'iso-fx', from: A, to: japanBank, currency: 'JPY', amount: 1620n }), fx: { instructedCurrency: 'EUR', instructedMinor: 1_000n, exchangeRate: '162' } };
    assert.equal(node.one(message(A, 'MSG-ISO-FX', [tx])), 'accepted');
    assert.equal(node.state.network.messages.get(`${A}\nMSG-ISO-FX`)!.transactions[0]!.result, 'accepted');
    const payment = node.state.network.payments.get(tx.uetr)!;
    assert.deepEqual([payment.status, payment.currency, payment.amount, payment.fx!.targetCurrency, payment.fx!.deliveredMinor, payment.iso!.messageId], ['settled', 'EUR', 1_000n, 'JPY', 1620n, 'MSG-ISO-FX']);
    assert.equal(node.balance(japanBank, 'JPY'), 1620n);
    check(node);
  });
});

describe('FX legs in a dns currency', () => {
  /** fxNode plus CHF in dns mode: A holds 1000.00 CHF; P holds CHF inventory and quotes CHF/USD. */
  function dnsFxNode(): TestNode {
    const node = fxNode();
    const setup: NodeCommand[] = chfWithQuote('dns', [A, B], 100_000n);
    const results = node.apply(setup).results;
    assert.ok(results.every((r) => r === 'accepted'), results.join(','));
    return node;
  }

  it('settles gross outside the open window, using only the liquidity the window does not need', () => {
    const node = dnsFxNode();
    // A owes 600.00 CHF net in the open window: of its 1000.00, 400.00 are free for FX.
    assert.equal(node.one(payment({ seed: 'w', from: A, to: B, currency: 'CHF', amount: 60_000n })), 'accepted');
    assert.equal(node.status(payment({ seed: 'w', from: A, to: B, currency: 'CHF', amount: 60_000n }).uetr), 'accepted');
    const tooMuch = fxPayment({ seed: 'd1', from: A, to: B, sourceCurrency: 'CHF', targetCurrency: 'USD', amount: 40_001n });
    assert.equal(node.one(tooMuch), 'insufficient_funds');
    const fits = fxPayment({ seed: 'd2', from: A, to: B, sourceCurrency: 'CHF', targetCurrency: 'USD', amount: 40_000n });
    assert.equal(node.one(fits), 'accepted');
    assert.equal(node.status(fits.uetr), 'settled');
    assert.equal(node.balance(A, 'CHF'), 60_000n);
    // The window still settles: A's net debit is covered.
    assert.equal(node.one(windowAction('CHF', 1, 'close')), 'accepted');
    assert.equal(node.one(windowAction('CHF', 1, 'settle')), 'accepted');
    assert.equal(node.balance(A, 'CHF'), 0n);
    check(node);
  });
});


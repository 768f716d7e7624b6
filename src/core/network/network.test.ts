import { messageTransactionsMax } from './text-rules.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accountFlags, assertLedgerInvariants, idZero, type LedgerCommand } from '../ledger/index.js';
import { decodeState, encodeState } from '../journal/index.js';
import type { NodeResult } from './apply.js';
import { supportedVersions } from '../../iso20022/build/versions.js';
import { networkCommandBytesMax } from '../journal/command-codec.js';
import { accountCode, fundingTransferId, returnTransferId, settlementAccountId, transferCodes, uetrTransferId } from './ids.js';
import { decodeNetworkState, encodeNetworkState } from './codec.js';
import { assertNetworkInvariants } from './invariants.js';
import { networkResultInfo, networkResults, type NetworkResult } from './results.js';
import { nodeCommandShapeError } from './shape.js';
import { screeningScenarios } from './test-support/screening-scenarios.js';
import type { QueueOrder } from '../settlement/types.js';

type ScreeningResult = Extract<NetworkResult, `list_${string}` | 'jurisdictions_invalid' | 'screening_thresholds_invalid' | 'officer_invalid' | `hold_${string}` | 'screening_field_invalid'>;
import { settlementAccountKey } from './state.js';
import { writableIsoVersions } from './text-rules.js';
import {
  addApiKey,
  bank,
  cancelPayment,
  currencies,
  dayStart,
  dnsNode,
  endOfDay,
  fundIn,
  fundOut,
  joinCurrency,
  message,
  messageTransactionKey,
  payment,
  registerAgent,
  registerCurrency,
  registerIndirect,
  registerParticipant,
  rejectCancellation,
  requestCancellation,
  returnPayment,
  revokeApiKey,
  setIsoVersions,
  setLimits,
  setSuspended,
  setQueueOrder,
  setUrgentReserve,
  setWebhook,
  setWindowSchedule,
  settlementTick,
  sha256Hex,
  standardNode,
  TestNode,
  transaction,
  uetr,
  webhookDelivered,
  windowAction,
} from './test-support/commands.js';
import { fxNode, fxPayment, holdFxRoute, japanBank, postFxQuote, provider, quoteInput, routeId, setFxPolicy, withdrawFxQuote } from './test-support/fx-commands.js';

const { A, B, C, I } = bank;
const { P, Q } = provider;
const ecb = currencies.EUR.agent;

/** Both invariant checks, deep. */
function check(node: TestNode): void {
  assertLedgerInvariants(node.state.ledger);
  assertNetworkInvariants(node.state, { deep: true });
}

/** A standard node where A and B hold 1000 EUR each. */
function fundedNode(): TestNode {
  const node = standardNode();
  assert.deepEqual(node.apply([fundIn(A, 'EUR', 1000n, 'F-A'), fundIn(B, 'EUR', 1000n, 'F-B')]).results, ['accepted', 'accepted']);
  return node;
}

/** Sizes of everything a refused command must leave as it was. */
function footprint(node: TestNode): string {
  const { network, ledger } = node.state;
  const inboxes = [...network.inboxes].map(([bic, events]) => `${bic}:${events.length}`).join(',');
  const followUps = [...network.payments.values()].map((p) => `${p.status}:${p.cancellation?.status ?? '-'}:${p.returned?.amount ?? '-'}`).join(',');
  return `payments=${network.payments.size} keys=${network.idempotencyKeys.size} fundings=${network.fundings.size} transfers=${ledger.transfers.size} failed=${ledger.failedIds.size} accounts=${ledger.accounts.size} participants=${network.participants.size} messages=${network.messages.size} inboxes=${inboxes} followUps=${followUps}`;
}

/** A funded node where A has paid B 400: the payment settled, A holds 600 and B 1400. */
function settledNode(): { node: TestNode; p: ReturnType<typeof payment> } {
  const node = fundedNode();
  const p = payment({ seed: 'settled', from: A, to: B, amount: 400n });
  assert.equal(node.one(p), 'accepted');
  return { node, p };
}

/**
 * One scenario per result code: each returns the result of its last command. Typed as a
 * record over every code, so a code added to results.ts without a test does not compile.
 */
const scenarios: Record<NetworkResult, (() => NodeResult) | null> = {
  accepted: () => standardNode().one(fundIn(A, 'EUR', 1n, 'R1')),
  already_applied: () => {
    const node = fundedNode();
    const p = payment({ seed: 1, from: A, to: B, amount: 10n });
    node.one(p);
    return node.one(p);
  },
  currency_exists: () => standardNode().one(registerCurrency('EUR', { exponent: 3 })),
  currency_unknown: () => standardNode().one(fundIn(A, 'JPY', 1n, 'R1')),
  currency_invalid: () => standardNode().one(registerCurrency('JPY', { ledger: 978 })),
  participant_exists: () => standardNode().one(registerParticipant(A, { name: 'Another name' })),
  participant_unknown: () => standardNode().one(setSuspended('NOPEDEFF', true)),
  participant_invalid: () => standardNode().one(registerParticipant('bad-bic')),
  sponsor_invalid: () => standardNode().one(registerParticipant('NEWBDEFF', { sponsor: A })),
  agent_invalid: () => standardNode().one(registerCurrency('JPY', { agent: A })),
  participant_not_in_currency: () => standardNode().one(fundIn(C, 'USD', 1n, 'R1')),
  participant_suspended: () => {
    const node = fundedNode();
    node.one(setSuspended(B, true));
    return node.one(payment({ seed: 1, from: A, to: B, amount: 10n }));
  },
  api_key_exists: () => {
    const node = standardNode();
    node.one(addApiKey(A, 'key00001'));
    return node.one(addApiKey(B, 'key00001'));
  },
  api_key_unknown: () => standardNode().one(revokeApiKey('key00001')),
  limit_invalid: () => {
    const node = standardNode();
    node.one(setLimits(A, 'EUR', 100n));
    node.one(payment({ seed: 1, from: A, to: B, amount: 80n }));
    return node.one(setLimits(A, 'EUR', 79n));
  },
  webhook_invalid: () => standardNode().one(setWebhook(A, { url: 'ftp://hooks.example.com/', secret: 'a-secret-of-24-characters' })),
  webhook_cursor_invalid: () => standardNode().one(webhookDelivered(A, 1)),
  amount_invalid: () => standardNode().one(fundIn(A, 'EUR', 0n, 'R1')),
  insufficient_funds: () => standardNode().one(fundOut(A, 'EUR', 1n, 'R1')),
  funding_reference_reused: () => {
    const node = standardNode();
    node.one(fundIn(A, 'EUR', 5n, 'R1'));
    return node.one(fundIn(B, 'EUR', 5n, 'R1'));
  },
  idempotency_key_reused: () => {
    const node = fundedNode();
    node.one(payment({ seed: 1, from: A, to: B, amount: 10n }));
    return node.one(payment({ seed: 1, from: A, to: B, amount: 11n }));
  },
  duplicate_uetr: () => {
    const node = fundedNode();
    node.one(payment({ seed: 1, from: A, to: B, amount: 10n }));
    return node.one(payment({ seed: 1, idempotencyKey: 'another-key', from: A, to: B, amount: 10n }));
  },
  same_agent: () => fundedNode().one(payment({ seed: 1, from: I, to: A, amount: 10n })),
  not_sponsor: () => fundedNode().one(payment({ seed: 1, sender: B, from: A, to: C, amount: 10n })),
  // Not produced by any command yet (reserved for role checks of later commands, e.g. FX quotes).
  role_missing: null,
  text_invalid: () => standardNode().one(fundIn(A, 'EUR', 1n, 'line\nbreak')),
  duplicate_message: () => {
    const node = fundedNode();
    node.one(message(A, 'MSG-1', [transaction({ seed: 1, from: A, to: B, amount: 10n })]));
    return node.one(message(A, 'MSG-1', [transaction({ seed: 2, from: A, to: B, amount: 10n })]));
  },
  payment_unknown: () => standardNode().one(requestCancellation(A, uetr('never sent'), 'CASE-1')),
  payment_not_cancellable: () => {
    const node = standardNode();
    const p = payment({ seed: 1, from: A, to: B, amount: 10n });
    node.each([p, cancelPayment(A, p.uetr)]); // queued (A has no money), then cancelled: rejected
    return node.one(requestCancellation(A, p.uetr, 'CASE-1'));
  },
  cancellation_exists: () => {
    const { node, p } = settledNode();
    node.one(requestCancellation(A, p.uetr, 'CASE-1'));
    return node.one(requestCancellation(A, p.uetr, 'CASE-2'));
  },
  cancellation_not_pending: () => {
    const { node, p } = settledNode();
    return node.one(rejectCancellation(B, p.uetr));
  },
  return_invalid: () => {
    const { node, p } = settledNode();
    return node.one(returnPayment(B, p.uetr, 401n, 'RET-1'));
  },
  reason_invalid: () => {
    const { node, p } = settledNode();
    return node.one(requestCancellation(A, p.uetr, 'CASE-1', 'dupl'));
  },
  version_invalid: () => standardNode().one(setIsoVersions(A, { 'pacs.008': 'pacs.008.001.02' })),
  settlement_mode_invalid: () => standardNode().one(windowAction('EUR', 1, 'close')),
  window_unknown: () => dnsNode().one(windowAction('CHF', 2, 'close')),
  window_state_invalid: () => {
    const node = dnsNode();
    node.one(windowAction('CHF', 1, 'close'));
    return node.one(windowAction('CHF', 1, 'close'));
  },
  window_in_progress: () => {
    const node = dnsNode();
    node.one(windowAction('CHF', 1, 'close'));
    return node.one(windowAction('CHF', 2, 'close'));
  },
  windows_per_day_exceeded: () => {
    const node = dnsNode();
    const cycles = Array.from({ length: 1440 }, (_, i) => [windowAction('CHF', i + 1, 'close'), windowAction('CHF', i + 1, 'settle')]).flat();
    assert.ok(node.apply(cycles).results.every((r) => r === 'accepted'));
    return node.one(windowAction('CHF', 1441, 'close'));
  },
  payment_not_queued: () => {
    const { node, p } = settledNode();
    return node.one(cancelPayment(A, p.uetr));
  },
  // Rejection reasons: a payment ends rejected with their ISO code; no command answers them (see "rejection reasons").
  queued_at_end_of_day: null,
  queue_full: null,
  exceeds_net_debit_cap: null,
  cancelled_by_sender: null,
  window_aborted: null,
  net_debit_not_covered: null,
  // Needs 4,000,000 payments in a day.
  settlement_limit_reached: null,
  queue_order_invalid: () => standardNode().one(setQueueOrder('EUR', 'lifo' as QueueOrder)),
  ...(screeningScenarios as Record<ScreeningResult, () => NodeResult>),
  fx_rate_invalid: () => fxNode().one(postFxQuote(P, quoteInput('bad', 'EUR', 'USD', '0', '1.09'))),
  fx_rate_outside_reference_band: () => {
    const node = fxNode();
    node.one(setFxPolicy({ referenceRates: { 'EUR/USD': '1.085' }, referenceDeviationBps: 100 }));
    return node.one(postFxQuote(P, quoteInput('far', 'EUR', 'USD', '1.2', '1.21')));
  },
  fx_quote_invalid: () => fxNode().one(postFxQuote(P, quoteInput('crossed', 'EUR', 'USD', '1.10', '1.09'))),
  fx_quote_expiry_invalid: () => fxNode().one(postFxQuote(P, quoteInput('old', 'EUR', 'USD', '1.08', '1.09', { expiresAtMs: dayStart / 1000 }))),
  fx_pair_not_allowed: () => {
    const node = fxNode();
    node.one(setFxPolicy({ pairsAllowed: ['EUR/JPY'] }));
    return node.one(postFxQuote(P, quoteInput('P2', 'EUR', 'USD', '1.08', '1.09')));
  },
  fx_quote_exists: () => fxNode().one(postFxQuote(P, quoteInput('P-EURUSD', 'EUR', 'USD', '1.08', '1.09'))),
  fx_quote_unknown: () => fxNode().one(withdrawFxQuote(P, 'Q-EURJPY')),
  fx_quote_expired: () => {
    const node = fxNode();
    node.apply([], 3_700_000_000);
    return node.one(withdrawFxQuote(P, 'P-EURUSD'));
  },
  fx_quote_pair_changed: () => fxNode().one(postFxQuote(P, quoteInput('P-EURUSD', 'USD', 'EUR', '0.9', '0.91'), true)),
  fx_quote_limit_reached: () => {
    const node = fxNode();
    let result: NodeResult = 'accepted';
    for (let i = 0; i < 64 && result === 'accepted'; i += 1) result = node.one(postFxQuote(P, quoteInput(`more-${i}`, 'EUR', 'USD', '1.08', '1.09')));
    return result;
  },
  fx_quote_creates_arbitrage: () => fxNode().one(postFxQuote(Q, quoteInput('cheap', 'EUR', 'JPY', '150', '155'))),
  fx_no_route: () => withdrawThen(fxNode()),
  fx_amount_outside_quote_sizes: () => fxNode().one(holdFxRoute(A, 1, 'EUR', 'USD', 'send', 10n ** 15n)),
  fx_quotes_expired: () => {
    const node = fxNode();
    node.apply([], 3_700_000_000);
    return node.one(holdFxRoute(A, 1, 'EUR', 'USD', 'send', 100n));
  },
  fx_quotes_restricted: () => {
    const node = fxNode();
    node.one(setFxPolicy({ routeHops: 1 }));
    node.one(withdrawFxQuote(P, 'P-EURUSD'));
    node.one(postFxQuote(P, quoteInput('for-B', 'EUR', 'USD', null, null, { participants: [{ participant: B, bid: '1.08', ask: '1.09' }] })));
    return node.one(holdFxRoute(A, 1, 'EUR', 'USD', 'send', 100n));
  },
  fx_policy_invalid: () => fxNode().one(setFxPolicy({ routeHops: 5 })),
  fx_route_unknown: () => {
    const node = fxNode();
    node.one(holdFxRoute(B, 'of-B', 'EUR', 'USD', 'send', 100n));
    return node.one(fxPayment({ seed: 1, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n, routeId: routeId('of-B') }));
  },
  fx_route_expired: () => {
    const node = fxNode();
    node.one(holdFxRoute(A, 'short', 'EUR', 'USD', 'send', 100n, 1));
    node.apply([], 2_000_000);
    return node.one(fxPayment({ seed: 1, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n, routeId: routeId('short') }));
  },
  fx_route_used: () => {
    const node = fxNode();
    node.one(holdFxRoute(A, 'once', 'EUR', 'USD', 'send', 100n));
    node.one(fxPayment({ seed: 1, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n, routeId: routeId('once') }));
    return node.one(fxPayment({ seed: 2, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n, routeId: routeId('once') }));
  },
  fx_route_mismatch: () => {
    const node = fxNode();
    node.one(holdFxRoute(A, 'r', 'EUR', 'USD', 'send', 100n));
    return node.one(fxPayment({ seed: 1, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 101n, routeId: routeId('r') }));
  },
  fx_inventory_insufficient: () => fxNode().one(fxPayment({ seed: 1, from: A, to: japanBank, sourceCurrency: 'EUR', targetCurrency: 'JPY', amount: 900_000n })),
  fx_provider_invalid: () => fxNode().one(postFxQuote(A, quoteInput('bank', 'EUR', 'USD', '1.08', '1.09'))),
  fx_payment_final: () => {
    const node = fxNode();
    const p = fxPayment({ seed: 1, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n });
    node.one(p);
    return node.one(returnPayment(B, p.uetr, 100n, 'R-1'));
  },
  fx_hold_invalid: () => fxNode().one(holdFxRoute(A, 1, 'EUR', 'USD', 'send', 100n, 301)),
  // Needs 100,000 routes held at once.
  fx_routes_held_max: null,
  // Reasons a waiting FX payment ends with, not command results: fx-wait.test.ts.
  fx_wait_timed_out: null,
  fx_wait_quotes_expired: null,
  fx_same_currency: () => fxNode().one(holdFxRoute(A, 1, 'EUR', 'EUR', 'send', 100n)),
  fx_instructed_amount_exceeded: () => {
    // 1620 JPY cost 10.00 EUR: an instructed 9.99 EUR does not cover it.
    const node = fxNode();
    const tx = { ...transaction({ seed: 'fx', from: A, to: japanBank, currency: 'JPY', amount: 1620n }), fx: { instructedCurrency: 'EUR', instructedMinor: 999n, exchangeRate: '162' } };
    node.one(message(A, 'MSG-FX', [tx]));
    return node.state.network.messages.get(`${A}\nMSG-FX`)!.transactions[0]!.result as NodeResult;
  },
};

/** A node where nothing converts USD into JPY in one leg: P's USD/JPY quote is withdrawn. */
function withdrawThen(node: TestNode): NodeResult {
  node.one(setFxPolicy({ routeHops: 1 }));
  node.one(withdrawFxQuote(P, 'P-USDJPY'));
  return node.one(holdFxRoute(A, 'none', 'USD', 'JPY', 'send', 100n));
}

/** Codes that only ever are the reason of a rejected payment, never a command's answer. */
const rejectionReasonCodes = ['queued_at_end_of_day', 'queue_full', 'exceeds_net_debit_cap', 'cancelled_by_sender', 'window_aborted', 'net_debit_not_covered'];

describe('network result codes', () => {
  for (const [code, scenario] of Object.entries(scenarios) as [NetworkResult, (() => NodeResult) | null][]) {
    if (scenario === null) continue;
    it(`produces ${code}`, () => {
      assert.equal(scenario(), code);
    });
  }

  it('has a scenario for every code of the table; only role_missing, the payments-per-day limit, rejection reasons and the ends of a waiting FX payment are no answer here', () => {
    assert.deepEqual(Object.keys(scenarios).sort(), networkResults.map((info) => info.code).sort());
    assert.deepEqual(
      Object.entries(scenarios).filter(([, s]) => s === null).map(([code]) => code).sort(),
      ['role_missing', 'settlement_limit_reached', 'fx_routes_held_max', 'fx_wait_timed_out', 'fx_wait_quotes_expired', ...rejectionReasonCodes].sort(),
    );
  });

  it('carries the ISO reasons payments are rejected with', () => {
    assert.equal(networkResultInfo('insufficient_funds').iso, 'AM04');
    assert.equal(networkResultInfo('insufficient_funds').number, 146);
    assert.equal(networkResultInfo('duplicate_uetr').iso, 'DUPL');
  });
});

describe('register_currency', () => {
  it('opens the agent’s issuing account and records the currency', () => {
    const node = new TestNode();
    assert.deepEqual(node.each([registerAgent(ecb), registerCurrency('EUR')]), ['accepted', 'accepted']);
    const currency = node.state.network.currencies.get('EUR')!;
    assert.deepEqual({ ...currency, agentAccountId: undefined }, { code: 'EUR', exponent: 2, ledger: 978, mode: 'rtgs', agent: ecb, agentAccountId: undefined });
    const account = node.state.ledger.accounts.get(currency.agentAccountId)!;
    assert.equal(account.kind, 'agent');
    assert.equal(account.ledger, 978);
    assert.equal(account.participant, ecb);
    assert.equal(account.flags, accountFlags.creditsMustNotExceedDebits | accountFlags.history);
    assert.deepEqual(node.state.network.participants.get(ecb)!.currencies, ['EUR']);
    // A settlement agent that is nothing else has no settlement account.
    assert.equal(node.state.network.settlementAccounts.size, 0);
    check(node);
  });

  it('is idempotent, and refuses other settings under the same code', () => {
    const node = standardNode();
    assert.equal(node.one(registerCurrency('EUR')), 'already_applied');
    assert.equal(node.one(registerCurrency('EUR', { exponent: 3 })), 'currency_exists');
    assert.equal(node.one(registerCurrency('EUR', { ledger: 979 })), 'currency_exists');
    assert.equal(node.one(registerCurrency('EUR', { mode: 'dns' })), 'currency_exists');
    assert.equal(node.one(registerCurrency('EUR', { agent: currencies.USD.agent })), 'currency_exists');
    assert.equal(node.state.network.currencies.get('EUR')!.exponent, 2);
  });

  it('refuses malformed currencies', () => {
    const node = standardNode();
    const before = footprint(node);
    assert.deepEqual(
      node.each([
        registerCurrency('JPY', { code: 'jpy' }),
        registerCurrency('JPY', { exponent: 5 }),
        registerCurrency('JPY', { exponent: 1.5 }),
        registerCurrency('JPY', { ledger: 0 }),
        registerCurrency('JPY', { ledger: 1000 }),
        registerCurrency('JPY', { mode: 'gross' as 'rtgs' }),
        registerCurrency('JPY', { ledger: 840 }),
      ]),
      Array(7).fill('currency_invalid'),
    );
    assert.equal(footprint(node), before);
  });

  it('needs a registered participant with the settlement_agent role as agent', () => {
    const node = standardNode();
    assert.equal(node.one(registerCurrency('JPY')), 'agent_invalid');
    assert.equal(node.one(registerCurrency('JPY', { agent: A })), 'agent_invalid');
    assert.equal(node.state.network.currencies.has('JPY'), false);
    assert.deepEqual(node.each([registerAgent(currencies.JPY.agent), registerCurrency('JPY')]), ['accepted', 'accepted']);
    check(node);
  });

  it('gives an agent that is also a bank a settlement account, so it can pay and be paid', () => {
    const node = new TestNode();
    const results = node.each([
      registerAgent(ecb, ['settlement_agent', 'bank']),
      registerCurrency('EUR'),
      registerParticipant(A, { currencies: ['EUR'] }),
      fundIn(A, 'EUR', 100n, 'F1'),
      fundIn(ecb, 'EUR', 50n, 'F2'),
      payment({ seed: 1, from: A, to: ecb, amount: 30n }),
      payment({ seed: 2, from: ecb, to: A, amount: 70n }),
    ]);
    assert.deepEqual(results, Array(7).fill('accepted'));
    assert.equal(node.state.network.settlementAccounts.get(settlementAccountKey(ecb, 'EUR')), settlementAccountId(ecb, 'EUR'));
    assert.equal(node.balance(A), 140n);
    assert.equal(node.balance(ecb), 10n);
    assert.equal(node.issued(), 150n);
    check(node);
  });
});

describe('register_participant and join_currency', () => {
  it('opens a settlement account per currency for a direct participant', () => {
    const node = standardNode();
    const record = node.state.network.participants.get(A)!;
    assert.equal(record.type, 'direct');
    assert.equal(record.sponsor, null);
    assert.deepEqual(record.currencies, ['EUR', 'USD']);
    assert.equal(record.suspended, false);
    assert.equal(record.country, 'DE');
    for (const [code, ledger] of [['EUR', 978], ['USD', 840]] as const) {
      const id = node.state.network.settlementAccounts.get(settlementAccountKey(A, code))!;
      assert.equal(id, settlementAccountId(A, code));
      const account = node.state.ledger.accounts.get(id)!;
      assert.equal(account.kind, 'settlement');
      assert.equal(account.ledger, ledger);
      assert.equal(account.code, accountCode);
      assert.equal(account.participant, A);
      assert.equal(account.flags, accountFlags.debitsMustNotExceedCredits | accountFlags.history);
      assert.equal(account.creditLine, 0n);
    }
    check(node);
  });

  it('opens no account for an indirect participant: it settles on its sponsor’s', () => {
    const node = standardNode();
    const record = node.state.network.participants.get(I)!;
    assert.equal(record.type, 'indirect');
    assert.equal(record.sponsor, A);
    assert.deepEqual(record.currencies, ['EUR']);
    assert.equal(node.state.network.settlementAccounts.has(settlementAccountKey(I, 'EUR')), false);
    assert.equal([...node.state.ledger.accounts.values()].some((a) => a.participant === I), false);
  });

  it('is idempotent, and refuses another registration under the same BIC', () => {
    const node = standardNode();
    assert.equal(node.one(registerParticipant(A, { currencies: ['EUR', 'USD'] })), 'already_applied');
    assert.equal(node.one(registerParticipant(A, { currencies: ['EUR'] })), 'already_applied');
    assert.equal(node.one(registerParticipant(A, { name: 'Renamed' })), 'participant_exists');
    assert.equal(node.one(registerParticipant(A, { roles: ['bank', 'fx_provider'] })), 'participant_exists');
    assert.equal(node.one(registerParticipant(A, { country: 'FR' })), 'participant_exists');
    assert.equal(node.state.network.participants.get(A)!.name, `Bank ${A}`);
  });

  it('refuses malformed participants, leaving no trace', () => {
    const node = standardNode();
    const before = footprint(node);
    assert.deepEqual(
      node.each([
        registerParticipant('BANKDE'),
        registerParticipant('bankdeff'),
        registerParticipant('NEWBDEFF', { name: '' }),
        registerParticipant('NEWBDEFF', { name: 'x'.repeat(141) }),
        registerParticipant('NEWBDEFF', { name: 'tab\there' }),
        registerParticipant('NEWBDEFF', { country: 'DEU' }),
        registerParticipant('NEWBDEFF', { roles: [] }),
        registerParticipant('NEWBDEFF', { roles: ['bank', 'bank'] }),
        registerParticipant('NEWBDEFF', { roles: ['broker' as 'bank'] }),
        registerParticipant('NEWBDEFF', { participantType: 'member' as 'direct' }),
        registerParticipant('NEWBDEFF', { currencies: ['EUR', 'EUR'] }),
      ]),
      Array(11).fill('participant_invalid'),
    );
    assert.equal(node.one(registerParticipant('NEWBDEFF', { currencies: ['EUR', 'JPY'] })), 'currency_unknown');
    assert.equal(footprint(node), before);
  });

  it('needs a direct sponsor holding the currencies for an indirect participant, and none for a direct one', () => {
    const node = standardNode();
    const before = footprint(node);
    assert.deepEqual(
      node.each([
        registerParticipant('NEWBDEFF', { sponsor: A }),
        registerParticipant('NEWBDEFF', { participantType: 'indirect', sponsor: null }),
        registerIndirect('NEWBDEFF', 'NOPEDEFF', ['EUR']),
        registerIndirect('NEWBDEFF', I, ['EUR']),
        registerIndirect('NEWBDEFF', C, ['EUR', 'USD']),
        registerIndirect('NEWBDEFF', 'NEWBDEFF', ['EUR']),
        registerParticipant('NEWBDEFF', { participantType: 'indirect', sponsor: A, roles: ['bank', 'settlement_agent'] }),
      ]),
      Array(7).fill('sponsor_invalid'),
    );
    assert.equal(footprint(node), before);
    assert.equal(node.one(registerIndirect('NEWBDEFF', C, ['EUR'])), 'accepted');
    check(node);
  });

  it('join_currency adds a currency (with an account for a direct participant)', () => {
    const node = standardNode();
    assert.equal(node.one(joinCurrency(C, 'USD')), 'accepted');
    assert.deepEqual(node.state.network.participants.get(C)!.currencies, ['EUR', 'USD']);
    assert.equal(node.state.ledger.accounts.get(settlementAccountId(C, 'USD'))!.ledger, 840);
    assert.equal(node.one(joinCurrency(C, 'USD')), 'already_applied');
    assert.equal(node.one(joinCurrency('NOPEDEFF', 'USD')), 'participant_unknown');
    assert.equal(node.one(joinCurrency(C, 'JPY')), 'currency_unknown');
    // I's sponsor A holds USD; an indirect of C may only join what C holds.
    const accounts = node.state.ledger.accounts.size;
    assert.equal(node.one(joinCurrency(I, 'USD')), 'accepted');
    assert.equal(node.state.ledger.accounts.size, accounts);
    assert.deepEqual(node.each([registerIndirect('SMALFRPP', B, []), joinCurrency('SMALFRPP', 'EUR')]), ['accepted', 'accepted']);
    assert.deepEqual(node.each([registerIndirect('SMALITMM', C, []), registerCurrency('JPY', { agent: ecb }), joinCurrency('SMALITMM', 'JPY')]), ['accepted', 'accepted', 'sponsor_invalid']);
    assert.deepEqual(node.state.network.participants.get('SMALITMM')!.currencies, []);
    check(node);
  });
});

describe('api keys', () => {
  it('adds a key with its secret hash, idempotently; a key id is one participant’s', () => {
    const node = standardNode();
    const { timestamp, results } = node.apply([addApiKey(A, 'keyA0001', 'top secret')]);
    assert.deepEqual(results, ['accepted']);
    assert.deepEqual(node.state.network.apiKeys.get('keyA0001'), { keyId: 'keyA0001', participant: A, secretHash: sha256Hex('top secret'), createdAt: timestamp, revokedAt: null });
    assert.equal(node.one(addApiKey(A, 'keyA0001', 'top secret')), 'already_applied');
    assert.equal(node.one(addApiKey(A, 'keyA0001', 'another secret')), 'api_key_exists');
    assert.equal(node.one(addApiKey(B, 'keyA0001', 'top secret')), 'api_key_exists');
    assert.equal(node.state.network.apiKeys.get('keyA0001')!.secretHash, sha256Hex('top secret'));
  });

  it('refuses malformed keys and unknown participants', () => {
    const node = standardNode();
    assert.equal(node.one(addApiKey(A, 'short')), 'participant_invalid');
    assert.equal(node.one(addApiKey(A, 'has-dash-1')), 'participant_invalid');
    assert.equal(node.one({ type: 'add_api_key', participant: A, keyId: 'keyA0001', secretHash: 'ABCD' }), 'participant_invalid');
    assert.equal(node.one(addApiKey('NOPEDEFF', 'keyN0001')), 'participant_unknown');
    assert.equal(node.state.network.apiKeys.size, 0);
  });

  it('revokes a key once', () => {
    const node = standardNode();
    node.one(addApiKey(A, 'keyA0001'));
    const { timestamp, results } = node.apply([revokeApiKey('keyA0001')]);
    assert.deepEqual(results, ['accepted']);
    assert.equal(node.state.network.apiKeys.get('keyA0001')!.revokedAt, timestamp);
    assert.equal(node.one(revokeApiKey('keyA0001')), 'already_applied');
    assert.equal(node.state.network.apiKeys.get('keyA0001')!.revokedAt, timestamp);
    assert.equal(node.one(revokeApiKey('keyZ0001')), 'api_key_unknown');
  });
});

describe('set_limits', () => {
  it('sets the credit line on the ledger account and the net debit cap', () => {
    const node = standardNode();
    assert.equal(node.one(setLimits(A, 'EUR', 500n, 2000n)), 'accepted');
    const id = settlementAccountId(A, 'EUR');
    assert.equal(node.state.ledger.accounts.get(id)!.creditLine, 500n);
    assert.equal(node.state.network.netDebitCaps.get(id), 2000n);
    assert.equal(node.one(setLimits(A, 'EUR', null, 10n)), 'accepted');
    assert.equal(node.state.ledger.accounts.get(id)!.creditLine, 500n);
    assert.equal(node.state.network.netDebitCaps.get(id), 10n);
  });

  it('refuses a credit line below what is drawn, or a negative limit', () => {
    const node = standardNode();
    node.one(setLimits(A, 'EUR', 100n));
    assert.equal(node.one(payment({ seed: 1, from: A, to: B, amount: 80n })), 'accepted');
    assert.equal(node.balance(A), -80n);
    const account = node.state.ledger.accounts.get(settlementAccountId(A, 'EUR'))!;
    assert.equal(node.one(setLimits(A, 'EUR', 79n)), 'limit_invalid');
    assert.equal(account.creditLine, 100n);
    assert.equal(node.one(setLimits(A, 'EUR', -1n)), 'limit_invalid');
    assert.equal(node.one(setLimits(A, 'EUR', null, -1n)), 'limit_invalid');
    assert.equal(node.one(setLimits(A, 'EUR', 2n ** 128n)), 'limit_invalid');
    assert.equal(account.creditLine, 100n);
    assert.equal(node.state.network.netDebitCaps.size, 0);
    assert.equal(node.one(setLimits(A, 'EUR', 80n)), 'accepted');
    assert.equal(account.creditLine, 80n);
    check(node);
  });

  it('applies only to a participant’s own settlement account', () => {
    const node = standardNode();
    assert.equal(node.one(setLimits('NOPEDEFF', 'EUR', 1n)), 'participant_unknown');
    assert.equal(node.one(setLimits(A, 'JPY', 1n)), 'currency_unknown');
    assert.equal(node.one(setLimits(C, 'USD', 1n)), 'participant_not_in_currency');
    assert.equal(node.one(setLimits(I, 'EUR', 1n)), 'participant_not_in_currency');
    assert.equal(node.one(setLimits(ecb, 'EUR', 1n)), 'participant_not_in_currency');
  });
});

describe('set_suspended, set_webhook, webhook_delivered', () => {
  it('suspends and resumes, telling the participant', () => {
    const node = standardNode();
    const suspended = node.apply([setSuspended(B, true)]);
    assert.deepEqual(suspended.results, ['accepted']);
    assert.equal(node.state.network.participants.get(B)!.suspended, true);
    assert.equal(node.one(setSuspended(B, true)), 'already_applied');
    const resumed = node.apply([setSuspended(B, false)]);
    assert.deepEqual(resumed.results, ['accepted']);
    assert.equal(node.one(setSuspended(B, false)), 'already_applied');
    assert.equal(node.one(setSuspended('NOPEDEFF', true)), 'participant_unknown');
    assert.deepEqual(node.state.network.inboxes.get(B), [
      { seq: 1, at: suspended.timestamp, type: 'participant.suspended', subject: B, status: null, reason: null, currency: null, amount: null },
      { seq: 2, at: resumed.timestamp, type: 'participant.resumed', subject: B, status: null, reason: null, currency: null, amount: null },
    ]);
  });

  it('sets and clears a webhook; refuses a bad URL or a short secret', () => {
    const node = standardNode();
    const target = { url: 'https://hooks.example.com/a', secret: 'x'.repeat(16) };
    assert.equal(node.one(setWebhook(A, target)), 'accepted');
    assert.deepEqual(node.state.network.participants.get(A)!.webhook, target);
    assert.deepEqual(
      node.each([
        setWebhook(A, { url: 'ftp://hooks.example.com/a', secret: 'x'.repeat(16) }),
        setWebhook(A, { url: 'not a url', secret: 'x'.repeat(16) }),
        setWebhook(A, { url: '', secret: 'x'.repeat(16) }),
        setWebhook(A, { url: `https://hooks.example.com/${'a'.repeat(2048)}`, secret: 'x'.repeat(16) }),
        setWebhook(A, { url: 'https://hooks.example.com/a', secret: 'x'.repeat(15) }),
        setWebhook(A, { url: 'https://hooks.example.com/a', secret: 'x'.repeat(257) }),
        setWebhook(A, { url: 'https://hooks.example.com/a', secret: `${'x'.repeat(16)}\n` }),
      ]),
      Array(7).fill('webhook_invalid'),
    );
    assert.deepEqual(node.state.network.participants.get(A)!.webhook, target);
    assert.equal(node.one(setWebhook('NOPEDEFF')), 'participant_unknown');
    assert.equal(node.one(setWebhook(A, null)), 'accepted');
    assert.equal(node.state.network.participants.get(A)!.webhook, null);
  });

  it('moves the delivery cursor forward within the inbox', () => {
    const node = fundedNode();
    node.one(payment({ seed: 1, from: A, to: B, amount: 1n }));
    assert.equal(node.inbox(A).length, 2);
    assert.equal(node.one(webhookDelivered(A, 3)), 'webhook_cursor_invalid');
    assert.equal(node.one(webhookDelivered(A, 1.5)), 'webhook_cursor_invalid');
    assert.equal(node.one(webhookDelivered(A, Number.POSITIVE_INFINITY)), 'webhook_cursor_invalid');
    assert.equal(node.state.network.participants.get(A)!.webhookDeliveredUpTo, 0);
    assert.equal(node.one(webhookDelivered(A, 1)), 'accepted');
    assert.equal(node.one(webhookDelivered(A, 2)), 'accepted');
    assert.equal(node.state.network.participants.get(A)!.webhookDeliveredUpTo, 2);
    assert.equal(node.one(webhookDelivered(A, 2)), 'already_applied');
    assert.equal(node.state.network.participants.get(A)!.webhookDeliveredUpTo, 2);
    assert.equal(node.one(webhookDelivered('NOPEDEFF', 0)), 'participant_unknown');
    check(node);
  });
});

describe('fund', () => {
  it('funds in from the agent’s account, with a record, a transfer and an inbox event', () => {
    const node = standardNode();
    const { timestamp, results } = node.apply([fundIn(A, 'EUR', 1000n, 'FUND-1')]);
    assert.deepEqual(results, ['accepted']);
    assert.equal(node.balance(A), 1000n);
    assert.equal(node.issued(), 1000n);
    const transferId = fundingTransferId('EUR', 'FUND-1');
    assert.deepEqual(node.state.network.fundings.get('EUR FUND-1'), { reference: 'FUND-1', direction: 'in', participant: A, currency: 'EUR', amount: 1000n, transferId, at: timestamp });
    const transfer = node.state.ledger.transfers.get(transferId)!;
    assert.equal(transfer.debitAccountId, node.state.network.currencies.get('EUR')!.agentAccountId);
    assert.equal(transfer.creditAccountId, settlementAccountId(A, 'EUR'));
    assert.equal(transfer.amount, 1000n);
    assert.equal(transfer.code, transferCodes.fundsIn);
    assert.equal(transfer.endToEndId, 'FUND-1');
    assert.equal(transfer.timestamp, timestamp);
    assert.deepEqual(node.state.network.inboxes.get(A), [{ seq: 1, at: timestamp, type: 'funds.credited', subject: 'FUND-1', status: null, reason: null, currency: 'EUR', amount: 1000n }]);
    check(node);
  });

  it('a retry with the same reference changes nothing; another movement under it is refused', () => {
    const node = standardNode();
    node.one(fundIn(A, 'EUR', 1000n, 'FUND-1'));
    const before = footprint(node);
    assert.equal(node.one(fundIn(A, 'EUR', 1000n, 'FUND-1')), 'already_applied');
    assert.equal(node.one(fundIn(A, 'EUR', 999n, 'FUND-1')), 'funding_reference_reused');
    assert.equal(node.one(fundIn(B, 'EUR', 1000n, 'FUND-1')), 'funding_reference_reused');
    assert.equal(node.one(fundOut(A, 'EUR', 1000n, 'FUND-1')), 'funding_reference_reused');
    assert.equal(footprint(node), before);
    assert.equal(node.balance(A), 1000n);
    assert.equal(node.balance(B), 0n);
    // References are per currency.
    assert.equal(node.one(fundIn(A, 'USD', 7n, 'FUND-1')), 'accepted');
    assert.equal(node.balance(A, 'USD'), 7n);
    check(node);
  });

  it('funds out up to the own balance, never into the credit line', () => {
    const node = standardNode();
    node.each([fundIn(A, 'EUR', 300n, 'IN-1'), setLimits(A, 'EUR', 1000n)]);
    assert.equal(node.one(fundOut(A, 'EUR', 301n, 'OUT-1')), 'insufficient_funds');
    assert.equal(node.balance(A), 300n);
    assert.equal(node.state.network.fundings.has('EUR OUT-1'), false);
    const { timestamp, results } = node.apply([fundOut(A, 'EUR', 300n, 'OUT-2')]);
    assert.deepEqual(results, ['accepted']);
    assert.equal(node.balance(A), 0n);
    assert.equal(node.issued(), 0n);
    const transfer = node.state.ledger.transfers.get(fundingTransferId('EUR', 'OUT-2'))!;
    assert.equal(transfer.debitAccountId, settlementAccountId(A, 'EUR'));
    assert.equal(transfer.code, transferCodes.fundsOut);
    assert.deepEqual(node.inbox(A).at(-1), { seq: 2, at: timestamp, type: 'funds.debited', subject: 'OUT-2', status: null, reason: null, currency: 'EUR', amount: 300n });
    // With a balance of zero, even one unit is beyond the own money.
    assert.equal(node.one(fundOut(A, 'EUR', 1n, 'OUT-3')), 'insufficient_funds');
    check(node);
  });

  it('the agent takes back at most what it issued; a refused reference can be retried once it is covered', () => {
    // B pays A on its credit line: A holds 100 the agent never issued.
    const node = standardNode();
    assert.deepEqual(node.each([setLimits(B, 'EUR', 100n), payment({ seed: 1, from: B, to: A, amount: 100n })]), ['accepted', 'accepted']);
    assert.equal(node.balance(A), 100n);
    assert.equal(node.issued(), 0n);
    assert.equal(node.one(fundOut(A, 'EUR', 50n, 'OUT-1')), 'insufficient_funds');
    assert.equal(node.state.ledger.failedIds.has(fundingTransferId('EUR', 'OUT-1')), false);
    assert.equal(node.one(fundIn(B, 'EUR', 100n, 'IN-1')), 'accepted');
    assert.equal(node.one(fundOut(A, 'EUR', 50n, 'OUT-1')), 'accepted');
    assert.equal(node.balance(A), 50n);
    assert.equal(node.balance(B), 0n);
    assert.equal(node.issued(), 50n);
    check(node);
  });

  it('refuses bad amounts and references, unknown currencies and participants, and indirect participants', () => {
    const node = standardNode();
    const before = footprint(node);
    assert.deepEqual(
      node.each([
        fundIn(A, 'EUR', 0n, 'R1'),
        fundIn(A, 'EUR', -5n, 'R1'),
        fundIn(A, 'EUR', 2n ** 63n, 'R1'),
        fundIn(A, 'EUR', 1n, ''),
        fundIn(A, 'EUR', 1n, 'x'.repeat(36)),
        fundIn(A, 'EUR', 1n, 'tab\t'),
        fundIn(A, 'JPY', 1n, 'R1'),
        fundIn('NOPEDEFF', 'EUR', 1n, 'R1'),
        fundIn(I, 'EUR', 1n, 'R1'),
        fundIn(C, 'USD', 1n, 'R1'),
      ]),
      ['amount_invalid', 'amount_invalid', 'amount_invalid', 'text_invalid', 'text_invalid', 'text_invalid', 'currency_unknown', 'participant_unknown', 'participant_not_in_currency', 'participant_not_in_currency'],
    );
    assert.equal(footprint(node), before);
    assert.equal(node.one(fundIn(A, 'EUR', 2n ** 63n - 1n, 'x'.repeat(35))), 'accepted');
    assert.equal(node.balance(A), 2n ** 63n - 1n);
    check(node);
  });
});

describe('submit_payment', () => {
  it('settles at once: record, status history, ledger transfer, balances and inbox events', () => {
    const node = fundedNode();
    const p = payment({ seed: 'p1', from: A, to: B, amount: 250n });
    const { timestamp: t, results } = node.apply([p]);
    assert.deepEqual(results, ['accepted']);
    const record = node.state.network.payments.get(p.uetr)!;
    assert.deepEqual(record, {
      uetr: p.uetr,
      endToEndId: 'E2E-p1',
      currency: 'EUR',
      amount: 250n,
      sender: A,
      debtorAgent: A,
      creditorAgent: B,
      debtorName: `Debtor of ${A}`,
      creditorName: `Creditor at ${B}`,
      remittanceInformation: 'Invoice p1',
      transferId: p.uetr.replaceAll('-', ''),
      status: 'settled',
      reason: null,
      history: [
        { status: 'received', at: t, reason: null },
        { status: 'validated', at: t + 1, reason: null },
        { status: 'settled', at: t + 2, reason: null },
      ],
      iso: null,
      cancellation: null,
      returned: null,
      priority: 'normal',
      fx: null,
    });
    const transfer = node.state.ledger.transfers.get(uetrTransferId(p.uetr))!;
    assert.equal(transfer.debitAccountId, settlementAccountId(A, 'EUR'));
    assert.equal(transfer.creditAccountId, settlementAccountId(B, 'EUR'));
    assert.equal(transfer.amount, 250n);
    assert.equal(transfer.ledger, 978);
    assert.equal(transfer.code, transferCodes.payment);
    assert.equal(transfer.uetr, uetrTransferId(p.uetr));
    assert.equal(transfer.endToEndId, 'E2E-p1');
    assert.equal(transfer.pendingId, idZero);
    assert.equal(transfer.timestamp, t + 2);
    assert.equal(node.balance(A), 750n);
    assert.equal(node.balance(B), 1250n);
    assert.equal(node.issued(), 2000n);
    const event = { at: t + 2, subject: p.uetr, status: 'settled', reason: null, currency: null, amount: null };
    assert.deepEqual(node.inbox(A).at(-1), { seq: 2, ...event, type: 'payment.settled' });
    assert.deepEqual(node.inbox(B).at(-1), { seq: 2, ...event, type: 'payment.received' });
    assert.equal(node.inbox(C).length, 0);
    assert.deepEqual(node.state.network.idempotencyKeys.get(`${A}\nkey-p1`), { uetr: p.uetr, requestHash: p.requestHash });
    check(node);
  });

  it('queues when the balance does not cover it (PDNG, no money moves), and settles once funding covers it', () => {
    const node = fundedNode();
    const p = payment({ seed: 'p1', from: A, to: B, amount: 1001n });
    const { timestamp: t, results } = node.apply([p]);
    assert.deepEqual(results, ['accepted']);
    const record = node.state.network.payments.get(p.uetr)!;
    assert.equal(record.status, 'queued');
    assert.equal(record.reason, null);
    assert.deepEqual(record.history, [
      { status: 'received', at: t, reason: null },
      { status: 'validated', at: t + 1, reason: null },
      { status: 'queued', at: t + 2, reason: null },
    ]);
    assert.equal(node.state.ledger.transfers.has(record.transferId), false);
    assert.equal(node.balance(A), 1000n);
    assert.equal(node.balance(B), 1000n);
    assert.deepEqual(node.inbox(A).at(-1), { seq: 2, at: t + 2, type: 'payment.queued', subject: p.uetr, status: 'queued', reason: null, currency: null, amount: null });
    assert.equal(node.inbox(B).length, 1, 'the payee hears nothing of a queued payment');
    assert.equal(node.state.network.settlement.get('EUR')!.engine.queuedCount, 1);
    check(node);
    // The same request again is the same payment.
    assert.equal(node.one(p), 'already_applied');
    assert.equal(node.status(p.uetr), 'queued');
    // Funding is liquidity: the queue is resolved in the same command, after the funding's own transfer.
    const funded = node.apply([fundIn(A, 'EUR', 1n, 'F-A2')]);
    assert.deepEqual(funded.results, ['accepted']);
    const f = funded.timestamp;
    assert.deepEqual(record.history.slice(2), [
      { status: 'queued', at: t + 2, reason: null },
      { status: 'settled', at: f + 1, reason: null },
    ]);
    assert.equal(node.state.ledger.transfers.get(record.transferId)!.timestamp, f + 1);
    assert.equal(node.state.ledger.transfers.get(record.transferId)!.uetr, record.transferId);
    assert.equal(node.balance(A), 0n);
    assert.equal(node.balance(B), 2001n);
    assert.deepEqual(node.inboxTypes(A).slice(1), [`payment.queued ${p.uetr}`, 'funds.credited F-A2', `payment.settled ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(B).slice(1), [`payment.received ${p.uetr}`]);
    assert.equal(node.state.network.settlement.get('EUR')!.engine.queuedCount, 0);
    assert.equal(node.one(p), 'already_applied');
    check(node);
  });

  it('lets a payer go negative up to its credit line, and not beyond', () => {
    const node = standardNode();
    node.one(setLimits(A, 'EUR', 500n));
    assert.equal(node.one(payment({ seed: 1, from: A, to: B, amount: 300n })), 'accepted');
    assert.equal(node.one(payment({ seed: 2, from: A, to: B, amount: 200n })), 'accepted');
    assert.equal(node.balance(A), -500n);
    const beyond = payment({ seed: 3, from: A, to: B, amount: 1n });
    assert.equal(node.one(beyond), 'accepted');
    assert.equal(node.status(beyond.uetr), 'queued');
    assert.equal(node.balance(A), -500n);
    assert.equal(node.balance(B), 500n);
    // Without a line, B's own money is the limit; a payment that fits overtakes one queued (FIFO by-passing of normal payments).
    const tooBig = payment({ seed: 4, from: B, to: C, amount: 501n });
    const fits = payment({ seed: 5, from: B, to: C, amount: 500n });
    assert.deepEqual(node.each([tooBig, fits]), ['accepted', 'accepted']);
    assert.deepEqual([node.status(tooBig.uetr), node.status(fits.uetr)], ['queued', 'settled']);
    assert.equal(node.balance(B), 0n);
    assert.equal(node.balance(C), 500n);
    check(node);
    // A higher line settles what waited.
    assert.equal(node.one(setLimits(A, 'EUR', 501n)), 'accepted');
    assert.equal(node.status(beyond.uetr), 'settled');
    assert.equal(node.balance(A), -501n);
    check(node);
  });

  it('a retry with the same key and request applies once; another request under the key is refused', () => {
    const node = fundedNode();
    const p = payment({ seed: 1, from: A, to: B, amount: 100n });
    assert.deepEqual(node.apply([p, p]).results, ['accepted', 'already_applied']);
    assert.equal(node.one(p), 'already_applied');
    assert.equal(node.balance(A), 900n);
    assert.equal(node.state.network.payments.size, 1);
    const before = footprint(node);
    assert.equal(node.one(payment({ seed: 1, from: A, to: B, amount: 101n })), 'idempotency_key_reused');
    assert.equal(node.one(payment({ seed: 1, uetr: uetr('other'), from: A, to: B, amount: 100n })), 'idempotency_key_reused');
    assert.equal(node.one(payment({ seed: 1, idempotencyKey: 'fresh-key', from: A, to: B, amount: 100n })), 'duplicate_uetr');
    assert.equal(node.one(payment({ seed: 1, from: B, to: A, amount: 100n })), 'duplicate_uetr', 'another sender cannot take the UETR');
    assert.equal(footprint(node), before);
    assert.equal(node.balance(A), 900n);
    // Keys are per sender: B may use the same key for its own payment.
    assert.equal(node.one(payment({ seed: 'b1', idempotencyKey: 'key-1', from: B, to: A, amount: 5n })), 'accepted');
    assert.equal(node.balance(A), 905n);
    check(node);
  });

  it('refuses a UETR whose transfer id a ledger command already took, instead of stopping the node', () => {
    const node = fundedNode();
    const taken = uetr('taken');
    const id = uetrTransferId(taken);
    const ledgerTransfer: LedgerCommand = {
      type: 'create_transfer',
      id,
      debitAccountId: settlementAccountId(B, 'EUR'),
      creditAccountId: settlementAccountId(C, 'EUR'),
      amount: 1n,
      pendingId: idZero,
      ledger: 978,
      code: 9,
      flags: 0,
      timeoutMs: 0,
      uetr: idZero,
      endToEndId: '',
    };
    assert.deepEqual(node.apply([ledgerTransfer]).results, ['ok']);
    const before = footprint(node);
    assert.equal(node.one(payment({ seed: 'x', uetr: taken, from: A, to: B, amount: 1n })), 'duplicate_uetr');
    assert.equal(footprint(node), before);
    assert.equal(node.balance(A), 1000n);
  });

  it('derived ids are never a UETR’s transfer id (version digit 0, not 4)', () => {
    for (let i = 0; i < 200; i += 1) {
      for (const id of [fundingTransferId('EUR', `REF-${i}`), settlementAccountId(`BANK${i}`, 'EUR')]) {
        assert.match(id, /^c0[0-9a-f]{10}0[0-9a-f]{19}$/);
      }
    }
    assert.match(uetrTransferId(uetr(1)), /^[0-9a-f]{12}4[0-9a-f]{19}$/);
  });

  it('refuses requests that are wrong in themselves, leaving no trace, so the key stays free', () => {
    const node = fundedNode();
    node.apply([joinCurrency(C, 'USD'), fundIn(A, 'USD', 50n, 'F-USD')]);
    const before = footprint(node);
    const cases: [NodeResult, ReturnType<typeof payment>][] = [
      ['participant_unknown', payment({ seed: 1, from: A, to: 'NOPEDEFF', amount: 1n })],
      ['participant_unknown', payment({ seed: 1, from: 'NOPEDEFF', to: A, amount: 1n })],
      ['not_sponsor', payment({ seed: 1, sender: B, from: A, to: C, amount: 1n })],
      ['not_sponsor', payment({ seed: 1, sender: B, from: I, to: C, amount: 1n })],
      ['currency_unknown', payment({ seed: 1, currency: 'JPY', from: A, to: B, amount: 1n })],
      ['participant_not_in_currency', payment({ seed: 1, currency: 'USD', from: A, to: I, amount: 1n })],
      ['participant_not_in_currency', payment({ seed: 1, from: A, to: ecb, amount: 1n })],
      ['same_agent', payment({ seed: 1, from: A, to: A, amount: 1n })],
      ['same_agent', payment({ seed: 1, from: I, to: A, amount: 1n })],
      ['same_agent', payment({ seed: 1, sender: A, from: I, to: A, amount: 1n })],
      ['text_invalid', { ...payment({ seed: 1, from: A, to: B, amount: 1n }), uetr: uetr(1).toUpperCase() }],
      ['text_invalid', { ...payment({ seed: 1, from: A, to: B, amount: 1n }), uetr: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' }],
      ['text_invalid', { ...payment({ seed: 1, from: A, to: B, amount: 1n }), requestHash: 'ab' }],
      ['text_invalid', { ...payment({ seed: 1, from: A, to: B, amount: 1n }), idempotencyKey: '' }],
      ['text_invalid', { ...payment({ seed: 1, from: A, to: B, amount: 1n }), endToEndId: 'e'.repeat(36) }],
      ['text_invalid', { ...payment({ seed: 1, from: A, to: B, amount: 1n }), debtorName: 'bell\u0007' }],
      ['text_invalid', payment({ seed: 1, from: A, to: B, amount: 1n, remittanceInformation: 'r'.repeat(141) })],
      ['text_invalid', payment({ seed: 1, from: A, to: B, amount: 0n })],
      ['text_invalid', payment({ seed: 1, from: A, to: B, amount: 2n ** 63n })],
      ['text_invalid', payment({ seed: 1, from: 'bankdeff', to: B, amount: 1n })],
    ];
    for (const [expected, command] of cases) {
      assert.equal(node.one(command), expected, `${command.debtorAgent}→${command.creditorAgent} ${command.currency} ${command.amount}`);
    }
    assert.equal(footprint(node), before);
    // The key was never taken: the same key with a proper request settles.
    assert.equal(node.one(payment({ seed: 1, from: A, to: B, amount: 1n })), 'accepted');
    check(node);
  });

  it('a suspended participant neither sends nor receives, nor does an indirect one whose sponsor is suspended', () => {
    const node = fundedNode();
    node.one(setSuspended(B, true));
    const before = footprint(node);
    assert.equal(node.one(payment({ seed: 1, from: A, to: B, amount: 10n })), 'participant_suspended');
    assert.equal(node.one(payment({ seed: 2, from: B, to: A, amount: 10n })), 'participant_suspended');
    assert.equal(footprint(node), before);
    assert.equal(node.balance(A), 1000n);
    assert.equal(node.balance(B), 1000n);
    node.one(setSuspended(B, false));
    assert.equal(node.one(payment({ seed: 1, from: A, to: B, amount: 10n })), 'accepted');
    assert.equal(node.balance(B), 1010n);

    node.one(setSuspended(A, true));
    assert.equal(node.one(payment({ seed: 3, from: I, to: B, amount: 10n })), 'participant_suspended');
    assert.equal(node.one(payment({ seed: 4, from: B, to: I, amount: 10n })), 'participant_suspended');
    node.one(setSuspended(A, false));
    node.one(setSuspended(I, true));
    assert.equal(node.one(payment({ seed: 3, from: I, to: B, amount: 10n })), 'participant_suspended');
    assert.equal(node.one(payment({ seed: 3, sender: A, from: I, to: B, amount: 10n })), 'participant_suspended');
    assert.equal(node.one(payment({ seed: 4, from: B, to: I, amount: 10n })), 'participant_suspended');
    node.one(setSuspended(I, false));
    assert.equal(node.one(payment({ seed: 3, from: I, to: B, amount: 10n })), 'accepted');
    assert.equal(node.balance(A), 980n);
    check(node);
  });

  it('an indirect participant pays and is paid on its sponsor’s account; the sponsor hears of both', () => {
    const node = fundedNode();
    const out = payment({ seed: 'out', from: I, to: B, amount: 100n });
    const into = payment({ seed: 'in', from: B, to: I, amount: 40n });
    const { timestamp: t, results } = node.apply([out, into]);
    assert.deepEqual(results, ['accepted', 'accepted']);
    assert.equal(node.balance(A), 940n, 'the sponsor’s account paid 100 and received 40');
    assert.equal(node.balance(B), 1060n);
    assert.equal(node.state.ledger.transfers.get(uetrTransferId(out.uetr))!.debitAccountId, settlementAccountId(A, 'EUR'));
    assert.equal(node.state.ledger.transfers.get(uetrTransferId(into.uetr))!.creditAccountId, settlementAccountId(A, 'EUR'));
    assert.deepEqual(node.inboxTypes(I), [`payment.settled ${out.uetr}`, `payment.received ${into.uetr}`]);
    assert.deepEqual(node.inboxTypes(A), ['funds.credited F-A', `payment.settled ${out.uetr}`, `payment.received ${into.uetr}`]);
    assert.deepEqual(node.inboxTypes(B), ['funds.credited F-B', `payment.received ${out.uetr}`, `payment.settled ${into.uetr}`]);
    assert.equal(node.inbox(A).at(-2)!.seq, 2);
    assert.equal(t + 2, node.state.network.payments.get(out.uetr)!.history.at(-1)!.at);
    check(node);
  });

  it('a sponsor may send on behalf of its indirect participant, and hears once', () => {
    const node = fundedNode();
    const p = payment({ seed: 1, sender: A, from: I, to: C, amount: 30n });
    assert.equal(node.one(p), 'accepted');
    const record = node.state.network.payments.get(p.uetr)!;
    assert.equal(record.sender, A);
    assert.equal(record.debtorAgent, I);
    assert.equal(node.balance(A), 970n);
    assert.equal(node.balance(C), 30n);
    assert.deepEqual(node.inboxTypes(A), ['funds.credited F-A', `payment.settled ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(I), [`payment.settled ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(C), [`payment.received ${p.uetr}`]);
    // The sponsor's idempotency keys are its own.
    assert.equal(node.state.network.idempotencyKeys.has(`${A}\nkey-1`), true);
    assert.equal(node.state.network.idempotencyKeys.has(`${I}\nkey-1`), false);
  });

  it('a queued payment of an indirect participant is told to it and to its sponsor, and waits on the sponsor’s liquidity', () => {
    const node = standardNode();
    const p = payment({ seed: 1, from: I, to: B, amount: 1n });
    assert.equal(node.one(p), 'accepted');
    assert.deepEqual(node.inboxTypes(I), [`payment.queued ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(A), [`payment.queued ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(B), []);
    assert.equal(node.one(fundIn(A, 'EUR', 1n, 'F-A')), 'accepted');
    assert.equal(node.status(p.uetr), 'settled');
    assert.deepEqual(node.inboxTypes(I), [`payment.queued ${p.uetr}`, `payment.settled ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(B), [`payment.received ${p.uetr}`]);
    check(node);
  });

  it('payments in one currency leave the other untouched', () => {
    const node = fundedNode();
    node.one(fundIn(B, 'USD', 70n, 'F-USD'));
    assert.equal(node.one(payment({ seed: 1, currency: 'USD', from: B, to: A, amount: 70n })), 'accepted');
    assert.equal(node.balance(A, 'USD'), 70n);
    assert.equal(node.balance(B, 'USD'), 0n);
    assert.equal(node.balance(A, 'EUR'), 1000n);
    assert.equal(node.issued('USD'), 70n);
    const uncovered = payment({ seed: 2, currency: 'USD', from: B, to: A, amount: 1n });
    assert.equal(node.one(uncovered), 'accepted');
    assert.equal(node.status(uncovered.uetr), 'queued');
    // EUR liquidity does nothing for a USD queue.
    node.one(fundIn(B, 'EUR', 5n, 'F-EUR'));
    assert.equal(node.status(uncovered.uetr), 'queued');
    check(node);
  });
});

describe('submit_message', () => {
  it('judges each transaction like a payment and records every outcome in the message', () => {
    const node = fundedNode();
    const settles = transaction({ seed: 'm1', from: A, to: B, amount: 300n });
    const uncovered = transaction({ seed: 'm2', from: A, to: C, amount: 5000n });
    const unknownCreditor = transaction({ seed: 'm3', from: A, to: 'NOPEDEFF', amount: 10n });
    const m = message(A, 'MSG-1', [settles, uncovered, unknownCreditor]);
    const { timestamp: t, results } = node.apply([m]);
    assert.deepEqual(results, ['accepted']);
    assert.deepEqual(node.state.network.messages.get(`${A}\nMSG-1`), {
      sender: A,
      messageId: 'MSG-1',
      messageName: 'pacs.008.001.08',
      requestHash: m.requestHash,
      receivedAt: t,
      transactions: [
        { uetr: settles.uetr, result: 'accepted' },
        { uetr: uncovered.uetr, result: 'accepted' },
        { uetr: unknownCreditor.uetr, result: 'participant_unknown' },
      ],
    });
    // The first settles: received, validated, settled.
    const first = node.state.network.payments.get(settles.uetr)!;
    assert.equal(first.status, 'settled');
    assert.deepEqual(first.history.map((h) => h.at), [t, t + 1, t + 2]);
    assert.deepEqual(first.iso, { messageId: 'MSG-1', messageName: 'pacs.008.001.08', instructionId: 'INSTR-m1', transactionId: 'TX-m1' });
    assert.equal(first.sender, A);
    assert.equal(first.endToEndId, 'E2E-m1');
    // The second waits in A's queue and moved nothing.
    const second = node.state.network.payments.get(uncovered.uetr)!;
    assert.equal(second.status, 'queued');
    assert.equal(second.reason, null);
    assert.deepEqual(second.iso, { messageId: 'MSG-1', messageName: 'pacs.008.001.08', instructionId: 'INSTR-m2', transactionId: 'TX-m2' });
    assert.deepEqual(second.history, [
      { status: 'received', at: t + 3, reason: null },
      { status: 'validated', at: t + 4, reason: null },
      { status: 'queued', at: t + 5, reason: null },
    ]);
    assert.equal(node.state.ledger.transfers.has(second.transferId), false);
    // The third is wrong in itself: no payment, no key; only its outcome in the message.
    assert.equal(node.state.network.payments.has(unknownCreditor.uetr), false);
    assert.equal(node.state.network.payments.size, 2);
    assert.deepEqual(node.state.network.idempotencyKeys.get(messageTransactionKey(A, 'MSG-1', 0)), { uetr: settles.uetr, requestHash: m.requestHash });
    assert.deepEqual(node.state.network.idempotencyKeys.get(messageTransactionKey(A, 'MSG-1', 1)), { uetr: uncovered.uetr, requestHash: m.requestHash });
    assert.equal(node.state.network.idempotencyKeys.has(messageTransactionKey(A, 'MSG-1', 2)), false);
    assert.equal(node.balance(A), 700n);
    assert.equal(node.balance(B), 1300n);
    assert.equal(node.balance(C), 0n);
    assert.deepEqual(node.inboxTypes(A).slice(1), [`payment.settled ${settles.uetr}`, `payment.queued ${uncovered.uetr}`]);
    assert.deepEqual(node.inboxTypes(B).slice(1), [`payment.received ${settles.uetr}`]);
    assert.deepEqual(node.inboxTypes(C), []);
    check(node);
  });

  it('resending the same message changes nothing; another message under its MsgId is a duplicate', () => {
    const node = fundedNode();
    const m = message(A, 'MSG-1', [transaction({ seed: 1, from: A, to: B, amount: 100n }), transaction({ seed: 2, from: A, to: B, amount: 5000n })]);
    assert.equal(node.one(m), 'accepted');
    const record = JSON.stringify(node.state.network.messages.get(`${A}\nMSG-1`));
    const before = footprint(node);
    // The second waited in the queue; funding settles it. A resend is the same message: nothing more moves.
    node.one(fundIn(A, 'EUR', 10_000n, 'F-A2'));
    assert.equal(node.state.network.payments.get(m.transactions[1]!.uetr)!.status, 'settled');
    const funded = footprint(node);
    assert.deepEqual(node.apply([m, m]).results, ['already_applied', 'already_applied']);
    assert.equal(footprint(node), funded);
    assert.notEqual(funded, before);
    assert.equal(JSON.stringify(node.state.network.messages.get(`${A}\nMSG-1`)), record);
    assert.equal(node.balance(A), 5_900n);
    assert.equal(node.balance(B), 6100n);
    // Same MsgId, other bytes: refused as a whole, whatever it carries.
    assert.equal(node.one(message(A, 'MSG-1', [transaction({ seed: 3, from: A, to: B, amount: 1n })])), 'duplicate_message');
    assert.equal(node.one(message(A, 'MSG-1', m.transactions, 'pacs.008.001.09')), 'duplicate_message');
    assert.equal(node.state.network.payments.has(uetr(3)), false);
    assert.equal(footprint(node), funded);
    // MsgIds are per sender: B may use the same one.
    assert.equal(node.one(message(B, 'MSG-1', [transaction({ seed: 'b', from: B, to: A, amount: 1n })])), 'accepted');
    // The same transactions in a new message are new requests under new keys: their UETRs are taken.
    const again = message(A, 'MSG-2', m.transactions);
    assert.equal(node.one(again), 'accepted');
    assert.deepEqual(
      node.state.network.messages.get(`${A}\nMSG-2`)!.transactions.map((tx) => tx.result),
      ['duplicate_uetr', 'duplicate_uetr'],
    );
    assert.equal(node.balance(A), 5_901n);
    check(node);
  });

  it('settles transactions in order, each on the liquidity the earlier ones left; one not covered waits, one that fits goes past it', () => {
    const node = fundedNode();
    const m = message(A, 'MSG-1', [
      transaction({ seed: 1, from: A, to: B, amount: 600n }),
      transaction({ seed: 2, from: A, to: C, amount: 600n }),
      transaction({ seed: 3, from: A, to: C, amount: 400n }),
      transaction({ seed: 1, from: A, to: C, amount: 1n }),
    ]);
    assert.equal(node.one(m), 'accepted');
    assert.deepEqual(
      node.state.network.messages.get(`${A}\nMSG-1`)!.transactions.map((tx) => tx.result),
      ['accepted', 'accepted', 'accepted', 'duplicate_uetr'],
    );
    assert.deepEqual(m.transactions.slice(0, 3).map((tx) => node.status(tx.uetr)), ['settled', 'queued', 'settled']);
    assert.equal(node.balance(A), 0n);
    assert.equal(node.balance(B), 1600n);
    assert.equal(node.balance(C), 400n);
    check(node);
  });

  it('a sponsor sends a message for its indirect participant; suspended parties are refused per transaction', () => {
    const node = fundedNode();
    node.one(setSuspended(C, true));
    const m = message(A, 'MSG-1', [
      transaction({ seed: 1, from: I, to: B, amount: 50n }),
      transaction({ seed: 2, from: A, to: C, amount: 50n }),
      transaction({ seed: 3, from: B, to: A, amount: 50n }),
      transaction({ seed: 4, from: A, to: A, amount: 50n }),
      transaction({ seed: 5, from: A, to: B, amount: 50n, currency: 'JPY' }),
      { ...transaction({ seed: 6, from: A, to: B, amount: 50n }), endToEndId: '' },
    ]);
    assert.equal(node.one(m), 'accepted');
    assert.deepEqual(
      node.state.network.messages.get(`${A}\nMSG-1`)!.transactions.map((tx) => tx.result),
      ['accepted', 'participant_suspended', 'not_sponsor', 'same_agent', 'currency_unknown', 'text_invalid'],
    );
    const sent = node.state.network.payments.get(uetr(1))!;
    assert.equal(sent.sender, A);
    assert.equal(sent.debtorAgent, I);
    assert.equal(node.balance(A), 950n);
    assert.equal(node.state.network.payments.size, 1);
    check(node);
  });

  it('refuses a message that is wrong as a whole, leaving no trace, so its MsgId stays free', () => {
    const node = fundedNode();
    const tx = transaction({ seed: 1, from: A, to: B, amount: 10n });
    const before = footprint(node);
    assert.deepEqual(
      node.each([
        message(A, '', [tx]),
        message(A, 'M'.repeat(36), [tx]),
        message(A, 'MSG\n1', [tx]),
        message(A, 'MSG-1', []),
        message(A, 'MSG-1', [tx], ''),
        message(A, 'MSG-1', [tx], 'p'.repeat(36)),
        { ...message(A, 'MSG-1', [tx]), requestHash: 'not a hash' },
        message(A, 'MSG-1', Array.from({ length: 1001 }, () => tx)),
        message('NOPEDEFF', 'MSG-1', [tx]),
      ]),
      [...Array<string>(8).fill('text_invalid'), 'participant_unknown'],
    );
    assert.equal(footprint(node), before);
    assert.equal(node.one(message(A, 'MSG-1', [tx])), 'accepted');
    assert.equal(node.balance(B), 1010n);
  });

  it('refuses at the door a message the journal could not hold, or a malformed one', () => {
    const small = message(A, 'MSG-1', [transaction({ seed: 1, from: A, to: B, amount: 10n })]);
    assert.equal(nodeCommandShapeError(small), null);
    // The largest message allowed fits the journal; one transaction more is refused.
    const largest = message(A, 'MSG-2', Array.from({ length: messageTransactionsMax }, (_, i) => transaction({ seed: i, from: A, to: B, amount: 10n })));
    assert.ok(Buffer.byteLength(JSON.stringify(largest, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) < networkCommandBytesMax);
    assert.equal(nodeCommandShapeError(largest), null);
    const tooLarge = message(A, 'MSG-3', Array.from({ length: messageTransactionsMax + 1 }, (_, i) => transaction({ seed: i, from: A, to: B, amount: 10n })));
    assert.match(nodeCommandShapeError(tooLarge) ?? '', /transactions/);
    assert.match(nodeCommandShapeError({ ...small, requestHash: 'ab' }) ?? '', /hash/);
    assert.match(nodeCommandShapeError({ ...small, transactions: [] }) ?? '', /transactions/);
    assert.equal(nodeCommandShapeError(requestCancellation(A, uetr(1), 'CASE-1')), null);
    assert.match(nodeCommandShapeError(setIsoVersions(A, Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 'x'.repeat(30)])))) ?? '', /journal/);
  });
});

describe('cancellation and return', () => {
  it('request → the creditor side hears → reject → the debtor side hears; no money moves', () => {
    const { node, p } = settledNode();
    const requested = node.apply([requestCancellation(A, p.uetr, 'CASE-1', 'DUPL')]);
    assert.deepEqual(requested.results, ['accepted']);
    const t = requested.timestamp;
    const record = node.state.network.payments.get(p.uetr)!;
    assert.equal(record.status, 'settled');
    assert.deepEqual(record.cancellation, { caseId: 'CASE-1', reason: 'DUPL', requestedBy: A, requestedAt: t, status: 'pending', answeredAt: null, answerReason: null });
    const requestEvent = { at: t, type: 'payment.cancellation_requested', subject: p.uetr, status: 'settled', reason: 'DUPL', currency: null, amount: null };
    assert.deepEqual(node.inbox(B).at(-1), { seq: 3, ...requestEvent });
    assert.deepEqual(node.inbox(A).at(-1), { seq: 3, ...requestEvent });
    assert.equal(node.inbox(C).length, 0);
    // A retry is the same request; another case, or another reason, is refused.
    const before = footprint(node);
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-1', 'DUPL')), 'already_applied');
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-2', 'DUPL')), 'cancellation_exists');
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-1', 'FRAD')), 'cancellation_exists');
    assert.equal(footprint(node), before);
    assert.equal(node.inbox(B).length, 3);

    const rejected = node.apply([rejectCancellation(B, p.uetr, 'NOOR')]);
    assert.deepEqual(rejected.results, ['accepted']);
    const t2 = rejected.timestamp;
    assert.deepEqual(record.cancellation, { caseId: 'CASE-1', reason: 'DUPL', requestedBy: A, requestedAt: t, status: 'rejected', answeredAt: t2, answerReason: 'NOOR' });
    const rejectEvent = { at: t2, type: 'payment.cancellation_rejected', subject: p.uetr, status: 'settled', reason: 'NOOR', currency: null, amount: null };
    assert.deepEqual(node.inbox(A).at(-1), { seq: 4, ...rejectEvent });
    assert.deepEqual(node.inbox(B).at(-1), { seq: 4, ...rejectEvent });
    assert.equal(node.one(rejectCancellation(B, p.uetr, 'NOOR')), 'already_applied');
    assert.equal(node.one(rejectCancellation(B, p.uetr, 'ARDT')), 'cancellation_not_pending');
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-1', 'DUPL')), 'already_applied');
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-3', 'DUPL')), 'cancellation_exists');
    assert.equal(record.status, 'settled');
    assert.equal(record.history.length, 3);
    assert.equal(node.balance(A), 600n);
    assert.equal(node.balance(B), 1400n);
    // The creditor may still give the money back of its own accord; the refusal stands.
    assert.equal(node.one(returnPayment(B, p.uetr, 400n, 'RET-1', 'NARR')), 'accepted');
    assert.equal(node.state.network.payments.get(p.uetr)!.cancellation!.status, 'rejected');
    assert.equal(node.balance(A), 1000n);
    check(node);
  });

  it('request → return: the payment is returned, its history grows, the money goes back exactly, the cancellation is accepted', () => {
    const { node, p } = settledNode();
    node.one(requestCancellation(A, p.uetr, 'CASE-1', 'CUST'));
    const issued = node.issued();
    const returned = node.apply([returnPayment(B, p.uetr, 400n, 'RET-1', 'FOCR')]);
    assert.deepEqual(returned.results, ['accepted']);
    const t = returned.timestamp;
    const record = node.state.network.payments.get(p.uetr)!;
    const transferId = returnTransferId(p.uetr);
    assert.equal(record.status, 'returned');
    assert.deepEqual(record.history.map((h) => h.status), ['received', 'validated', 'settled', 'returned']);
    assert.deepEqual(record.history.at(-1), { status: 'returned', at: t, reason: 'FOCR' });
    assert.deepEqual(record.returned, { returnId: 'RET-1', amount: 400n, reason: 'FOCR', at: t, transferId });
    assert.equal(record.cancellation!.status, 'accepted');
    assert.equal(record.cancellation!.answeredAt, t);
    assert.equal(record.cancellation!.answerReason, null);
    // The original transfer stays; a new one goes the other way.
    assert.equal(node.state.ledger.transfers.get(record.transferId)!.amount, 400n);
    const back = node.state.ledger.transfers.get(transferId)!;
    assert.equal(back.debitAccountId, settlementAccountId(B, 'EUR'));
    assert.equal(back.creditAccountId, settlementAccountId(A, 'EUR'));
    assert.equal(back.amount, 400n);
    assert.equal(back.code, transferCodes.paymentReturn);
    assert.equal(back.ledger, 978);
    assert.equal(back.uetr, uetrTransferId(p.uetr));
    assert.equal(back.timestamp, t);
    assert.equal(node.balance(A), 1000n);
    assert.equal(node.balance(B), 1000n);
    assert.equal(node.issued(), issued);
    const event = { at: t, type: 'payment.returned', subject: p.uetr, status: 'returned', reason: 'FOCR', currency: null, amount: null };
    assert.deepEqual(node.inbox(A).at(-1), { seq: 4, ...event });
    assert.deepEqual(node.inbox(B).at(-1), { seq: 4, ...event });
    // Retries change nothing; anything else on a returned payment is refused.
    const before = footprint(node);
    assert.equal(node.one(returnPayment(B, p.uetr, 400n, 'RET-1', 'FOCR')), 'already_applied');
    assert.equal(node.one(returnPayment(B, p.uetr, 399n, 'RET-1', 'FOCR')), 'payment_not_cancellable');
    assert.equal(node.one(returnPayment(B, p.uetr, 400n, 'RET-2', 'FOCR')), 'payment_not_cancellable');
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-1', 'CUST')), 'already_applied');
    assert.equal(node.one(rejectCancellation(B, p.uetr, 'NOOR')), 'cancellation_not_pending');
    assert.equal(footprint(node), before);
    assert.equal(node.balance(B), 1000n);
    check(node);
  });

  it('returns part of a payment, once; refuses nothing or more than the amount', () => {
    const { node, p } = settledNode();
    const before = footprint(node);
    assert.deepEqual(
      node.each([returnPayment(B, p.uetr, 0n, 'RET-1'), returnPayment(B, p.uetr, -1n, 'RET-1'), returnPayment(B, p.uetr, 401n, 'RET-1')]),
      ['return_invalid', 'return_invalid', 'return_invalid'],
    );
    assert.equal(footprint(node), before);
    assert.equal(node.one(returnPayment(B, p.uetr, 150n, 'RET-1', 'AC04')), 'accepted');
    const record = node.state.network.payments.get(p.uetr)!;
    assert.equal(record.status, 'returned');
    assert.equal(record.returned!.amount, 150n);
    assert.equal(record.cancellation, null);
    assert.equal(node.balance(A), 750n);
    assert.equal(node.balance(B), 1250n);
    // One return per payment: the rest cannot follow; a returned payment cannot be cancelled.
    assert.equal(node.one(returnPayment(B, p.uetr, 250n, 'RET-2', 'AC04')), 'payment_not_cancellable');
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-1')), 'payment_not_cancellable');
    assert.equal(node.balance(A), 750n);
    check(node);
  });

  it('a return beyond the creditor’s liquidity is refused, moves nothing, and can be made once covered', () => {
    const node = standardNode();
    node.one(fundIn(A, 'EUR', 1000n, 'F-A'));
    const p = payment({ seed: 1, from: A, to: B, amount: 600n });
    assert.deepEqual(node.each([p, payment({ seed: 2, from: B, to: C, amount: 500n }), setLimits(B, 'EUR', 400n)]), ['accepted', 'accepted', 'accepted']);
    assert.equal(node.balance(B), 100n);
    const before = footprint(node);
    // 100 own and 400 of credit line do not cover 600.
    assert.equal(node.one(returnPayment(B, p.uetr, 600n, 'RET-1')), 'insufficient_funds');
    assert.equal(footprint(node), before);
    assert.equal(node.state.ledger.transfers.has(returnTransferId(p.uetr)), false);
    assert.equal(node.state.ledger.failedIds.has(returnTransferId(p.uetr)), false, 'the return’s id is not burned');
    assert.equal(node.state.network.payments.get(p.uetr)!.status, 'settled');
    assert.equal(node.balance(A), 400n);
    assert.equal(node.balance(B), 100n);
    node.one(fundIn(B, 'EUR', 100n, 'F-B'));
    assert.equal(node.one(returnPayment(B, p.uetr, 600n, 'RET-1')), 'accepted');
    assert.equal(node.balance(B), -400n, 'the credit line covers part of a return');
    assert.equal(node.balance(A), 1000n);
    assert.equal(node.state.network.payments.get(p.uetr)!.status, 'returned');
    check(node);
  });

  it('only the debtor side may request; only the creditor side may answer or return', () => {
    const node = fundedNode();
    const toI = payment({ seed: 'toI', from: B, to: I, amount: 100n });
    const bySponsor = payment({ seed: 'bySponsor', sender: A, from: I, to: B, amount: 50n });
    assert.deepEqual(node.each([toI, bySponsor]), ['accepted', 'accepted']);
    const before = footprint(node);
    assert.deepEqual(
      node.each([
        // The creditor side, or a stranger, may not ask to cancel.
        requestCancellation(I, toI.uetr, 'CASE-1'),
        requestCancellation(A, toI.uetr, 'CASE-1'),
        requestCancellation(C, toI.uetr, 'CASE-1'),
        requestCancellation(ecb, toI.uetr, 'CASE-1'),
        requestCancellation('NOPEDEFF', toI.uetr, 'CASE-1'),
        requestCancellation(B, uetr('unknown'), 'CASE-1'),
        // The debtor side, or a stranger, may not answer or return.
        returnPayment(B, toI.uetr, 100n, 'RET-1'),
        returnPayment(C, toI.uetr, 100n, 'RET-1'),
        returnPayment(A, bySponsor.uetr, 50n, 'RET-1'),
        returnPayment(I, bySponsor.uetr, 50n, 'RET-1'),
        returnPayment(B, uetr('unknown'), 1n, 'RET-1'),
      ]),
      Array<string>(11).fill('payment_unknown'),
    );
    assert.equal(footprint(node), before);
    assert.deepEqual(node.each([requestCancellation(B, toI.uetr, 'CASE-1'), requestCancellation(I, bySponsor.uetr, 'CASE-2')]), ['accepted', 'accepted']);
    assert.deepEqual(
      node.each([
        rejectCancellation(B, toI.uetr),
        rejectCancellation(C, toI.uetr),
        rejectCancellation(A, bySponsor.uetr),
        rejectCancellation(I, bySponsor.uetr),
        rejectCancellation(B, uetr('unknown')),
      ]),
      Array<string>(5).fill('payment_unknown'),
    );
    // The indirect creditor refuses; its sponsor, whose account was paid, returns all the same.
    assert.equal(node.one(rejectCancellation(I, toI.uetr, 'LEGL')), 'accepted');
    assert.equal(node.one(returnPayment(A, toI.uetr, 100n, 'RET-1')), 'accepted');
    // The sponsor sent bySponsor; its indirect participant asked; the creditor returns to the sponsor's account.
    assert.equal(node.one(returnPayment(B, bySponsor.uetr, 50n, 'RET-2')), 'accepted');
    assert.equal(node.state.network.payments.get(bySponsor.uetr)!.cancellation!.status, 'accepted');
    assert.equal(node.balance(A), 1000n);
    assert.equal(node.balance(B), 1000n);
    // Both sides, sponsors included, hear of each step; C hears nothing.
    const followUps = [
      `payment.cancellation_requested ${toI.uetr}`,
      `payment.cancellation_requested ${bySponsor.uetr}`,
      `payment.cancellation_rejected ${toI.uetr}`,
      `payment.returned ${toI.uetr}`,
      `payment.returned ${bySponsor.uetr}`,
    ];
    assert.deepEqual(node.inboxTypes(I), [`payment.received ${toI.uetr}`, `payment.settled ${bySponsor.uetr}`, ...followUps]);
    assert.deepEqual(node.inboxTypes(A), ['funds.credited F-A', `payment.received ${toI.uetr}`, `payment.settled ${bySponsor.uetr}`, ...followUps]);
    assert.deepEqual(node.inboxTypes(B), ['funds.credited F-B', `payment.settled ${toI.uetr}`, `payment.received ${bySponsor.uetr}`, ...followUps]);
    assert.equal(node.inbox(C).length, 0);
    check(node);
  });

  it('a rejected payment cannot be cancelled, answered or returned', () => {
    const node = fundedNode();
    const p = payment({ seed: 1, from: A, to: B, amount: 5000n });
    assert.deepEqual(node.each([p, cancelPayment(A, p.uetr)]), ['accepted', 'accepted']);
    assert.equal(node.status(p.uetr), 'rejected');
    const before = footprint(node);
    assert.deepEqual(
      node.each([requestCancellation(A, p.uetr, 'CASE-1'), returnPayment(B, p.uetr, 1n, 'RET-1'), rejectCancellation(B, p.uetr)]),
      ['payment_not_cancellable', 'payment_not_cancellable', 'cancellation_not_pending'],
    );
    assert.equal(footprint(node), before);
    assert.equal(node.state.network.payments.get(p.uetr)!.cancellation, null);
    assert.equal(node.state.network.payments.get(p.uetr)!.returned, null);
    check(node);
  });

  it('refuses malformed case ids, return ids and reasons, leaving no trace', () => {
    const { node, p } = settledNode();
    const before = footprint(node);
    assert.deepEqual(
      node.each([
        requestCancellation(A, p.uetr, ''),
        requestCancellation(A, p.uetr, 'C'.repeat(36)),
        requestCancellation(A, p.uetr, 'CASE\t1'),
        returnPayment(B, p.uetr, 1n, ''),
        returnPayment(B, p.uetr, 1n, 'R'.repeat(36)),
      ]),
      Array<string>(5).fill('text_invalid'),
    );
    assert.deepEqual(
      node.each([
        requestCancellation(A, p.uetr, 'CASE-1', 'dupl'),
        requestCancellation(A, p.uetr, 'CASE-1', 'DUPLI'),
        requestCancellation(A, p.uetr, 'CASE-1', ''),
        requestCancellation(A, p.uetr, 'CASE-1', 'DU L'),
        rejectCancellation(B, p.uetr, 'no'),
        returnPayment(B, p.uetr, 1n, 'RET-1', 'FOCR\n'),
      ]),
      Array<string>(6).fill('reason_invalid'),
    );
    assert.equal(footprint(node), before);
    assert.equal(node.one(requestCancellation(A, p.uetr, 'C'.repeat(35), 'AM09')), 'accepted');
    check(node);
  });

  it('follows a payment that came in a message, and survives a snapshot', () => {
    const node = fundedNode();
    const tx = transaction({ seed: 'mx', from: A, to: B, amount: 250n });
    assert.equal(node.one(message(A, 'MSG-1', [tx])), 'accepted');
    assert.deepEqual(node.each([requestCancellation(A, tx.uetr, 'CASE-1', 'FRAD'), returnPayment(B, tx.uetr, 200n, 'RET-1', 'FRAD')]), ['accepted', 'accepted']);
    assert.equal(node.state.network.payments.get(tx.uetr)!.iso!.messageId, 'MSG-1');
    const bytes = encodeState(node.state);
    const restored = new TestNode(decodeState(bytes), node.nextTimestamp);
    assert.ok(encodeState(restored.state).equals(bytes));
    assert.deepEqual(restored.state.network.payments.get(tx.uetr), node.state.network.payments.get(tx.uetr));
    assert.deepEqual(restored.state.network.messages, node.state.network.messages);
    const next = [message(A, 'MSG-1', [tx]), returnPayment(B, tx.uetr, 200n, 'RET-1', 'FRAD'), setIsoVersions(B, { 'pacs.004': 'pacs.004.001.11' })];
    assert.deepEqual(restored.apply(next).results, node.apply(next).results);
    assert.ok(encodeState(restored.state).equals(encodeState(node.state)));
    check(restored);
  });

  it('reads a snapshot written before messages, cancellations, returns and priorities (format 2)', () => {
    const { node, p } = settledNode();
    const lines = encodeNetworkState(node.state.network).map((line) => {
      const [kind, value] = JSON.parse(line) as [string, Record<string, unknown>];
      if (kind === 'payment') {
        delete value.iso;
        delete value.cancellation;
        delete value.returned;
        // Format 2 had no priorities.
        delete value.priority;
        delete value.fx;
      }
      if (kind === 'participant') delete value.isoVersions;
      if (kind === 'version') return JSON.stringify([kind, 2]);
      return JSON.stringify([kind, value]);
    });
    const network = decodeNetworkState(lines);
    const old = network.payments.get(p.uetr)!;
    assert.equal(old.cancellation, null);
    assert.equal(old.returned, null);
    assert.equal(old.iso, null);
    assert.equal(old.priority, 'normal');
    assert.deepEqual(network.participants.get(A)!.isoVersions, {});
    // Replayed, the payment record would have the same fields in the same order.
    assert.deepEqual(Object.keys(old), Object.keys(node.state.network.payments.get(p.uetr)!));
    const restored = new TestNode({ ledger: node.state.ledger, network }, node.nextTimestamp);
    assert.equal(restored.one(requestCancellation(A, p.uetr, 'CASE-1')), 'accepted');
    assert.equal(restored.one(returnPayment(B, p.uetr, 400n, 'RET-1')), 'accepted');
    check(restored);
  });
});

describe('set_iso_versions', () => {
  it('sets the versions a participant receives, and replaces them as a whole', () => {
    const node = standardNode();
    assert.deepEqual(node.state.network.participants.get(A)!.isoVersions, {});
    assert.equal(node.one(setIsoVersions(A, { 'pacs.002': 'pacs.002.001.12', 'camt.054': 'camt.054.001.14' })), 'accepted');
    assert.deepEqual(node.state.network.participants.get(A)!.isoVersions, { 'pacs.002': 'pacs.002.001.12', 'camt.054': 'camt.054.001.14' });
    assert.equal(node.one(setIsoVersions(A, { 'pacs.008': 'pacs.008.001.08' })), 'accepted');
    assert.deepEqual(node.state.network.participants.get(A)!.isoVersions, { 'pacs.008': 'pacs.008.001.08' });
    assert.deepEqual(node.state.network.participants.get(B)!.isoVersions, {});
    assert.equal(node.one(setIsoVersions(A, {})), 'accepted');
    assert.deepEqual(node.state.network.participants.get(A)!.isoVersions, {});
  });

  it('refuses a version the network cannot write, and unknown participants', () => {
    const node = standardNode();
    node.one(setIsoVersions(A, { 'pacs.002': 'pacs.002.001.11' }));
    const versions = (v: Record<string, string>) => setIsoVersions(A, v);
    assert.deepEqual(
      node.each([
        versions({ 'pacs.008': 'pacs.008.001.02' }),
        versions({ 'pacs.008': 'pacs.008.001.07' }),
        versions({ 'pacs.002': 'pacs.002.001.17' }),
        versions({ 'pacs.002': 'pacs.008.001.08' }),
        versions({ 'pacs.009': 'pacs.009.001.08' }),
        versions({ 'abcd.123': 'abcd.123.001.01' }),
        versions({ 'PACS.008': 'PACS.008.001.08' }),
        versions({ 'pacs.008': 'pacs.008.001.08', 'camt.053': 'camt.053.001.13' }),
        versions({ constructor: 'constructor' }),
        versions({ toString: 'pacs.008.001.08' }),
        versions(JSON.parse('{"__proto__": "pacs.008.001.08"}') as Record<string, string>),
        versions({ 'pacs.008': 42 as unknown as string }),
      ]),
      Array<string>(12).fill('version_invalid'),
    );
    assert.deepEqual(node.state.network.participants.get(A)!.isoVersions, { 'pacs.002': 'pacs.002.001.11' });
    assert.equal(node.one(setIsoVersions('NOPEDEFF', {})), 'participant_unknown');
  });

  it('knows the same versions as the ISO 20022 builders write', () => {
    assert.deepEqual(Object.fromEntries(writableIsoVersions), supportedVersions);
    const node = standardNode();
    for (const [name, list] of writableIsoVersions) {
      for (const version of list) assert.equal(node.one(setIsoVersions(C, { [name]: version })), 'accepted', version);
    }
  });
});

describe('batches', () => {
  it('gives each event of a batch the next timestamp, across ledger and network commands', () => {
    const node = fundedNode();
    const p1 = payment({ seed: 1, from: A, to: B, amount: 1n });
    const p2 = payment({ seed: 2, from: B, to: C, amount: 1n });
    const outcome = node.apply([p1, setSuspended(C, true), p2, setSuspended(C, false), fundIn(C, 'EUR', 5n, 'F-C')]);
    const t = outcome.timestamp;
    assert.deepEqual(outcome.results, ['accepted', 'accepted', 'participant_suspended', 'accepted', 'accepted']);
    // p1 takes 3 events, the suspension 1, the refusal none, the resumption 1, the funding 1.
    assert.deepEqual(outcome.timestamps, [t, t + 3, t + 4, t + 4, t + 5]);
    assert.equal(node.state.ledger.lastTimestamp, t + 5);
    assert.equal(node.state.ledger.transfers.get(fundingTransferId('EUR', 'F-C'))!.timestamp, t + 5);
  });

  it('a snapshot of the network state decodes to the same bytes and goes on alike', () => {
    const node = fundedNode();
    node.each([
      setLimits(C, 'EUR', 50n, 20n),
      addApiKey(A, 'keyA0001'),
      setWebhook(B),
      payment({ seed: 1, from: C, to: I, amount: 50n }),
      payment({ seed: 2, from: I, to: B, amount: 5000n }),
      webhookDelivered(A, 1),
    ]);
    const bytes = encodeState(node.state);
    const restored = new TestNode(decodeState(bytes), node.nextTimestamp);
    assert.ok(encodeState(restored.state).equals(bytes));
    const next = [payment({ seed: 1, from: C, to: I, amount: 50n }), payment({ seed: 3, from: A, to: C, amount: 60n }), fundOut(C, 'EUR', 10n, 'OUT')];
    const liveResults = node.apply(next).results;
    const restoredResults = restored.apply(next).results;
    assert.deepEqual(restoredResults, liveResults);
    assert.deepEqual(liveResults, ['already_applied', 'accepted', 'accepted']);
    assert.ok(encodeState(restored.state).equals(encodeState(node.state)));
    check(restored);
  });
});

// ---- settlement: queues, LSM, dns windows, end of day ----------------------------------------

/** Everything of the network that a refused command must leave as it was (the ledger's clock aside). */
function networkBytes(node: TestNode): string {
  const balances = [...node.state.ledger.accounts.values()].map((a) => `${a.id}:${a.debitsPosted}:${a.creditsPosted}:${a.creditLine}`).join(' ');
  return `${encodeNetworkState(node.state.network).join('\n')}\n${balances}\n${node.state.ledger.transfers.size}`;
}

/** Three EUR banks that owe each other in a circle, and the reverse: zero balances, nothing settles gross. */
function gridlockNode(mode: 'rtgs' | 'rtgs-lsm'): { node: TestNode; circle: ReturnType<typeof payment>[] } {
  const node = new TestNode();
  const setup = [registerAgent(ecb), registerCurrency('EUR', { mode }), registerParticipant(A, { currencies: ['EUR'] }), registerParticipant(B, { currencies: ['EUR'] }), registerParticipant(C, { currencies: ['EUR'] })];
  assert.ok(node.apply(setup).results.every((r) => r === 'accepted'));
  const circle = [payment({ seed: 'ab', from: A, to: B, amount: 100n }), payment({ seed: 'bc', from: B, to: C, amount: 100n }), payment({ seed: 'ca', from: C, to: A, amount: 100n })];
  assert.deepEqual(node.each(circle), ['accepted', 'accepted', 'accepted']);
  return { node, circle };
}

describe('settlement: rtgs queues', () => {
  it('urgent payments queue ahead of normal ones, and settle first when liquidity comes', () => {
    const node = standardNode();
    const normal = payment({ seed: 'n', from: A, to: B, amount: 60n });
    const urgent = { ...payment({ seed: 'u', from: A, to: B, amount: 60n }), priority: 'urgent' as const };
    assert.deepEqual(node.each([normal, urgent]), ['accepted', 'accepted']);
    const engine = node.state.network.settlement.get('EUR')!.engine;
    assert.deepEqual([engine.participants[engine.indexById.get(A)!]!.urgent.live, engine.participants[engine.indexById.get(A)!]!.normal.live], [1, 1]);
    assert.equal(node.one(fundIn(A, 'EUR', 60n, 'F-A')), 'accepted');
    assert.deepEqual([node.status(urgent.uetr), node.status(normal.uetr)], ['settled', 'queued']);
    assert.equal(node.one(fundIn(A, 'EUR', 60n, 'F-A2')), 'accepted');
    assert.deepEqual([node.status(urgent.uetr), node.status(normal.uetr)], ['settled', 'settled']);
    assert.equal(node.balance(B), 120n);
    check(node);
  });

  it('an incoming payment is liquidity too: it settles what waits in the payee’s queue', () => {
    const node = standardNode();
    const waiting = payment({ seed: 'w', from: B, to: C, amount: 80n });
    assert.equal(node.one(waiting), 'accepted');
    node.one(fundIn(A, 'EUR', 100n, 'F-A'));
    const incoming = payment({ seed: 'in', from: A, to: B, amount: 100n });
    const { timestamp: t } = node.apply([incoming]);
    assert.deepEqual([node.status(incoming.uetr), node.status(waiting.uetr)], ['settled', 'settled']);
    // One chain: the incoming payment's transfer, then the queued one's.
    assert.equal(node.state.ledger.transfers.get(uetrTransferId(incoming.uetr))!.timestamp, t + 2);
    assert.equal(node.state.ledger.transfers.get(uetrTransferId(waiting.uetr))!.timestamp, t + 3);
    assert.deepEqual([node.balance(A), node.balance(B), node.balance(C)], [0n, 20n, 80n]);
    check(node);
  });

  it('the debtor side cancels a queued payment: rejected DS02, once; what is settled or foreign is refused without a trace', () => {
    const { node, p: settled } = settledNode();
    const queued = payment({ seed: 'q', from: A, to: C, amount: 5000n });
    const byI = payment({ seed: 'qi', from: I, to: C, amount: 5000n });
    assert.deepEqual(node.each([queued, byI]), ['accepted', 'accepted']);
    const before = networkBytes(node);
    assert.deepEqual(
      node.each([cancelPayment(B, queued.uetr), cancelPayment(C, queued.uetr), cancelPayment('NOPEDEFF', queued.uetr), cancelPayment(A, uetr('never')), cancelPayment(A, settled.uetr), cancelPayment(B, settled.uetr)]),
      ['payment_unknown', 'payment_unknown', 'payment_unknown', 'payment_unknown', 'payment_not_queued', 'payment_unknown'],
    );
    assert.equal(networkBytes(node), before, 'refusals change nothing');
    const { timestamp: t, results } = node.apply([cancelPayment(A, queued.uetr)]);
    assert.deepEqual(results, ['accepted']);
    const record = node.state.network.payments.get(queued.uetr)!;
    assert.deepEqual([record.status, record.reason, record.history.at(-1)], ['rejected', 'DS02', { status: 'rejected', at: t, reason: 'DS02' }]);
    assert.deepEqual(node.inbox(A).at(-1), { seq: node.inbox(A).length, at: t, type: 'payment.rejected', subject: queued.uetr, status: 'rejected', reason: 'DS02', currency: null, amount: null });
    assert.equal(node.one(cancelPayment(A, queued.uetr)), 'already_applied');
    // The sponsor cancels for its indirect participant; the indirect participant may too (already done then).
    assert.deepEqual(node.each([cancelPayment(A, byI.uetr), cancelPayment(I, byI.uetr)]), ['accepted', 'already_applied']);
    assert.equal(node.state.network.settlement.get('EUR')!.engine.queuedCount, 0);
    assert.equal(node.inbox(C).length, 0, 'the payee never heard of them');
    check(node);
  });

  it('a camt.056 on a queued payment cancels it at once: rejected DS02, cancellation accepted, the creditor not involved', () => {
    const node = fundedNode();
    const p = payment({ seed: 1, from: A, to: B, amount: 5000n });
    node.one(p);
    const { timestamp: t, results } = node.apply([requestCancellation(A, p.uetr, 'CASE-1', 'DUPL')]);
    assert.deepEqual(results, ['accepted']);
    const record = node.state.network.payments.get(p.uetr)!;
    assert.deepEqual([record.status, record.reason], ['rejected', 'DS02']);
    assert.deepEqual(record.cancellation, { caseId: 'CASE-1', reason: 'DUPL', requestedBy: A, requestedAt: t, status: 'accepted', answeredAt: t, answerReason: null });
    assert.equal(node.one(requestCancellation(A, p.uetr, 'CASE-1', 'DUPL')), 'already_applied');
    assert.deepEqual(node.each([rejectCancellation(B, p.uetr), returnPayment(B, p.uetr, 1n, 'RET-1'), cancelPayment(A, p.uetr)]), ['cancellation_not_pending', 'payment_not_cancellable', 'already_applied']);
    assert.deepEqual(node.inboxTypes(B), ['funds.credited F-B']);
    // Funding A now moves nothing: the payment is gone from the queue.
    node.one(fundIn(A, 'EUR', 10_000n, 'F-A2'));
    assert.equal(node.status(p.uetr), 'rejected');
    assert.equal(node.balance(B), 1000n);
    check(node);
  });

  it('a return is liquidity for the payer: it settles what the payer has queued', () => {
    const { node, p } = settledNode();
    const waiting = payment({ seed: 'w', from: A, to: C, amount: 900n });
    node.one(waiting);
    assert.equal(node.status(waiting.uetr), 'queued');
    assert.equal(node.one(returnPayment(B, p.uetr, 400n, 'RET-1')), 'accepted');
    assert.equal(node.status(waiting.uetr), 'settled');
    assert.deepEqual([node.balance(A), node.balance(B), node.balance(C)], [100n, 1000n, 900n]);
    check(node);
  });

  it('end of day rejects what is still queued (AB03) and starts the next day; payments go on', () => {
    const node = fundedNode();
    const covered = payment({ seed: 'c', from: A, to: B, amount: 100n });
    const stuck = payment({ seed: 's', from: A, to: C, amount: 5000n });
    const stuckToo = payment({ seed: 's2', from: I, to: C, amount: 4000n });
    node.each([covered, stuck, stuckToo]);
    const cs = node.state.network.settlement.get('EUR')!;
    assert.equal(cs.day, 1);
    const { timestamp: t, results } = node.apply([endOfDay('EUR')]);
    assert.deepEqual(results, ['accepted']);
    for (const p of [stuck, stuckToo]) {
      const record = node.state.network.payments.get(p.uetr)!;
      assert.deepEqual([record.status, record.reason], ['rejected', 'AB03']);
    }
    assert.equal(node.inbox(I).at(-1)!.reason, 'AB03');
    assert.equal(cs.day, 2);
    assert.ok(cs.lastEndOfDayAt > t);
    assert.equal(cs.engine.payments.size, 0, 'the new day starts with no payments');
    assert.equal(cs.engine.participants[cs.engine.indexById.get(A)!]!.balance, 900n, 'balances carry over');
    assert.deepEqual(node.each([cancelPayment(A, stuck.uetr), payment({ seed: 'next', from: A, to: B, amount: 900n })]), ['payment_not_queued', 'accepted']);
    assert.equal(node.balance(A), 0n);
    assert.deepEqual(node.each([endOfDay('EUR'), endOfDay('JPY')]), ['accepted', 'currency_unknown']);
    assert.equal(cs.day, 3);
    check(node);
  });
});

describe('settlement: suspended participants and urgent reserves', () => {
  it('a suspended party’s queued payments are held: liquidity and gridlock runs pass them by, what queued behind settles; resumed, they settle', () => {
    const node = gridlockNode('rtgs-lsm').node;
    const circle = gridlockNode('rtgs-lsm').circle;
    const behind = payment({ seed: 'behind', from: C, to: B, amount: 10n });
    node.one(behind);
    assert.equal(node.one(setSuspended(A, true)), 'accepted');
    const engine = node.state.network.settlement.get('EUR')!.engine;
    // C→A is held (A is its payee), A→B too (A its payer); B→C still queues.
    assert.deepEqual(circle.map((p) => engine.payments.get(p.uetr)!.status), ['held', 'queued', 'held']);
    assert.deepEqual(circle.map((p) => node.status(p.uetr)), ['queued', 'queued', 'queued'], 'the network status stays queued (PDNG)');
    // A tick finds no gridlock to resolve without A; C's later payment to B settles once C is funded for it alone.
    assert.deepEqual(node.each([settlementTick('EUR'), fundIn(C, 'EUR', 10n, 'F-C')]), ['accepted', 'accepted']);
    assert.deepEqual([...circle, behind].map((p) => node.status(p.uetr)), ['queued', 'queued', 'queued', 'settled']);
    assert.equal(node.balance(A), 0n);
    check(node);
    // A snapshot now replays like the live node (held payments included).
    const restored = new TestNode(decodeState(encodeState(node.state)), node.nextTimestamp);
    check(restored);
    // Resumed: the circle settles in the same command, and both nodes agree.
    const next = [setSuspended(A, false), settlementTick('EUR')];
    assert.deepEqual(restored.apply(next).results, node.apply(next).results);
    assert.ok(encodeState(restored.state).equals(encodeState(node.state)));
    assert.deepEqual(circle.map((p) => node.status(p.uetr)), ['settled', 'settled', 'settled']);
    check(node);
  });

  it('a suspended sponsor holds its indirect participant’s queued payments; the sender may still cancel a held payment; end of day rejects the rest (AB03)', () => {
    const node = standardNode();
    const byI = payment({ seed: 'i', from: I, to: B, amount: 50n });
    const toC = payment({ seed: 'c', from: B, to: C, amount: 70n });
    assert.deepEqual(node.each([byI, toC, setSuspended(A, true)]), ['accepted', 'accepted', 'accepted']);
    const engine = node.state.network.settlement.get('EUR')!.engine;
    assert.deepEqual([engine.payments.get(byI.uetr)!.status, engine.payments.get(toC.uetr)!.status], ['held', 'queued']);
    assert.equal(node.one(fundIn(A, 'EUR', 500n, 'F-A')), 'accepted');
    assert.equal(node.status(byI.uetr), 'queued', 'funding its sponsor does not settle a held payment');
    assert.equal(node.one(setSuspended(C, true)), 'accepted');
    assert.deepEqual(node.each([cancelPayment(B, toC.uetr)]), ['accepted']);
    assert.deepEqual([node.status(toC.uetr), node.state.network.payments.get(toC.uetr)!.reason], ['rejected', 'DS02']);
    assert.equal(node.one(endOfDay('EUR')), 'accepted');
    assert.deepEqual([node.status(byI.uetr), node.state.network.payments.get(byI.uetr)!.reason], ['rejected', 'AB03']);
    assert.equal(node.balance(B), 0n);
    check(node);
  });

  it('an urgent reserve keeps normal payments out of the reserved liquidity; lowering it settles them; refusals change nothing', () => {
    const node = fundedNode();
    assert.equal(node.one(setUrgentReserve(A, 'EUR', 800n)), 'accepted');
    const normal = payment({ seed: 'n', from: A, to: B, amount: 300n });
    const urgent = { ...payment({ seed: 'u', from: A, to: B, amount: 950n }), priority: 'urgent' as const };
    node.one(normal);
    assert.equal(node.status(normal.uetr), 'queued', 'only 200 is free for normal payments');
    node.one(urgent);
    assert.equal(node.status(urgent.uetr), 'settled', 'an urgent payment may use the reserve');
    assert.equal(node.state.network.payments.get(urgent.uetr)!.priority, 'urgent');
    node.one(fundIn(A, 'EUR', 1000n, 'F-A2'));
    assert.equal(node.status(normal.uetr), 'queued', '1050 liquidity, 800 reserved: 300 still does not fit');
    const before = networkBytes(node);
    assert.deepEqual(
      node.each([
        setUrgentReserve(A, 'EUR', 800n),
        setUrgentReserve('NOPEDEFF', 'EUR', 1n),
        setUrgentReserve(A, 'GBP', 1n),
        setUrgentReserve(I, 'EUR', 1n),
        setUrgentReserve(A, 'EUR', 10n ** 18n),
      ]),
      ['already_applied', 'participant_unknown', 'currency_unknown', 'participant_not_in_currency', 'amount_invalid'],
    );
    assert.equal(networkBytes(node), before);
    assert.equal(nodeCommandShapeError(setUrgentReserve(A, 'EUR', -1n)), 'an urgent reserve is an amount of at least 0');
    assert.equal(node.one(setUrgentReserve(A, 'EUR', 0n)), 'accepted');
    assert.equal(node.status(normal.uetr), 'settled');
    check(node);
    const dns = dnsNode();
    assert.equal(dns.one(setUrgentReserve(A, 'CHF', 1n)), 'settlement_mode_invalid');
    // The reserve carries over to the next day.
    node.one(setUrgentReserve(A, 'EUR', 5n));
    node.one(endOfDay('EUR'));
    const cs = node.state.network.settlement.get('EUR')!;
    assert.equal(cs.engine.participants[cs.engine.indexById.get(A)!]!.urgentReserve, 5n);
  });
});

describe('settlement: LSM (rtgs-lsm)', () => {
  it('a gridlock of three banks stays queued in rtgs, and resolves on the tick in rtgs-lsm as one chain', () => {
    const plain = gridlockNode('rtgs');
    assert.equal(plain.node.one(settlementTick('EUR')), 'accepted');
    assert.deepEqual(plain.circle.map((p) => plain.node.status(p.uetr)), ['queued', 'queued', 'queued']);
    check(plain.node);

    const { node, circle } = gridlockNode('rtgs-lsm');
    assert.deepEqual(circle.map((p) => node.status(p.uetr)), ['queued', 'queued', 'queued']);
    const { timestamp: t, results } = node.apply([settlementTick('EUR')]);
    assert.deepEqual(results, ['accepted']);
    assert.deepEqual(circle.map((p) => node.status(p.uetr)), ['settled', 'settled', 'settled']);
    // Gross transfers, one linked chain checked on its net effect: nobody's balance moved.
    assert.deepEqual(circle.map((p) => node.state.ledger.transfers.get(uetrTransferId(p.uetr))!.timestamp), [t, t + 1, t + 2]);
    assert.deepEqual([node.balance(A), node.balance(B), node.balance(C)], [0n, 0n, 0n]);
    // The set settles in queue order (A's, B's, C's): B is paid, then its own payment settles.
    assert.deepEqual(node.inboxTypes(B), [`payment.queued ${circle[1]!.uetr}`, `payment.received ${circle[0]!.uetr}`, `payment.settled ${circle[1]!.uetr}`]);
    check(node);
  });

  it('a liquidity change runs the gridlock resolution too: a little funding unlocks a larger circle', () => {
    const { node, circle } = gridlockNode('rtgs-lsm');
    const extra = payment({ seed: 'ab2', from: A, to: B, amount: 30n });
    node.one(extra);
    assert.equal(node.one(fundIn(A, 'EUR', 30n, 'F-A')), 'accepted');
    assert.deepEqual([...circle, extra].map((p) => node.status(p.uetr)), ['settled', 'settled', 'settled', 'settled']);
    assert.deepEqual([node.balance(A), node.balance(B), node.balance(C)], [0n, 30n, 0n]);
    check(node);
  });
});

describe('settlement: dns windows', () => {
  it('moves positions in the open window (ACSP), rejects beyond the cap (AM14), and settles the window net through the clearing account', () => {
    const node = dnsNode();
    const ab = payment({ seed: 'ab', currency: 'CHF', from: A, to: B, amount: 300n });
    const bc = payment({ seed: 'bc', currency: 'CHF', from: B, to: C, amount: 100n });
    const ca = payment({ seed: 'ca', currency: 'CHF', from: C, to: A, amount: 50n });
    const beyond = payment({ seed: 'big', currency: 'CHF', from: C, to: A, amount: 1051n });
    assert.deepEqual(node.each([ab, bc, ca, beyond]), ['accepted', 'accepted', 'accepted', 'accepted']);
    assert.deepEqual([ab, bc, ca].map((p) => node.status(p.uetr)), ['accepted', 'accepted', 'accepted']);
    assert.deepEqual([node.status(beyond.uetr), node.state.network.payments.get(beyond.uetr)!.reason], ['rejected', 'AM14']);
    assert.ok(node.inboxTypes(A).includes(`payment.accepted ${ab.uetr}`));
    assert.deepEqual(node.inboxTypes(C).slice(-2), [`payment.accepted ${ca.uetr}`, `payment.rejected ${beyond.uetr}`]);
    assert.ok(!node.inboxTypes(A).some((type) => type.startsWith('payment.received')), 'the payee hears of a payment when its window settles');
    assert.deepEqual([node.balance(A, 'CHF'), node.balance(B, 'CHF'), node.balance(C, 'CHF')], [1000n, 1000n, 1000n], 'nothing moves before the window settles');
    const cs = node.state.network.settlement.get('CHF')!;
    assert.deepEqual(cs.engine.participants.map((p) => [p.id, p.position]), [[A, -250n], [B, 200n], [C, 50n]]);
    check(node);

    assert.equal(node.one(windowAction('CHF', 1, 'close')), 'accepted');
    const closed = cs.windows[0]!;
    assert.deepEqual([closed.id, closed.status, closed.payments, closed.gross, closed.net], [1, 'closed', 3, 450n, 250n]);
    assert.equal(closed.participants.reduce((sum, p) => sum + p.net, 0n), 0n, 'net positions sum to zero');
    // A payment now goes into window 2; window 1's payments can no longer be cancelled.
    const next = payment({ seed: 'next', currency: 'CHF', from: B, to: A, amount: 10n });
    node.one(next);
    assert.equal(node.state.network.settlement.get('CHF')!.engine.payments.get(next.uetr)!.windowId, 2);
    const before = networkBytes(node);
    assert.deepEqual(
      node.each([windowAction('CHF', 1, 'close'), windowAction('CHF', 2, 'settle'), windowAction('CHF', 2, 'close'), windowAction('CHF', 9, 'abort'), cancelPayment(A, ab.uetr), endOfDay('CHF')]),
      ['window_state_invalid', 'window_state_invalid', 'window_in_progress', 'window_unknown', 'payment_not_queued', 'window_in_progress'],
    );
    assert.equal(networkBytes(node), before, 'refusals change nothing');

    const { timestamp: t, results } = node.apply([windowAction('CHF', 1, 'settle')]);
    assert.deepEqual(results, ['accepted']);
    assert.deepEqual(closed.history.map((h) => h.status), ['open', 'closed', 'settling', 'settled']);
    assert.deepEqual([ab, bc, ca].map((p) => node.status(p.uetr)), ['settled', 'settled', 'settled']);
    assert.deepEqual([node.balance(A, 'CHF'), node.balance(B, 'CHF'), node.balance(C, 'CHF')], [750n, 1200n, 1050n]);
    const clearing = node.state.ledger.accounts.get(cs.clearingAccountId!)!;
    assert.equal(clearing.debitsPosted, 250n);
    assert.equal(clearing.creditsPosted, 250n);
    // One transfer per net position (code 5), none per payment.
    const nets = [...node.state.ledger.transfers.values()].filter((tr) => tr.code === transferCodes.netSettlement);
    assert.deepEqual(nets.map((tr) => [tr.amount, tr.timestamp]), [[250n, t], [200n, t + 1], [50n, t + 2]]);
    assert.equal(node.state.ledger.transfers.has(uetrTransferId(ab.uetr)), false);
    assert.equal(node.state.network.payments.get(ab.uetr)!.history.at(-1)!.status, 'settled');
    assert.deepEqual(node.inboxTypes(B).slice(-2), [`payment.received ${ab.uetr}`, `payment.settled ${bc.uetr}`]);
    assert.ok(node.inboxTypes(C).includes(`payment.received ${bc.uetr}`));
    assert.equal(node.one(windowAction('CHF', 1, 'abort')), 'window_state_invalid');
    check(node);
  });

  it('an aborted window settles nothing: its payments are rejected (AB04), positions restored, balances untouched', () => {
    const node = dnsNode();
    const ab = payment({ seed: 'ab', currency: 'CHF', from: A, to: B, amount: 300n });
    node.one(ab);
    assert.deepEqual(node.each([windowAction('CHF', 1, 'abort'), windowAction('CHF', 1, 'close'), windowAction('CHF', 1, 'abort')]), ['window_state_invalid', 'accepted', 'accepted']);
    const record = node.state.network.payments.get(ab.uetr)!;
    assert.deepEqual([record.status, record.reason], ['rejected', 'AB04']);
    const cs = node.state.network.settlement.get('CHF')!;
    assert.deepEqual([cs.windows[0]!.status, cs.windows[0]!.reason, cs.windows[0]!.history.map((h) => h.status)], ['aborted', 'AB04', ['open', 'closed', 'aborted']]);
    assert.deepEqual(cs.engine.participants.map((p) => p.position), [0n, 0n, 0n]);
    assert.deepEqual([node.balance(A, 'CHF'), node.balance(B, 'CHF')], [1000n, 1000n]);
    check(node);
  });

  it('a net debtor that cannot cover its position aborts the window at settlement (AB04); an explicit cap may exceed liquidity', () => {
    const node = dnsNode();
    assert.equal(node.one(setLimits(A, 'CHF', null, 5000n)), 'accepted');
    const big = payment({ seed: 'big', currency: 'CHF', from: A, to: B, amount: 3000n });
    node.one(big);
    assert.equal(node.status(big.uetr), 'accepted');
    assert.equal(node.one(setLimits(A, 'CHF', null, 2999n)), 'limit_invalid', 'a cap below what the window uses');
    node.one(windowAction('CHF', 1, 'close'));
    assert.equal(node.one(windowAction('CHF', 1, 'settle')), 'accepted');
    assert.deepEqual([node.status(big.uetr), node.state.network.payments.get(big.uetr)!.reason], ['rejected', 'AB04']);
    assert.equal(node.state.network.settlement.get('CHF')!.windows[0]!.status, 'aborted');
    assert.equal(node.balance(A, 'CHF'), 1000n);
    check(node);
  });

  it('without a cap of its own, a participant may owe what its liquidity covers, as it changes', () => {
    const node = dnsNode();
    const first = payment({ seed: 1, currency: 'CHF', from: A, to: B, amount: 700n });
    const second = payment({ seed: 2, currency: 'CHF', from: A, to: B, amount: 400n });
    node.each([first, second]);
    assert.deepEqual([node.status(first.uetr), node.status(second.uetr)], ['accepted', 'rejected']);
    node.one(setLimits(A, 'CHF', 100n));
    const third = payment({ seed: 3, currency: 'CHF', from: A, to: B, amount: 400n });
    node.one(third);
    assert.equal(node.status(third.uetr), 'accepted');
    // Funds out leave the cap at what the window uses.
    assert.equal(node.one(fundOut(A, 'CHF', 1000n, 'OUT-A')), 'accepted');
    const cs = node.state.network.settlement.get('CHF')!;
    assert.equal(cs.engine.participants[0]!.netDebitCap, 1100n);
    check(node);
  });

  it('the schedule closes and settles a due window on the tick; end of day settles the open window', () => {
    const node = dnsNode();
    assert.deepEqual(node.each([setWindowSchedule('CHF', 59), setWindowSchedule('EUR', 60), setWindowSchedule('CHF', 60), setWindowSchedule('CHF', 60)]), ['limit_invalid', 'settlement_mode_invalid', 'accepted', 'already_applied']);
    const p = payment({ seed: 1, currency: 'CHF', from: A, to: B, amount: 10n });
    node.one(p);
    node.one(settlementTick('CHF'));
    assert.equal(node.status(p.uetr), 'accepted', 'not due yet');
    node.apply([settlementTick('CHF')], 61_000_000);
    node.apply([settlementTick('CHF')]);
    assert.equal(node.status(p.uetr), 'settled');
    const q = payment({ seed: 2, currency: 'CHF', from: B, to: C, amount: 20n });
    node.one(q);
    assert.equal(node.one(endOfDay('CHF')), 'accepted');
    assert.equal(node.status(q.uetr), 'settled');
    const cs = node.state.network.settlement.get('CHF')!;
    assert.deepEqual(cs.windows.map((w) => [w.id, w.status]), [[1, 'settled'], [2, 'settled']]);
    assert.equal(cs.day, 2);
    // The next day's windows go on numbering.
    const r = payment({ seed: 3, currency: 'CHF', from: C, to: A, amount: 5n });
    node.one(r);
    assert.deepEqual(node.each([windowAction('CHF', 2, 'close'), windowAction('CHF', 3, 'close'), windowAction('CHF', 3, 'settle')]), ['window_state_invalid', 'accepted', 'accepted']);
    assert.equal(node.status(r.uetr), 'settled');
    assert.deepEqual([node.balance(A, 'CHF'), node.balance(B, 'CHF'), node.balance(C, 'CHF')], [995n, 990n, 1015n]);
    check(node);
  });

  it('queues and windows survive a snapshot, and a restored node goes on exactly like the live one', () => {
    const node = dnsNode();
    node.each([
      payment({ seed: 'q1', from: A, to: B, amount: 10n }),
      payment({ seed: 'q2', from: I, to: B, amount: 20n }),
      { ...payment({ seed: 'q3', from: A, to: C, amount: 30n }), priority: 'urgent' },
      payment({ seed: 'd1', currency: 'CHF', from: A, to: B, amount: 300n }),
      windowAction('CHF', 1, 'close'),
      payment({ seed: 'd2', currency: 'CHF', from: B, to: C, amount: 40n }),
    ]);
    const bytes = encodeState(node.state);
    const restored = new TestNode(decodeState(bytes), node.nextTimestamp);
    assert.ok(encodeState(restored.state).equals(bytes));
    check(restored);
    const next = [windowAction('CHF', 1, 'settle'), fundIn(A, 'EUR', 35n, 'F-A'), cancelPayment(B, payment({ seed: 'd2', currency: 'CHF', from: B, to: C, amount: 40n }).uetr), windowAction('CHF', 2, 'close'), endOfDay('EUR')];
    assert.deepEqual(restored.apply(next).results, node.apply(next).results);
    assert.ok(encodeState(restored.state).equals(encodeState(node.state)));
    check(restored);
  });
});

describe('settlement: bad input', () => {
  it('unknown participants, negative or oversized amounts, payments to oneself, unknown currencies and windows: a clear result, nothing changed', () => {
    const node = dnsNode();
    node.one(payment({ seed: 'q', from: A, to: B, amount: 5000n }));
    const before = networkBytes(node);
    assert.deepEqual(
      node.each([
        payment({ seed: 1, from: A, to: 'NOPEDEFF', amount: 10n }),
        payment({ seed: 2, from: 'NOPEDEFF', to: A, amount: 10n }),
        payment({ seed: 3, from: A, to: B, amount: -10n }),
        payment({ seed: 4, from: A, to: B, amount: 0n }),
        payment({ seed: 5, from: A, to: B, amount: 10n ** 18n }),
        payment({ seed: 6, from: A, to: A, amount: 10n }),
        payment({ seed: 7, from: I, to: A, amount: 10n }),
        payment({ seed: 8, currency: 'CHF', from: A, to: I, amount: 10n }),
        settlementTick('GBP'),
        endOfDay('GBP'),
        setWindowSchedule('GBP', 60),
        windowAction('GBP', 1, 'close'),
        windowAction('CHF', 0, 'close'),
        windowAction('CHF', 1.5, 'close'),
        windowAction('CHF', 1, 'reopen' as 'close'),
        windowAction('CHF', 1, 'settle'),
        cancelPayment(A, uetr('never')),
        cancelPayment('NOPEDEFF', payment({ seed: 'q', from: A, to: B, amount: 5000n }).uetr),
      ]),
      [
        'participant_unknown',
        'participant_unknown',
        'text_invalid',
        'text_invalid',
        'amount_invalid',
        'same_agent',
        'same_agent',
        'participant_not_in_currency',
        'currency_unknown',
        'currency_unknown',
        'currency_unknown',
        'currency_unknown',
        'window_unknown',
        'window_unknown',
        'window_unknown',
        'window_state_invalid',
        'payment_unknown',
        'payment_unknown',
      ],
    );
    assert.equal(networkBytes(node), before);
    check(node);
  });
});

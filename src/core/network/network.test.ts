import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accountFlags, assertLedgerInvariants, idZero, type LedgerCommand } from '../ledger/index.js';
import { decodeState, encodeState } from '../journal/index.js';
import type { NodeResult } from './apply.js';
import { accountCode, fundingTransferId, settlementAccountId, transferCodes, uetrTransferId } from './ids.js';
import { assertNetworkInvariants } from './invariants.js';
import { networkResultInfo, networkResults, type NetworkResult } from './results.js';
import { settlementAccountKey } from './state.js';
import {
  addApiKey,
  bank,
  currencies,
  fundIn,
  fundOut,
  joinCurrency,
  payment,
  registerAgent,
  registerCurrency,
  registerIndirect,
  registerParticipant,
  revokeApiKey,
  setLimits,
  setSuspended,
  setWebhook,
  sha256Hex,
  standardNode,
  TestNode,
  uetr,
  webhookDelivered,
} from './test-support/commands.js';

const { A, B, C, I } = bank;
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
  return `payments=${network.payments.size} keys=${network.idempotencyKeys.size} fundings=${network.fundings.size} transfers=${ledger.transfers.size} failed=${ledger.failedIds.size} accounts=${ledger.accounts.size} participants=${network.participants.size} inboxes=${inboxes}`;
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
  insufficient_funds: () => standardNode().one(payment({ seed: 1, from: A, to: B, amount: 1n })),
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
};

describe('network result codes', () => {
  for (const [code, scenario] of Object.entries(scenarios) as [NetworkResult, (() => NodeResult) | null][]) {
    if (scenario === null) continue;
    it(`produces ${code}`, () => {
      assert.equal(scenario(), code);
    });
  }

  it('has a scenario for every code of the table, and only role_missing is unreachable', () => {
    assert.deepEqual(Object.keys(scenarios).sort(), networkResults.map((info) => info.code).sort());
    assert.deepEqual(
      Object.entries(scenarios).filter(([, s]) => s === null).map(([code]) => code),
      ['role_missing'],
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

  it('rejects with AM04 when the balance does not cover it: recorded, no money moves', () => {
    const node = fundedNode();
    const p = payment({ seed: 'p1', from: A, to: B, amount: 1001n });
    const { timestamp: t, results } = node.apply([p]);
    assert.deepEqual(results, ['insufficient_funds']);
    const record = node.state.network.payments.get(p.uetr)!;
    assert.equal(record.status, 'rejected');
    assert.equal(record.reason, 'AM04');
    assert.deepEqual(record.history, [
      { status: 'received', at: t, reason: null },
      { status: 'validated', at: t + 1, reason: null },
      { status: 'rejected', at: t + 3, reason: 'AM04' },
    ]);
    assert.equal(node.state.ledger.transfers.has(record.transferId), false);
    assert.equal(node.balance(A), 1000n);
    assert.equal(node.balance(B), 1000n);
    assert.deepEqual(node.inbox(A).at(-1), { seq: 2, at: t + 3, type: 'payment.rejected', subject: p.uetr, status: 'rejected', reason: 'AM04', currency: null, amount: null });
    assert.equal(node.inbox(B).length, 1, 'the payee hears nothing of a rejected payment');
    // The same request again is the same payment: nothing moves, even though it would be covered now.
    node.one(fundIn(A, 'EUR', 1n, 'F-A2'));
    assert.equal(node.one(p), 'already_applied');
    assert.equal(node.state.network.payments.get(p.uetr)!.status, 'rejected');
    assert.equal(node.balance(A), 1001n);
    check(node);
  });

  it('lets a payer go negative up to its credit line, and not beyond', () => {
    const node = standardNode();
    node.one(setLimits(A, 'EUR', 500n));
    assert.equal(node.one(payment({ seed: 1, from: A, to: B, amount: 300n })), 'accepted');
    assert.equal(node.one(payment({ seed: 2, from: A, to: B, amount: 200n })), 'accepted');
    assert.equal(node.balance(A), -500n);
    assert.equal(node.one(payment({ seed: 3, from: A, to: B, amount: 1n })), 'insufficient_funds');
    assert.equal(node.balance(A), -500n);
    assert.equal(node.balance(B), 500n);
    // Without a line, B's own money is the limit.
    assert.equal(node.one(payment({ seed: 4, from: B, to: C, amount: 501n })), 'insufficient_funds');
    assert.equal(node.one(payment({ seed: 5, from: B, to: C, amount: 500n })), 'accepted');
    assert.equal(node.balance(B), 0n);
    assert.equal(node.balance(C), 500n);
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

  it('a rejected payment of an indirect participant is told to it and to its sponsor', () => {
    const node = standardNode();
    const p = payment({ seed: 1, from: I, to: B, amount: 1n });
    assert.equal(node.one(p), 'insufficient_funds');
    assert.deepEqual(node.inboxTypes(I), [`payment.rejected ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(A), [`payment.rejected ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(B), []);
    assert.equal(node.inbox(A)[0]!.reason, 'AM04');
  });

  it('payments in one currency leave the other untouched', () => {
    const node = fundedNode();
    node.one(fundIn(B, 'USD', 70n, 'F-USD'));
    assert.equal(node.one(payment({ seed: 1, currency: 'USD', from: B, to: A, amount: 70n })), 'accepted');
    assert.equal(node.balance(A, 'USD'), 70n);
    assert.equal(node.balance(B, 'USD'), 0n);
    assert.equal(node.balance(A, 'EUR'), 1000n);
    assert.equal(node.issued('USD'), 70n);
    assert.equal(node.one(payment({ seed: 2, currency: 'USD', from: B, to: A, amount: 1n })), 'insufficient_funds');
    check(node);
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

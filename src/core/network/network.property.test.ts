import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertLedgerInvariants } from '../ledger/index.js';
import { decodeBody, decodeState, encodeBody, encodeState } from '../journal/index.js';
import { applyNodeBatch, type NodeCommand, type NodeResult } from './apply.js';
import { transferCodes } from './ids.js';
import { assertNetworkInvariants } from './invariants.js';
import { createNodeState, type NodeState } from './state.js';
import {
  addApiKey,
  currencies,
  dayStart,
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
  webhookDelivered,
} from './test-support/commands.js';
import type { SubmitPaymentCommand } from './types.js';

// ---- the world: a few currencies and participants -----------------------------------------

const A = 'BANKDEFF';
const B = 'BANKFRPP';
const C = 'BANKITMM';
const D = 'BANKUS33';
/** Indirect: I is sponsored by A (EUR), J by B (EUR and USD). */
const I = 'SMALDEFF';
const J = 'SMALFRPP';
const ecb = currencies.EUR.agent;
/** The USD agent is also a bank: it has a settlement account and pays and is paid. */
const frb = currencies.USD.agent;
const boj = currencies.JPY.agent;
const unknown = 'NOPEDEFF';

const sponsors = new Map([
  [I, A],
  [J, B],
]);

/** Registers agents, EUR and USD, and the participants; JPY is registered (or not) during the day. */
const setup: NodeCommand[] = [
  registerAgent(ecb),
  registerAgent(frb, ['settlement_agent', 'bank']),
  registerAgent(boj),
  registerCurrency('EUR'),
  registerCurrency('USD'),
  registerParticipant(A, { currencies: ['EUR', 'USD'] }),
  registerParticipant(B, { currencies: ['EUR', 'USD'] }),
  registerParticipant(C, { currencies: ['EUR'] }),
  registerParticipant(D, { currencies: ['USD'] }),
  registerIndirect(I, A, ['EUR']),
  registerIndirect(J, B, ['EUR', 'USD']),
  // Little money issued and generous credit lines: payees soon hold more than the agent issued.
  fundIn(A, 'EUR', 300n, 'SETUP-A'),
  fundIn(B, 'USD', 400n, 'SETUP-B'),
  fundIn(D, 'USD', 100n, 'SETUP-D'),
  setLimits(C, 'EUR', 500n),
  setLimits(B, 'EUR', 400n),
  setLimits(D, 'USD', 300n),
];

// ---- commands ------------------------------------------------------------------------------

/** Who holds each registered currency (directly, or through a sponsor), so most payments can settle. */
const holders: Record<string, readonly string[]> = {
  EUR: [A, B, C, I, J],
  USD: [A, B, D, J, frb],
  JPY: [A, B, C],
  GBP: [A, B],
};
/** Mostly participants that exist; now and then an agent or an unknown BIC. */
const bic = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(A, B, C, D, I, J) }, { weight: 2, arbitrary: fc.constantFrom(ecb, frb, boj, unknown) });
/** Mostly registered currencies; JPY is registered during the day (or not), GBP never. */
const currency = fc.oneof({ weight: 14, arbitrary: fc.constantFrom('EUR', 'EUR', 'USD') }, { weight: 2, arbitrary: fc.constantFrom('JPY', 'GBP') });
/** Round amounts half the time, so that balances are often drawn to exactly zero or to the line. */
const amount = fc.oneof(
  { weight: 10, arbitrary: fc.bigInt({ min: 1n, max: 12n }).map((n) => n * 50n) },
  { weight: 10, arbitrary: fc.bigInt({ min: 1n, max: 600n }) },
  { weight: 1, arbitrary: fc.constantFrom(0n, -1n, 2n ** 63n - 1n, 2n ** 63n) },
);
const reference = fc.integer({ min: 0, max: 12 }).map((n) => `REF-${n}`);

/** A payer and payee: mostly two holders of the currency, sometimes anyone. */
const parties = currency.chain((code) =>
  fc.record({
    code: fc.constant(code),
    from: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...holders[code]!) }, { weight: 1, arbitrary: bic }),
    to: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...holders[code]!) }, { weight: 1, arbitrary: bic }),
  }),
);

const paymentCommand: fc.Arbitrary<NodeCommand> = fc
  .record({ seed: fc.integer({ min: 0, max: 40 }), parties, amount, sender: fc.constantFrom('self', 'self', 'self', 'self', 'sponsor', 'other'), other: bic })
  .map((r) => {
    const { from, to, code } = r.parties;
    const sender = r.sender === 'sponsor' ? (sponsors.get(from) ?? from) : r.sender === 'other' ? r.other : from;
    return payment({ seed: r.seed, from, to, amount: r.amount, currency: code, sender });
  });

const fundCommand: fc.Arbitrary<NodeCommand> = fc
  .record({ into: fc.boolean(), parties, amount, reference })
  .map((r) => (r.into ? fundIn(r.parties.to, r.parties.code, r.amount, r.reference) : fundOut(r.parties.from, r.parties.code, r.amount, r.reference)));

/** Credit lines and caps: round, and now and then below what a payer already draws. */
const creditLine = fc.oneof({ weight: 10, arbitrary: fc.bigInt({ min: 0n, max: 8n }).map((n) => n * 50n) }, { weight: 1, arbitrary: fc.constantFrom(-1n, 2n ** 128n) });

const adminCommand: fc.Arbitrary<NodeCommand> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ parties, line: fc.option(creditLine, { nil: null }), cap: fc.option(creditLine, { nil: null }) }).map((r) => setLimits(r.parties.from, r.parties.code, r.line, r.cap)) },
  { weight: 3, arbitrary: fc.record({ bic, suspended: fc.boolean() }).map((r) => setSuspended(r.bic, r.suspended)) },
  { weight: 1, arbitrary: fc.constant(registerCurrency('JPY')) },
  { weight: 2, arbitrary: fc.record({ bic, currency }).map((r) => joinCurrency(r.bic, r.currency)) },
  { weight: 1, arbitrary: fc.record({ bic, key: fc.integer({ min: 0, max: 5 }), secret: fc.integer({ min: 0, max: 1 }) }).map((r) => addApiKey(r.bic, `key0000${r.key}`, `s${r.secret}`)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 }).map((key) => revokeApiKey(`key0000${key}`)) },
  { weight: 1, arbitrary: fc.record({ bic, clear: fc.boolean() }).map((r) => setWebhook(r.bic, r.clear ? null : undefined)) },
  { weight: 2, arbitrary: fc.record({ bic, upTo: fc.integer({ min: -1, max: 8 }) }).map((r) => webhookDelivered(r.bic, r.upTo)) },
);

/** An earlier command of the day, sent again (a client or agent retrying). */
interface Retry {
  readonly retry: number;
}

const command: fc.Arbitrary<NodeCommand | Retry> = fc.oneof(
  { weight: 10, arbitrary: paymentCommand },
  { weight: 5, arbitrary: fundCommand },
  { weight: 4, arbitrary: adminCommand },
  { weight: 3, arbitrary: fc.nat().map((retry) => ({ retry })) },
);

interface Batch {
  readonly gapUs: number;
  readonly commands: NodeCommand[];
}

/** Resolves retries to the commands they repeat (from `earlier`, then this day's own). */
function resolveRetries(batches: { gapUs: number; commands: (NodeCommand | Retry)[] }[], earlier: readonly NodeCommand[]): Batch[] {
  const sent = [...earlier];
  return batches.map((b) => ({
    gapUs: b.gapUs,
    commands: b.commands.map((c) => {
      const resolved = 'retry' in c ? sent[c.retry % sent.length]! : c;
      sent.push(resolved);
      return resolved;
    }),
  }));
}

/** `size: 'max'`: lengths spread over the whole range (fast-check's default keeps arrays short). */
const rawBatch = fc.record({ gapUs: fc.integer({ min: 1, max: 5000 }), commands: fc.array(command, { maxLength: 12, size: 'max' }) });
const rawDay = fc.array(rawBatch, { minLength: 1, maxLength: 20, size: 'max' });

/** A first day: the setup batch, then random batches (retries may repeat the setup too). */
const firstDay: fc.Arbitrary<Batch[]> = rawDay.map((batches) => [{ gapUs: 1, commands: setup }, ...resolveRetries(batches, setup)]);
/** A later day, after a first one: its retries repeat setup commands or its own. */
const laterDay: fc.Arbitrary<Batch[]> = rawDay.map((batches) => resolveRetries(batches, setup));

// ---- a model of the money ------------------------------------------------------------------

/** What the commands' outcomes say the balances must be, computed apart from the network code. */
class MoneyModel {
  /** `${settling bic} ${currency}` → credits minus debits of its settlement account. */
  readonly balances = new Map<string, bigint>();
  /** Per currency: funding in minus funding out. */
  readonly funded = new Map<string, bigint>();
  /** `${sender}\n${key}` → request hash of the payment recorded under it. */
  readonly requests = new Map<string, string>();
  settledPayments = 0;

  clone(): MoneyModel {
    const copy = new MoneyModel();
    for (const [k, v] of this.balances) copy.balances.set(k, v);
    for (const [k, v] of this.funded) copy.funded.set(k, v);
    for (const [k, v] of this.requests) copy.requests.set(k, v);
    copy.settledPayments = this.settledPayments;
    return copy;
  }

  add(bic: string, code: string, delta: bigint): void {
    const key = `${bic} ${code}`;
    this.balances.set(key, (this.balances.get(key) ?? 0n) + delta);
  }

  /** Checks an outcome against what the model already knows, then records it. */
  observe(c: NodeCommand, result: NodeResult): void {
    if (c.type === 'fund' && result === 'accepted') {
      const delta = c.direction === 'in' ? c.amount : -c.amount;
      this.add(c.bic, c.currency, delta);
      this.funded.set(c.currency, (this.funded.get(c.currency) ?? 0n) + delta);
    }
    if (c.type !== 'submit_payment') return;
    const key = `${c.sender}\n${c.idempotencyKey}`;
    const first = this.requests.get(key);
    if (first !== undefined && result !== 'text_invalid') {
      assert.equal(result, first === c.requestHash ? 'already_applied' : 'idempotency_key_reused', `retry of ${c.sender} ${c.idempotencyKey}`);
    }
    if (result === 'accepted' || result === 'insufficient_funds') {
      assert.equal(first, undefined, 'a payment is recorded under a key used for no other');
      this.requests.set(key, c.requestHash);
    }
    if (result === 'accepted') {
      this.settledPayments += 1;
      this.add(sponsors.get(c.debtorAgent) ?? c.debtorAgent, c.currency, -c.amount);
      this.add(sponsors.get(c.creditorAgent) ?? c.creditorAgent, c.currency, c.amount);
    }
  }
}

/** Checks every invariant of the state, and the state against the model. */
function assertConsistent(state: NodeState, model: MoneyModel): void {
  assertLedgerInvariants(state.ledger);
  assertNetworkInvariants(state, { deep: true });
  const { ledger, network } = state;
  // Per currency ledger, money is neither created nor lost: Σ (credits − debits) over all accounts is 0.
  const net = new Map<number, bigint>();
  const settlement = new Map<number, bigint>();
  for (const account of ledger.accounts.values()) {
    const balance = account.creditsPosted - account.debitsPosted;
    net.set(account.ledger, (net.get(account.ledger) ?? 0n) + balance);
    if (account.kind === 'settlement') settlement.set(account.ledger, (settlement.get(account.ledger) ?? 0n) + balance);
    assert.equal(account.debitsPending, 0n);
    assert.equal(account.creditsPending, 0n);
  }
  for (const [ledgerNumber, sum] of net) assert.equal(sum, 0n, `ledger ${ledgerNumber} sums to zero`);
  for (const record of network.currencies.values()) {
    // What participants hold, together, is exactly what funding put in net.
    assert.equal(settlement.get(record.ledger) ?? 0n, model.funded.get(record.code) ?? 0n, `${record.code}: settlement balances equal net funding`);
    const agent = ledger.accounts.get(record.agentAccountId)!;
    assert.equal(agent.debitsPosted - agent.creditsPosted, model.funded.get(record.code) ?? 0n, `${record.code}: the agent issued the net funding`);
  }
  // Every settlement account holds what the model says.
  for (const [key, id] of network.settlementAccounts) {
    const account = ledger.accounts.get(id)!;
    assert.equal(account.creditsPosted - account.debitsPosted, model.balances.get(key) ?? 0n, `balance of ${key}`);
  }
  for (const key of model.balances.keys()) assert.ok(network.settlementAccounts.has(key), `money moved only on settlement accounts (${key})`);
  // Each settled payment moved money exactly once.
  let paymentTransfers = 0;
  for (const transfer of ledger.transfers.values()) if (transfer.code === transferCodes.payment) paymentTransfers += 1;
  const settled = [...network.payments.values()].filter((p) => p.status === 'settled').length;
  assert.equal(paymentTransfers, model.settledPayments);
  assert.equal(settled, model.settledPayments);
}

interface Journaled {
  readonly timestamp: number;
  readonly body: Buffer;
  readonly commands: readonly NodeCommand[];
  readonly results: readonly NodeResult[];
}

/** Runs batches live, checking everything after each; returns the journal it would write. */
function runLive(state: NodeState, model: MoneyModel, batches: readonly Batch[]): Journaled[] {
  const journal: Journaled[] = [];
  for (const b of batches) {
    const timestamp = Math.max(dayStart, state.ledger.lastTimestamp + b.gapUs);
    const paymentsBefore = state.network.payments.size;
    const outcome = applyNodeBatch(state, { timestamp, commands: b.commands });
    assert.equal(outcome.results.length, b.commands.length);
    b.commands.forEach((c, i) => model.observe(c, outcome.results[i]!));
    // A payment leaves a record exactly when it was accepted or rejected for funds; refusals leave none.
    const recorded = b.commands.filter((c, i) => c.type === 'submit_payment' && (outcome.results[i] === 'accepted' || outcome.results[i] === 'insufficient_funds')).length;
    assert.equal(state.network.payments.size - paymentsBefore, recorded);
    assertConsistent(state, model);
    journal.push({ timestamp, body: encodeBody(b.commands, outcome.results, outcome.expired), commands: b.commands, results: outcome.results });
  }
  return journal;
}

/** The same commands again, as one batch: a client retrying everything it ever sent. */
function retryAll(state: NodeState, commands: readonly NodeCommand[]): NodeResult[] {
  return applyNodeBatch(state, { timestamp: state.ledger.lastTimestamp + 1, commands }).results;
}

function balancesOf(state: NodeState): string {
  return [...state.ledger.accounts.values()].map((a) => `${a.id}:${a.debitsPosted}:${a.creditsPosted}`).join(' ');
}

describe('network properties', () => {
  it('the generated days exercise settling, refusing and retrying (the properties are not vacuous)', () => {
    const seen = new Map<string, number>();
    for (const day of fc.sample(firstDay, { numRuns: 60, seed: 42 })) {
      const journal = runLive(createNodeState(), new MoneyModel(), day);
      for (const entry of journal.slice(1)) {
        entry.commands.forEach((c, i) => {
          const key = `${c.type === 'fund' ? `fund_${c.direction}` : c.type}:${entry.results[i]}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
        });
      }
    }
    const wanted = [
      'submit_payment:accepted',
      'submit_payment:insufficient_funds',
      'submit_payment:already_applied',
      'submit_payment:idempotency_key_reused',
      'submit_payment:duplicate_uetr',
      'submit_payment:participant_suspended',
      'submit_payment:same_agent',
      'submit_payment:not_sponsor',
      'fund_in:accepted',
      'fund_out:accepted',
      'fund_out:insufficient_funds',
      'fund_in:already_applied',
      'fund_in:funding_reference_reused',
      'set_limits:accepted',
      'set_limits:limit_invalid',
      'join_currency:accepted',
      'webhook_delivered:accepted',
      'set_suspended:accepted',
      'register_currency:accepted',
    ];
    for (const key of wanted) assert.ok((seen.get(key) ?? 0) >= 3, `${key} happens in the generated days (${seen.get(key) ?? 0} times)`);
  });

  it('keeps the ledger and network invariants after every batch; money is neither created nor lost', () => {
    fc.assert(
      fc.property(firstDay, (day) => {
        const state = createNodeState();
        const model = new MoneyModel();
        runLive(state, model, day);
      }),
      { numRuns: 600 },
    );
  });

  it('replaying the journal from empty gives the same outcomes and the same state bytes', () => {
    fc.assert(
      fc.property(firstDay, (day) => {
        const live = createNodeState();
        const journal = runLive(live, new MoneyModel(), day);
        const replayed = createNodeState();
        for (const entry of journal) {
          const decoded = decodeBody(entry.body);
          assert.deepEqual(decoded.commands, entry.commands);
          assert.deepEqual(decoded.results, entry.results);
          const outcome = applyNodeBatch(replayed, { timestamp: entry.timestamp, commands: decoded.commands });
          assert.deepEqual(outcome.results, decoded.results);
          assert.deepEqual(outcome.expired, decoded.expired);
        }
        assert.ok(encodeState(replayed).equals(encodeState(live)), 'replay equals live');
      }),
      { numRuns: 200 },
    );
  });

  it('a snapshot continues exactly like the live state on a further day', () => {
    fc.assert(
      fc.property(firstDay, laterDay, (first, second) => {
        const live = createNodeState();
        const model = new MoneyModel();
        runLive(live, model, first);
        const bytes = encodeState(live);
        const restored = decodeState(bytes);
        assert.ok(encodeState(restored).equals(bytes), 'a snapshot decodes to the same bytes');
        // The restored state gets the same batches at the same timestamps, and a copy of the model.
        const restoredModel = model.clone();
        const liveJournal = runLive(live, model, second);
        const restoredJournal = runLive(restored, restoredModel, second);
        assert.deepEqual(
          restoredJournal.map((e) => e.results),
          liveJournal.map((e) => e.results),
        );
        assert.deepEqual(
          restoredJournal.map((e) => e.timestamp),
          liveJournal.map((e) => e.timestamp),
        );
        assert.ok(encodeState(restored).equals(encodeState(live)), 'restored equals live');
      }),
      { numRuns: 120 },
    );
  });

  it('a retried payment (same sender, key and request) never moves money twice', () => {
    fc.assert(
      fc.property(firstDay, (day) => {
        const state = createNodeState();
        const model = new MoneyModel();
        runLive(state, model, day);
        const recorded = day.flatMap((b) => b.commands).filter((c): c is SubmitPaymentCommand => c.type === 'submit_payment' && state.network.idempotencyKeys.get(`${c.sender}\n${c.idempotencyKey}`)?.requestHash === c.requestHash);
        const balances = balancesOf(state);
        const payments = JSON.stringify([...state.network.payments.values()], (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
        const transfers = state.ledger.transfers.size;
        const results = retryAll(state, recorded);
        assert.deepEqual(results, recorded.map(() => 'already_applied'));
        assert.equal(balancesOf(state), balances);
        assert.equal(JSON.stringify([...state.network.payments.values()], (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)), payments);
        assert.equal(state.ledger.transfers.size, transfers);
        assertConsistent(state, model);
      }),
      { numRuns: 150 },
    );
  });
});

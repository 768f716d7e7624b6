import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertLedgerInvariants } from '../ledger/index.js';
import { decodeBody, decodeState, encodeBody, encodeState } from '../journal/index.js';
import { applyNodeBatch, type NodeCommand, type NodeResult } from './apply.js';
import { encodeNetworkState } from './codec.js';
import { transferCodes } from './ids.js';
import { assertNetworkInvariants } from './invariants.js';
import { createNodeState, type NodeState } from './state.js';
import {
  addApiKey,
  cancelPayment,
  currencies,
  dayStart,
  endOfDay,
  fundIn,
  fundOut,
  joinCurrency,
  message,
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
  transaction,
  uetr,
  webhookDelivered,
  windowAction,
} from './test-support/commands.js';
import type { NetworkState } from './state.js';
import type { MessageTransaction, SubmitPaymentCommand } from './types.js';

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
const snb = currencies.CHF.agent;
const unknown = 'NOPEDEFF';

const sponsors = new Map([
  [I, A],
  [J, B],
]);

/**
 * Registers agents, the currencies and the participants: EUR settles rtgs, USD rtgs-lsm, CHF dns
 * (windows of a minute on the tick); JPY is registered (or not) during the day, in dns.
 */
const setup: NodeCommand[] = [
  registerAgent(ecb),
  registerAgent(frb, ['settlement_agent', 'bank']),
  registerAgent(boj),
  registerAgent(snb),
  registerCurrency('EUR'),
  registerCurrency('USD', { mode: 'rtgs-lsm' }),
  registerCurrency('CHF', { mode: 'dns' }),
  registerParticipant(A, { currencies: ['EUR', 'USD', 'CHF'] }),
  registerParticipant(B, { currencies: ['EUR', 'USD', 'CHF'] }),
  registerParticipant(C, { currencies: ['EUR', 'CHF'] }),
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
  fundIn(A, 'CHF', 900n, 'SETUP-A-CHF'),
  fundIn(C, 'CHF', 600n, 'SETUP-C-CHF'),
  setLimits(B, 'CHF', 450n),
  setWindowSchedule('CHF', 60),
];

// ---- commands ------------------------------------------------------------------------------

/** Who holds each registered currency (directly, or through a sponsor), so most payments can settle. */
const holders: Record<string, readonly string[]> = {
  EUR: [A, B, C, I, J],
  USD: [A, B, D, J, frb],
  CHF: [A, B, C],
  JPY: [A, B, C],
  GBP: [A, B],
};
/** Mostly participants that exist; now and then an agent or an unknown BIC. */
const bic = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(A, B, C, D, I, J) }, { weight: 2, arbitrary: fc.constantFrom(ecb, frb, boj, snb, unknown, unknown) });
/** Mostly registered currencies; JPY is registered during the day (or not), GBP never. */
const currency = fc.oneof({ weight: 14, arbitrary: fc.constantFrom('EUR', 'EUR', 'USD', 'CHF', 'CHF') }, { weight: 2, arbitrary: fc.constantFrom('JPY', 'GBP') });
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
  .record({ seed: fc.integer({ min: 0, max: 40 }), parties, amount, sender: fc.constantFrom('self', 'self', 'self', 'self', 'sponsor', 'other'), other: bic, urgent: fc.integer({ min: 0, max: 5 }).map((n) => n === 0) })
  .map((r) => {
    const { from, to, code } = r.parties;
    const sender = r.sender === 'sponsor' ? (sponsors.get(from) ?? from) : r.sender === 'other' ? r.other : from;
    const p = payment({ seed: r.seed, from, to, amount: r.amount, currency: code, sender });
    return r.urgent ? { ...p, priority: 'urgent' as const } : p;
  });

/**
 * An ISO 20022 message: a few transactions from the sender (or its indirect participant), with
 * UETR seeds shared with the JSON payments, under one of a few MsgIds (so a later message may
 * reuse one: a duplicate).
 */
const messageCommand: fc.Arbitrary<NodeCommand> = fc
  .record({
    sender: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(A, A, B, B, C, D, frb) }, { weight: 1, arbitrary: bic }),
    messageId: fc.integer({ min: 0, max: 8 }).map((n) => `MSG-${n}`),
    transactions: fc.array(fc.record({ seed: fc.integer({ min: 0, max: 40 }), parties, amount, indirect: fc.boolean() }), { minLength: 1, maxLength: 4 }),
    // Now and then none: a message wrong as a whole.
    empty: fc.integer({ min: 0, max: 12 }).map((n) => n === 0),
  })
  .map((r) => {
    if (r.empty) return message(r.sender, r.messageId, []);
    const indirectOf = [...sponsors].find(([, sponsor]) => sponsor === r.sender)?.[0];
    const transactions: MessageTransaction[] = r.transactions.map((t) => {
      const from = t.indirect && indirectOf !== undefined ? indirectOf : r.sender;
      return transaction({ seed: t.seed, from, to: t.parties.to, amount: t.amount, currency: t.parties.code });
    });
    return message(r.sender, r.messageId, transactions);
  });

const fundCommand: fc.Arbitrary<NodeCommand> = fc
  .record({ into: fc.boolean(), parties, amount, reference })
  .map((r) => (r.into ? fundIn(r.parties.to, r.parties.code, r.amount, r.reference) : fundOut(r.parties.from, r.parties.code, r.amount, r.reference)));

/** Credit lines and caps: round, and now and then below what a payer already draws. */
const creditLine = fc.oneof({ weight: 10, arbitrary: fc.bigInt({ min: 0n, max: 8n }).map((n) => n * 50n) }, { weight: 1, arbitrary: fc.constantFrom(-1n, 2n ** 128n) });

const adminCommand: fc.Arbitrary<NodeCommand> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ parties, line: fc.option(creditLine, { nil: null }), cap: fc.option(creditLine, { nil: null }) }).map((r) => setLimits(r.parties.from, r.parties.code, r.line, r.cap)) },
  { weight: 3, arbitrary: fc.record({ bic, suspended: fc.boolean() }).map((r) => setSuspended(r.bic, r.suspended)) },
  { weight: 1, arbitrary: fc.record({ parties, reserve: fc.bigInt({ min: 0n, max: 6n }).map((n) => n * 50n) }).map((r) => setUrgentReserve(r.parties.from, r.parties.code, r.reserve)) },
  { weight: 1, arbitrary: fc.constant(registerCurrency('JPY', { mode: 'dns' })) },
  { weight: 2, arbitrary: fc.record({ bic, currency }).map((r) => joinCurrency(r.bic, r.currency)) },
  { weight: 1, arbitrary: fc.record({ bic, key: fc.integer({ min: 0, max: 5 }), secret: fc.integer({ min: 0, max: 1 }) }).map((r) => addApiKey(r.bic, `key0000${r.key}`, `s${r.secret}`)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 }).map((key) => revokeApiKey(`key0000${key}`)) },
  { weight: 1, arbitrary: fc.record({ bic, clear: fc.boolean() }).map((r) => setWebhook(r.bic, r.clear ? null : undefined)) },
  { weight: 2, arbitrary: fc.record({ bic, upTo: fc.integer({ min: -1, max: 8 }) }).map((r) => webhookDelivered(r.bic, r.upTo)) },
  {
    weight: 1,
    arbitrary: fc
      .record({ bic, versions: fc.subarray([['pacs.002', 'pacs.002.001.12'], ['camt.054', 'camt.054.001.10'], ['pacs.008', 'pacs.008.001.02'], ['pacs.009', 'pacs.009.001.08']] as const) })
      .map((r) => setIsoVersions(r.bic, Object.fromEntries(r.versions))),
  },
);

/**
 * A camt.056, camt.029 or pacs.004 about a payment sent earlier in the day (resolved with the
 * retries, once the day's commands are known): mostly from the side that may send it.
 */
interface FollowUp {
  /** 'again' sends one of the last few follow-ups again, as it was (a retry, perhaps after an answer); 'cancel' takes back one not settled. */
  readonly followUp: 'request' | 'reject' | 'return' | 'again' | 'cancel';
  /** Which earlier payment (modulo their number; one of the last few when `recent`); the UETR of none when there is none yet. */
  readonly target: number;
  readonly recent: boolean;
  /** Which participant of the right side; 'wrong' takes one of the other side, 'other' anyone. */
  readonly who: 'right' | 'wrong' | 'other';
  readonly pick: number;
  readonly other: string;
  readonly caseId: number;
  readonly reason: string;
  readonly share: 'all' | 'half' | 'one' | 'over' | 'zero';
}

const followUpCommand: fc.Arbitrary<FollowUp> = fc.record({
  followUp: fc.constantFrom('request', 'request', 'request', 'reject', 'reject', 'return', 'return', 'return', 'again', 'again', 'cancel', 'cancel'),
  target: fc.nat(),
  recent: fc.boolean(),
  who: fc.constantFrom('right', 'right', 'right', 'right', 'right', 'right', 'wrong', 'other'),
  pick: fc.nat(),
  other: bic,
  caseId: fc.integer({ min: 0, max: 2 }),
  reason: fc.constantFrom('DUPL', 'DUPL', 'FOCR', 'NOOR', 'CUST', 'dupl'),
  share: fc.constantFrom('all', 'all', 'half', 'one', 'over', 'zero'),
});

/** An earlier command of the day, sent again (a client or agent retrying). */
interface Retry {
  readonly retry: number;
}

/** The settlement clock and the operator: ticks, window actions (on window numbers near the current ones), end of day. */
const settlementCommand: fc.Arbitrary<NodeCommand> = fc.oneof(
  { weight: 4, arbitrary: currency.map((code) => settlementTick(code)) },
  {
    weight: 7,
    arbitrary: fc
      .record({ code: fc.constantFrom('CHF', 'CHF', 'CHF', 'CHF', 'JPY', 'EUR'), windowId: fc.integer({ min: 1, max: 3 }), action: fc.constantFrom<'close' | 'settle' | 'abort'>('close', 'close', 'settle', 'abort') })
      .map((r) => windowAction(r.code, r.windowId, r.action)),
  },
  { weight: 1, arbitrary: currency.map((code) => endOfDay(code)) },
  { weight: 1, arbitrary: fc.constantFrom<number | null>(60, 120, null, 30).map((seconds) => setWindowSchedule('CHF', seconds)) },
  // The operator switches a currency's queue order mid-day (dns refuses it).
  { weight: 1, arbitrary: fc.record({ code: currency, order: fc.constantFrom('fifo' as const, 'fifo-bypass' as const) }).map((r) => setQueueOrder(r.code, r.order)) },
);

const command: fc.Arbitrary<NodeCommand | Retry | FollowUp> = fc.oneof(
  { weight: 10, arbitrary: paymentCommand },
  { weight: 3, arbitrary: messageCommand },
  { weight: 5, arbitrary: fundCommand },
  { weight: 4, arbitrary: adminCommand },
  { weight: 9, arbitrary: followUpCommand },
  { weight: 6, arbitrary: settlementCommand },
  { weight: 3, arbitrary: fc.nat().map((retry) => ({ retry })) },
);

interface Batch {
  readonly gapUs: number;
  readonly commands: NodeCommand[];
}

/** A payment as sent: who may follow it up, on which side. */
interface SentPayment {
  readonly uetr: string;
  readonly amount: bigint;
  readonly debtorSide: readonly string[];
  readonly creditorSide: readonly string[];
}

function sentPayments(c: NodeCommand): SentPayment[] {
  const sides = (sender: string, t: { uetr: string; amount: bigint; debtorAgent: string; creditorAgent: string }): SentPayment => ({
    uetr: t.uetr,
    amount: t.amount,
    debtorSide: [sender, t.debtorAgent, sponsors.get(t.debtorAgent) ?? t.debtorAgent],
    creditorSide: [t.creditorAgent, sponsors.get(t.creditorAgent) ?? t.creditorAgent],
  });
  if (c.type === 'submit_payment') return [sides(c.sender, c)];
  if (c.type === 'submit_message') return c.transactions.map((t) => sides(c.sender, t));
  return [];
}

/** A payment that may well settle: sent by its debtor or the sponsor, between holders of its currency on two accounts. */
function plausible(c: NodeCommand, p: SentPayment): boolean {
  const currencyOf = c.type === 'submit_payment' ? c.currency : c.type === 'submit_message' ? c.transactions.find((t) => t.uetr === p.uetr)!.currency : '';
  // GBP is never registered, JPY perhaps late in the day.
  const held = currencyOf === 'EUR' || currencyOf === 'USD' || currencyOf === 'CHF' ? holders[currencyOf]! : [];
  const debtor = p.debtorSide[1]!;
  const creditor = p.creditorSide[0]!;
  return held.includes(debtor) && held.includes(creditor) && p.debtorSide[2] !== p.creditorSide[1] && (p.debtorSide[0] === debtor || p.debtorSide[0] === p.debtorSide[2]);
}

function resolveFollowUp(f: FollowUp, sent: readonly SentPayment[], earlier: readonly NodeCommand[], requested: readonly SentPayment[]): NodeCommand {
  if (f.followUp === 'again' && earlier.length > 0) return earlier[earlier.length - 1 - (f.target % Math.min(4, earlier.length))]!;
  // An answer mostly goes to a payment whose cancellation was asked for.
  const answers = f.followUp === 'reject' || f.followUp === 'return';
  const from = f.recent ? (answers && requested.length > 0 ? requested : sent.slice(-4)) : sent;
  const target = from.length === 0 ? { uetr: uetr('never sent'), amount: 1n, debtorSide: [A], creditorSide: [B] } : from[f.target % from.length]!;
  const asks = f.followUp === 'request' || f.followUp === 'again' || f.followUp === 'cancel';
  const right = asks ? target.debtorSide : target.creditorSide;
  const wrong = asks ? target.creditorSide : target.debtorSide;
  const side = f.who === 'right' ? right : wrong;
  const sender = f.who === 'other' ? f.other : side[f.pick % side.length]!;
  const amount = { all: target.amount, half: target.amount / 2n, one: 1n, over: target.amount + 1n, zero: 0n }[f.share];
  switch (f.followUp) {
    case 'cancel':
      // Half of them on the operator's order (the dashboard's cancel), recorded as such.
      return f.pick % 2 === 0 ? cancelPayment(sender, target.uetr) : { ...cancelPayment(sender, target.uetr), by: 'operator' };
    case 'again':
    case 'request':
      return requestCancellation(sender, target.uetr, `CASE-${f.caseId}`, f.reason);
    case 'reject':
      return rejectCancellation(sender, target.uetr, f.reason === 'DUPL' ? 'NOOR' : f.reason);
    case 'return':
      return returnPayment(sender, target.uetr, amount, `RET-${f.caseId}`, f.reason);
  }
}

/** Resolves retries to the commands they repeat (from `earlier`, then this day's own), and follow-ups to their payments. */
function resolveRetries(batches: { gapUs: number; commands: (NodeCommand | Retry | FollowUp)[] }[], earlier: readonly NodeCommand[]): Batch[] {
  const sent = [...earlier];
  /** Payments that may well settle, to follow up (a few follow-ups go to anything sent). */
  const payments: SentPayment[] = [];
  const anyPayments: SentPayment[] = [];
  const followUps: NodeCommand[] = [];
  const requested: SentPayment[] = [];
  const plausibleUetrs = new Set<string>();
  const remember = (c: NodeCommand) => {
    for (const p of sentPayments(c)) {
      anyPayments.push(p);
      // A later payment under a UETR already sent is refused as a duplicate: its parties are not the payment's.
      if (plausible(c, p) && !plausibleUetrs.has(p.uetr)) {
        plausibleUetrs.add(p.uetr);
        payments.push(p);
      }
    }
  };
  earlier.forEach(remember);
  return batches.map((b) => ({
    gapUs: b.gapUs,
    commands: b.commands.map((c) => {
      let resolved: NodeCommand;
      if ('retry' in c) resolved = sent[c.retry % sent.length]!;
      else if ('followUp' in c) {
        const pool = c.who === 'other' ? anyPayments : payments;
        const followUp = resolveFollowUp(c, pool, followUps, requested);
        followUps.push(followUp);
        if (followUp.type === 'request_cancellation') requested.push(...pool.filter((p) => p.uetr === followUp.uetr).slice(0, 1));
        resolved = followUp;
      } else resolved = c;
      sent.push(resolved);
      remember(resolved);
      return resolved;
    }),
  }));
}

/** `size: 'max'`: lengths spread over the whole range (fast-check's default keeps arrays short). */
/** Now and then a gap of over a minute, so scheduled windows fall due. */
const gapUs = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 5000 }) }, { weight: 1, arbitrary: fc.constant(61_000_000) });
const rawBatch = fc.record({ gapUs, commands: fc.array(command, { maxLength: 12, size: 'max' }) });
const rawDay = fc.array(rawBatch, { minLength: 1, maxLength: 20, size: 'max' });

/** A first day: the setup batch, then random batches (retries may repeat the setup too). */
const firstDay: fc.Arbitrary<Batch[]> = rawDay.map((batches) => [{ gapUs: 1, commands: setup }, ...resolveRetries(batches, setup)]);
/** A later day, after a first one: its retries repeat setup commands or its own. */
const laterDay: fc.Arbitrary<Batch[]> = rawDay.map((batches) => resolveRetries(batches, setup));

// ---- a model of the money ------------------------------------------------------------------

/** A settled payment as the model knows it: whose accounts it moved, and what followed. */
interface ModelPayment {
  readonly debtor: string;
  readonly creditor: string;
  readonly currency: string;
  readonly amount: bigint;
  cancellation: { caseId: string; reason: string; status: 'pending' | 'rejected' | 'accepted'; answerReason: string | null } | null;
  returned: { returnId: string; amount: bigint; reason: string } | null;
}

/** What the commands' outcomes say the balances must be, computed apart from the network code. */
class MoneyModel {
  /** `${settling bic} ${currency}` → credits minus debits of its settlement account. */
  readonly balances = new Map<string, bigint>();
  /** Per currency: funding in minus funding out. */
  readonly funded = new Map<string, bigint>();
  /** `${sender}\n${key}` → request hash of the payment recorded under it. */
  readonly requests = new Map<string, string>();
  /** `${sender}\n${MsgId}` → hash of the message recorded under it. */
  readonly messages = new Map<string, string>();
  /** By UETR: every payment that settled. */
  readonly settled = new Map<string, ModelPayment>();
  /** Settled gross (rtgs, rtgs-lsm): each has a transfer of its own; dns payments settle net. */
  settledPayments = 0;
  returns = 0;
  /** Payments cancelled before they settled (camt.056 or cancel_payment). */
  readonly cancelledUnsettled = new Set<string>();

  clone(): MoneyModel {
    const copy = new MoneyModel();
    for (const [k, v] of this.balances) copy.balances.set(k, v);
    for (const [k, v] of this.funded) copy.funded.set(k, v);
    for (const [k, v] of this.requests) copy.requests.set(k, v);
    for (const [k, v] of this.messages) copy.messages.set(k, v);
    for (const [k, v] of this.settled) {
      copy.settled.set(k, { ...v, cancellation: v.cancellation === null ? null : { ...v.cancellation }, returned: v.returned === null ? null : { ...v.returned } });
    }
    copy.settledPayments = this.settledPayments;
    copy.returns = this.returns;
    for (const u of this.cancelledUnsettled) copy.cancelledUnsettled.add(u);
    return copy;
  }

  add(bic: string, code: string, delta: bigint): void {
    const key = `${bic} ${code}`;
    this.balances.set(key, (this.balances.get(key) ?? 0n) + delta);
  }

  /**
   * Payments settle when the engine decides (at once, from a queue, with a window), so the model
   * learns of it from their status after each batch: each settles once, moving its amount from
   * the payer's settlement account to the payee's (dns: net, through the window; same sums).
   */
  observeSettlement(network: NetworkState): void {
    for (const p of network.payments.values()) {
      if ((p.status !== 'settled' && p.status !== 'returned') || this.settled.has(p.uetr)) continue;
      const debtor = sponsors.get(p.debtorAgent) ?? p.debtorAgent;
      const creditor = sponsors.get(p.creditorAgent) ?? p.creditorAgent;
      this.settled.set(p.uetr, { debtor, creditor, currency: p.currency, amount: p.amount, cancellation: null, returned: null });
      this.add(debtor, p.currency, -p.amount);
      this.add(creditor, p.currency, p.amount);
      if (network.currencies.get(p.currency)!.mode !== 'dns') this.settledPayments += 1;
    }
  }

  /** A batch's outcomes: what settled by its end first (a return in the batch needs its payment settled), then each command's. */
  observeBatch(commands: readonly NodeCommand[], results: readonly NodeResult[], network: NetworkState): void {
    this.observeSettlement(network);
    commands.forEach((c, i) => this.observe(c, results[i]!, network));
  }

  /** Checks an outcome against what the model already knows, then records it (a message's transactions from its record). */
  observe(c: NodeCommand, result: NodeResult, network: NetworkState): void {
    switch (c.type) {
      case 'fund':
        if (result === 'accepted') {
          const delta = c.direction === 'in' ? c.amount : -c.amount;
          this.add(c.bic, c.currency, delta);
          this.funded.set(c.currency, (this.funded.get(c.currency) ?? 0n) + delta);
        }
        return;
      case 'submit_payment':
        return this.observePayment(c, result);
      case 'submit_message':
        return this.observeMessage(c, result, network);
      case 'request_cancellation':
      case 'reject_cancellation':
      case 'return_payment':
        return this.observeFollowUp(c, result, network);
      case 'cancel_payment':
        if (result === 'accepted') {
          assert.equal(this.settled.has(c.uetr), false, 'only a payment not settled is cancelled');
          this.cancelledUnsettled.add(c.uetr);
          // Who ordered it is on the rejection, in the history and in the debtor side's inbox, and nowhere else.
          const p = network.payments.get(c.uetr)!;
          const rejection = p.history.at(-1)!;
          assert.equal(rejection.by, c.by, 'the rejection records who cancelled');
          const told = [...network.inboxes.values()].flatMap((inbox) => inbox.filter((e) => e.subject === c.uetr && e.type === 'payment.rejected'));
          assert.ok(told.length > 0 && told.every((e) => e.by === c.by && e.at === rejection.at), 'the debtor side is told who cancelled');
        }
        if (result === 'accepted' || result === 'already_applied') {
          const p = network.payments.get(c.uetr)!;
          assert.deepEqual([p.status, p.reason], ['rejected', 'DS02']);
        }
        return;
      default:
        return;
    }
  }

  private observePayment(c: SubmitPaymentCommand, result: NodeResult): void {
    const key = `${c.sender}\n${c.idempotencyKey}`;
    const first = this.requests.get(key);
    if (first !== undefined && result !== 'text_invalid') {
      assert.equal(result, first === c.requestHash ? 'already_applied' : 'idempotency_key_reused', `retry of ${c.sender} ${c.idempotencyKey}`);
    }
    // A recorded payment answers accepted, whatever its settlement engine decided.
    assert.notEqual(result, 'insufficient_funds', 'a payment not covered queues instead');
    if (result === 'accepted') {
      assert.equal(first, undefined, 'a payment is recorded under a key used for no other');
      this.requests.set(key, c.requestHash);
    }
  }

  private observeMessage(c: Extract<NodeCommand, { type: 'submit_message' }>, result: NodeResult, network: NetworkState): void {
    const key = `${c.sender}\n${c.messageId}`;
    const first = this.messages.get(key);
    if (first !== undefined && result !== 'text_invalid') assert.equal(result, first === c.requestHash ? 'already_applied' : 'duplicate_message', `resend of ${c.sender} ${c.messageId}`);
    if (result !== 'accepted') return;
    assert.equal(first, undefined, 'a message is recorded under a MsgId used for no other');
    this.messages.set(key, c.requestHash);
    const record = network.messages.get(key)!;
    assert.equal(record.requestHash, c.requestHash);
    assert.equal(record.transactions.length, c.transactions.length);
    // Each transaction is a payment under the key `iso20022 <MsgId> <index>`, with the message's hash.
    c.transactions.forEach((t, index) => {
      const outcome = record.transactions[index]!;
      assert.equal(outcome.uetr, t.uetr);
      const { instructionId: _i, transactionId: _t, ...fields } = t;
      this.observePayment({ type: 'submit_payment', sender: c.sender, idempotencyKey: `iso20022 ${c.messageId} ${index}`, requestHash: c.requestHash, ...fields }, outcome.result as NodeResult);
    });
  }

  private observeFollowUp(c: Extract<NodeCommand, { type: 'request_cancellation' | 'reject_cancellation' | 'return_payment' }>, result: NodeResult, network: NetworkState): void {
    const p = this.settled.get(c.uetr);
    // A camt.056 on a payment still queued (or in the open dns window) cancels it at once.
    if (c.type === 'request_cancellation' && p === undefined && (result === 'accepted' || result === 'already_applied')) {
      const record = network.payments.get(c.uetr)!;
      assert.deepEqual([record.status, record.reason, record.cancellation?.status, record.cancellation?.caseId], ['rejected', 'DS02', 'accepted', c.caseId]);
      this.cancelledUnsettled.add(c.uetr);
      return;
    }
    if (result === 'accepted' || result === 'already_applied') assert.ok(p !== undefined, `${c.type} ${result} on a payment that settled`);
    if (p === undefined) return;
    if (c.type === 'request_cancellation') {
      if (result === 'accepted') {
        assert.equal(p.cancellation, null, 'one cancellation per payment');
        assert.equal(p.returned, null, 'a returned payment is not cancelled');
        p.cancellation = { caseId: c.caseId, reason: c.reason, status: 'pending', answerReason: null };
      }
      if (result === 'already_applied') assert.ok(p.cancellation?.caseId === c.caseId && p.cancellation.reason === c.reason);
      if (result === 'cancellation_exists') assert.ok(p.cancellation !== null && (p.cancellation.caseId !== c.caseId || p.cancellation.reason !== c.reason));
    } else if (c.type === 'reject_cancellation') {
      if (result === 'accepted') {
        const cancellation = p.cancellation;
        assert.ok(cancellation?.status === 'pending', 'only a pending cancellation is rejected');
        cancellation.status = 'rejected';
        cancellation.answerReason = c.reason;
      }
      if (result === 'already_applied') assert.ok(p.cancellation?.status === 'rejected' && p.cancellation.answerReason === c.reason);
    } else {
      if (result === 'accepted') {
        assert.equal(p.returned, null, 'one return per payment');
        assert.ok(c.amount > 0n && c.amount <= p.amount, 'a return of at most the payment');
        p.returned = { returnId: c.returnId, amount: c.amount, reason: c.reason };
        if (p.cancellation?.status === 'pending') p.cancellation.status = 'accepted';
        this.returns += 1;
        this.add(p.creditor, p.currency, -c.amount);
        this.add(p.debtor, p.currency, c.amount);
      }
      if (result === 'already_applied') assert.ok(p.returned?.returnId === c.returnId && p.returned.amount === c.amount && p.returned.reason === c.reason);
      if (result === 'return_invalid') assert.ok(c.amount <= 0n || c.amount > p.amount);
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
  // Each settled payment moved money exactly once, and each return once.
  let paymentTransfers = 0;
  let returnTransfers = 0;
  for (const transfer of ledger.transfers.values()) {
    if (transfer.code === transferCodes.payment) paymentTransfers += 1;
    if (transfer.code === transferCodes.paymentReturn) returnTransfers += 1;
  }
  const settled = [...network.payments.values()].filter((p) => p.status === 'settled' || p.status === 'returned').length;
  assert.equal(paymentTransfers, model.settledPayments);
  assert.equal(settled, model.settled.size);
  assert.equal(returnTransfers, model.returns);
  assertReturnsWithinSettled(state);
  assertSettlementProperties(state);
  // Cancellations and returns are where the model says.
  for (const payment of network.payments.values()) {
    const expected = model.settled.get(payment.uetr);
    if (expected === undefined) {
      assert.ok(['queued', 'accepted', 'rejected'].includes(payment.status), `${payment.uetr} is ${payment.status}`);
      assert.equal(payment.returned, null);
      if (model.cancelledUnsettled.has(payment.uetr)) assert.deepEqual([payment.status, payment.reason], ['rejected', 'DS02']);
      else assert.equal(payment.cancellation, null);
      continue;
    }
    assert.equal(payment.status, expected.returned === null ? 'settled' : 'returned', `status of ${payment.uetr}`);
    assert.equal(payment.returned?.amount ?? null, expected.returned?.amount ?? null);
    assert.equal(payment.cancellation?.status ?? null, expected.cancellation?.status ?? null, `cancellation of ${payment.uetr}`);
    assert.equal(payment.cancellation?.caseId ?? null, expected.cancellation?.caseId ?? null);
  }
}

/**
 * Settlement, per currency: the engine's liquidity is the ledger's; no settlement account is
 * beyond its credit line (settled payments never breached a payer's liquidity); dns positions
 * are within their caps and sum to zero, and every window's report nets to zero; every payment
 * waiting in an engine waits in the network too, in its currency.
 */
function assertSettlementProperties(state: NodeState): void {
  const { ledger, network } = state;
  let waiting = 0;
  for (const cs of network.settlement.values()) {
    let positions = 0n;
    for (const p of cs.engine.participants) {
      const account = ledger.accounts.get(network.settlementAccounts.get(`${p.id} ${cs.currency}`)!)!;
      const balance = account.creditsPosted - account.debitsPosted;
      assert.equal(p.balance + p.creditLine, balance + account.creditLine, `liquidity of ${p.id} in ${cs.currency}: engine = ledger`);
      assert.ok(balance >= -account.creditLine, `${p.id} in ${cs.currency} within its credit line`);
      assert.ok(p.position >= -p.netDebitCap, `${p.id} in ${cs.currency} within its net debit cap`);
      positions += p.position;
    }
    assert.equal(positions, 0n, `${cs.currency}: net positions sum to zero`);
    for (const w of cs.windows) {
      assert.equal(w.participants.reduce((sum, p) => sum + p.net, 0n), 0n, `${cs.currency} window ${w.id} nets to zero`);
      assert.equal(w.participants.reduce((sum, p) => sum + p.sent, 0n), w.gross);
      assert.equal(w.participants.reduce((sum, p) => sum + p.received, 0n), w.gross);
    }
    for (const record of cs.engine.payments.values()) {
      if (record.status !== 'queued' && record.status !== 'accepted' && record.status !== 'held') continue;
      waiting += 1;
      const payment = network.payments.get(record.id)!;
      // A held payment (a party suspended) is queued for the network.
      assert.deepEqual([payment.status, payment.currency], [record.status === 'held' ? 'queued' : record.status, cs.currency]);
    }
  }
  assert.equal([...network.payments.values()].filter((p) => p.status === 'queued' || p.status === 'accepted').length, waiting, 'every waiting payment waits in its engine');
}

/** What waits, in order, and the window reports: replay must reproduce them exactly. */
function settlementView(state: NodeState): string {
  return JSON.stringify(
    [...state.network.settlement.values()].map((cs) => ({
      currency: cs.currency,
      day: cs.day,
      queues: cs.engine.participants.map((p) => [p.id, [...p.urgent.items, ...p.normal.items].filter((r) => r.status === 'queued').map((r) => r.id)]),
      open: cs.engine.open.payments.map((r) => `${r.id}:${r.status}`),
      windows: cs.windows,
    })),
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
  );
}

/** Per payment, from the ledger alone: the amounts returned never exceed the amounts settled. */
function assertReturnsWithinSettled(state: NodeState): void {
  const settled = new Map<string, bigint>();
  const returned = new Map<string, bigint>();
  for (const transfer of state.ledger.transfers.values()) {
    // A payment's transfer and its return both carry the payment's UETR.
    const sums = transfer.code === transferCodes.payment ? settled : transfer.code === transferCodes.paymentReturn ? returned : undefined;
    sums?.set(transfer.uetr, (sums.get(transfer.uetr) ?? 0n) + transfer.amount);
  }
  // A dns payment has no transfer of its own: its window's net transfers settled it, with all the window's payments.
  for (const p of state.network.payments.values()) {
    if (state.network.currencies.get(p.currency)!.mode !== 'dns' || (p.status !== 'settled' && p.status !== 'returned')) continue;
    const key = p.transferId;
    assert.equal(settled.has(key), false, 'a dns payment moved no money of its own');
    settled.set(key, p.amount);
  }
  for (const [paymentUetr, amount] of returned) assert.ok(amount <= (settled.get(paymentUetr) ?? 0n), `returned ${amount} of ${paymentUetr}, settled ${settled.get(paymentUetr) ?? 0n}`);
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
    model.observeBatch(b.commands, outcome.results, state.network);
    // A payment leaves a record exactly when it was accepted; refusals leave none.
    const recordedResult = (result: string) => result === 'accepted';
    const recorded = b.commands
      .map((c, i) => {
        if (c.type === 'submit_payment') return recordedResult(outcome.results[i]!) ? 1 : 0;
        if (c.type !== 'submit_message' || outcome.results[i] !== 'accepted') return 0;
        return state.network.messages.get(`${c.sender}\n${c.messageId}`)!.transactions.filter((t) => recordedResult(t.result)).length;
      })
      .reduce((sum, n) => sum + n, 0);
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
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const day of fc.sample(firstDay, { numRuns: 200, seed: 42 })) {
      const state = createNodeState();
      const journal = runLive(state, new MoneyModel(), day);
      for (const entry of journal.slice(1)) {
        entry.commands.forEach((c, i) => count(`${c.type === 'fund' ? `fund_${c.direction}` : c.type}:${entry.results[i]}`));
      }
      for (const record of state.network.messages.values()) for (const t of record.transactions) count(`message_transaction:${t.result}`);
      for (const payment of state.network.payments.values()) {
        if (payment.returned !== null) count(payment.returned.amount === payment.amount ? 'return:whole' : 'return:part');
        if (payment.cancellation !== null) count(`cancellation:${payment.cancellation.status}`);
        const path = payment.history.slice(2).map((h) => (h.reason === null ? h.status : `${h.status} ${h.reason}`));
        count(`payment:${path.join(' → ')}`);
      }
      for (const cs of state.network.settlement.values()) for (const w of cs.windows) count(`window:${w.status}`);
      for (const cs of state.network.settlement.values()) for (const r of cs.engine.payments.values()) if (r.status === 'held') count('engine:held');
    }
    const wanted = [
      'submit_payment:accepted',
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
      'submit_message:accepted',
      'submit_message:already_applied',
      'submit_message:duplicate_message',
      'submit_message:text_invalid',
      'message_transaction:accepted',
      'message_transaction:duplicate_uetr',
      'message_transaction:participant_unknown',
      'request_cancellation:accepted',
      'request_cancellation:already_applied',
      'request_cancellation:cancellation_exists',
      'request_cancellation:payment_unknown',
      'request_cancellation:payment_not_cancellable',
      'request_cancellation:reason_invalid',
      'reject_cancellation:accepted',
      'reject_cancellation:already_applied',
      'reject_cancellation:cancellation_not_pending',
      'reject_cancellation:payment_unknown',
      'return_payment:accepted',
      'return_payment:already_applied',
      'return_payment:insufficient_funds',
      'return_payment:return_invalid',
      'return_payment:payment_not_cancellable',
      'return_payment:payment_unknown',
      'return:whole',
      'return:part',
      'cancellation:pending',
      'cancellation:rejected',
      'cancellation:accepted',
      'set_iso_versions:accepted',
      'set_iso_versions:version_invalid',
      // Settlement: queues, the LSM's tick, dns windows, end of day, cancellation before settlement.
      'payment:settled',
      'payment:queued',
      'payment:queued → settled',
      'payment:queued → rejected DS02',
      'payment:queued → rejected AB03',
      'payment:accepted',
      'payment:accepted → settled',
      'payment:accepted → rejected AB04',
      'payment:rejected AM14',
      'window:settled',
      'window:aborted',
      'settlement_tick:accepted',
      'settlement_window:accepted',
      'settlement_window:window_state_invalid',
      'settlement_window:window_unknown',
      'settlement_window:settlement_mode_invalid',
      'end_of_day:accepted',
      'cancel_payment:accepted',
      'cancel_payment:already_applied',
      'cancel_payment:payment_not_queued',
      'cancel_payment:payment_unknown',
      'request_cancellation:payment_not_cancellable',
      // Urgent reserves, and payments held while a party is suspended.
      'set_urgent_reserve:accepted',
      'set_urgent_reserve:already_applied',
      'set_urgent_reserve:settlement_mode_invalid',
      'set_urgent_reserve:participant_not_in_currency',
      'set_queue_order:accepted',
      'set_queue_order:already_applied',
      'set_queue_order:settlement_mode_invalid',
      'engine:held',
    ];
    // SHOW_SEEN=1 prints how often each outcome happens, to tune the generators.
    if (process.env.SHOW_SEEN) console.log([...seen].sort().map(([k, n]) => `${k} ${n}`).join('\n'));
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
        assert.equal(settlementView(replayed), settlementView(live), 'replay reproduces queues and windows');
        assert.ok(encodeState(replayed).equals(encodeState(live)), 'replay equals live');
      }),
      { numRuns: 200 },
    );
  });

  it('per payment, the amounts returned never exceed the amounts settled, however returns are retried', () => {
    fc.assert(
      fc.property(firstDay, fc.array(fc.nat(), { maxLength: 30 }), (day, picks) => {
        const state = createNodeState();
        const model = new MoneyModel();
        runLive(state, model, day);
        // Every settled payment returned again and again: whole, under new ids, by either creditor-side participant.
        const settled = [...state.network.payments.values()].filter((p) => p.status !== 'rejected');
        if (settled.length === 0) return;
        const again: NodeCommand[] = picks.flatMap((pick, i) => {
          const p = settled[pick % settled.length]!;
          const sender = [p.creditorAgent, sponsors.get(p.creditorAgent) ?? p.creditorAgent][i % 2]!;
          return [returnPayment(sender, p.uetr, p.amount, `AGAIN-${i}`, 'AC04'), returnPayment(sender, p.uetr, p.amount - (p.returned?.amount ?? 0n), `REST-${i}`, 'AC04')];
        });
        for (let i = 0; i < again.length; i += 8) {
          const batch = again.slice(i, i + 8);
          const outcome = applyNodeBatch(state, { timestamp: state.ledger.lastTimestamp + 1, commands: batch });
          model.observeBatch(batch, outcome.results, state.network);
          assertConsistent(state, model);
        }
        assertReturnsWithinSettled(state);
        for (const p of state.network.payments.values()) assert.ok((p.returned?.amount ?? 0n) <= p.amount);
      }),
      { numRuns: 150 },
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
        assert.equal(settlementView(restored), settlementView(live));
        assert.ok(encodeState(restored).equals(encodeState(live)), 'restored equals live');
      }),
      { numRuns: 120 },
    );
  });

  it('a retried payment, message, cancellation, rejection or return never moves money twice', () => {
    fc.assert(
      fc.property(firstDay, (day) => {
        const state = createNodeState();
        const model = new MoneyModel();
        const journal = runLive(state, model, day);
        const retriedPayments = day.flatMap((b) => b.commands).filter((c): c is SubmitPaymentCommand => c.type === 'submit_payment' && state.network.idempotencyKeys.get(`${c.sender}\n${c.idempotencyKey}`)?.requestHash === c.requestHash);
        const followUps = new Set(['submit_message', 'request_cancellation', 'reject_cancellation', 'return_payment', 'cancel_payment']);
        const accepted = journal.flatMap((e) => e.commands.filter((c, i) => followUps.has(c.type) && e.results[i] === 'accepted'));
        const recorded = [...retriedPayments, ...accepted];
        const balances = balancesOf(state);
        const network = encodeNetworkState(state.network);
        const payments = JSON.stringify([...state.network.payments.values()], (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
        const transfers = state.ledger.transfers.size;
        const results = retryAll(state, recorded);
        assert.deepEqual(results, recorded.map(() => 'already_applied'));
        assert.equal(balancesOf(state), balances);
        assert.equal(JSON.stringify([...state.network.payments.values()], (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)), payments);
        assert.equal(state.ledger.transfers.size, transfers);
        assert.deepEqual(encodeNetworkState(state.network), network, 'no record, message or inbox changed');
        assertConsistent(state, model);
      }),
      { numRuns: 150 },
    );
  });
});

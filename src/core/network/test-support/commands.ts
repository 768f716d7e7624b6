/**
 * Builders for network commands and a small driver that applies them as batches, for the
 * network's tests. Every builder gives a valid command; tests spoil one field to see a refusal.
 */
import { createHash } from 'node:crypto';
import { applyNodeBatch, type NodeBatchOutcome, type NodeCommand, type NodeResult } from '../apply.js';
import { createNodeState, settlementAccountKey, type NodeState } from '../state.js';
import type {
  AddApiKeyCommand,
  CancelPaymentCommand,
  EndOfDayCommand,
  SetWindowScheduleCommand,
  SetUrgentReserveCommand,
  SetQueueOrderCommand,
  SettlementTickCommand,
  SettlementWindowCommand,
  WindowAction,
  FundCommand,
  JoinCurrencyCommand,
  MessageTransaction,
  ParticipantRole,
  RegisterCurrencyCommand,
  RegisterParticipantCommand,
  RejectCancellationCommand,
  RequestCancellationCommand,
  ReturnPaymentCommand,
  RevokeApiKeyCommand,
  SetIsoVersionsCommand,
  SetLimitsCommand,
  SetSuspendedCommand,
  SetWebhookCommand,
  SubmitMessageCommand,
  SubmitPaymentCommand,
  WebhookDeliveredCommand,
  WebhookTarget,
} from '../types.js';
import type { QueueOrder } from '../../settlement/types.js';

/** The first batch's timestamp: 2024-01-01T00:00:00Z in µs. */
export const dayStart = 1_704_067_200_000_000;

export const currencies = {
  EUR: { code: 'EUR', exponent: 2, ledger: 978, agent: 'ECBKDEFF' },
  USD: { code: 'USD', exponent: 2, ledger: 840, agent: 'FRBKUS33' },
  JPY: { code: 'JPY', exponent: 0, ledger: 392, agent: 'BOJPJPJT' },
  CHF: { code: 'CHF', exponent: 2, ledger: 756, agent: 'SNBZCHZZ' },
} as const;
export type TestCurrency = keyof typeof currencies;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A canonical lowercase version-4 UUID derived from a seed (the same seed, the same UETR). */
export function uetr(seed: string | number): string {
  const h = sha256Hex(`uetr ${seed}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function registerCurrency(code: TestCurrency = 'EUR', fields: Partial<Omit<RegisterCurrencyCommand, 'type'>> = {}): RegisterCurrencyCommand {
  const c = currencies[code];
  return { type: 'register_currency', code: c.code, exponent: c.exponent, ledger: c.ledger, mode: 'rtgs', agent: c.agent, ...fields };
}

/** A direct bank by default. */
export function registerParticipant(bic: string, fields: Partial<Omit<RegisterParticipantCommand, 'type' | 'bic'>> = {}): RegisterParticipantCommand {
  return {
    type: 'register_participant',
    bic,
    name: `Bank ${bic}`,
    country: bic.slice(4, 6),
    participantType: 'direct',
    sponsor: null,
    roles: ['bank'],
    currencies: [],
    ...fields,
  };
}

/** A settlement agent (central bank) that holds no currency yet: currencies are registered after it. */
export function registerAgent(bic: string, roles: readonly ParticipantRole[] = ['settlement_agent']): RegisterParticipantCommand {
  return registerParticipant(bic, { name: `Central bank ${bic}`, roles });
}

export function registerIndirect(bic: string, sponsor: string, currencyCodes: readonly string[]): RegisterParticipantCommand {
  return registerParticipant(bic, { participantType: 'indirect', sponsor, currencies: currencyCodes });
}

export function joinCurrency(bic: string, currency: string): JoinCurrencyCommand {
  return { type: 'join_currency', bic, currency };
}

export function addApiKey(participant: string, keyId: string, secret = `secret of ${keyId}`): AddApiKeyCommand {
  return { type: 'add_api_key', participant, keyId, secretHash: sha256Hex(secret) };
}

export function revokeApiKey(keyId: string): RevokeApiKeyCommand {
  return { type: 'revoke_api_key', keyId };
}

export function setLimits(bic: string, currency: string, creditLine: bigint | null, netDebitCap: bigint | null = null): SetLimitsCommand {
  return { type: 'set_limits', bic, currency, creditLine, netDebitCap };
}

export function setSuspended(bic: string, suspended: boolean): SetSuspendedCommand {
  return { type: 'set_suspended', bic, suspended };
}

export function setWebhook(bic: string, webhook: WebhookTarget | null = { url: `https://hooks.example.com/${bic}`, secret: 'a-secret-of-24-characters' }): SetWebhookCommand {
  return { type: 'set_webhook', bic, webhook };
}

export function webhookDelivered(bic: string, upTo: number): WebhookDeliveredCommand {
  return { type: 'webhook_delivered', bic, upTo };
}

export function fundIn(bic: string, currency: string, amount: bigint, reference: string): FundCommand {
  return { type: 'fund', direction: 'in', bic, currency, amount, reference };
}

export function fundOut(bic: string, currency: string, amount: bigint, reference: string): FundCommand {
  return { type: 'fund', direction: 'out', bic, currency, amount, reference };
}

export interface PaymentFields {
  /** Seeds the UETR, the idempotency key and the end-to-end id. */
  readonly seed: string | number;
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
  readonly currency?: string;
  /** Defaults to `from` (the debtor agent sends for itself). */
  readonly sender?: string;
  readonly idempotencyKey?: string;
  readonly uetr?: string;
  readonly remittanceInformation?: string;
}

/**
 * A same-currency payment. The request hash is the SHA-256 of the request's own fields, so
 * the same fields give the same hash and a changed field a different one, as at the API.
 */
export function payment(f: PaymentFields): SubmitPaymentCommand {
  const request = {
    uetr: f.uetr ?? uetr(f.seed),
    endToEndId: `E2E-${f.seed}`.slice(0, 35),
    currency: f.currency ?? 'EUR',
    amount: f.amount,
    debtorAgent: f.from,
    creditorAgent: f.to,
    debtorName: `Debtor of ${f.from}`,
    creditorName: `Creditor at ${f.to}`,
    remittanceInformation: f.remittanceInformation ?? `Invoice ${f.seed}`,
  };
  const requestHash = sha256Hex(JSON.stringify(request, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
  return { type: 'submit_payment', sender: f.sender ?? f.from, idempotencyKey: f.idempotencyKey ?? `key-${f.seed}`, requestHash, ...request };
}

export interface TransactionFields {
  /** Seeds the UETR, the end-to-end, instruction and transaction ids. */
  readonly seed: string | number;
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
  readonly currency?: string;
  readonly uetr?: string;
}

/** One transaction of an ISO 20022 credit transfer message. */
export function transaction(f: TransactionFields): MessageTransaction {
  return {
    uetr: f.uetr ?? uetr(f.seed),
    endToEndId: `E2E-${f.seed}`.slice(0, 35),
    instructionId: `INSTR-${f.seed}`.slice(0, 35),
    transactionId: `TX-${f.seed}`.slice(0, 35),
    currency: f.currency ?? 'EUR',
    amount: f.amount,
    debtorAgent: f.from,
    creditorAgent: f.to,
    debtorName: `Debtor of ${f.from}`,
    creditorName: `Creditor at ${f.to}`,
    remittanceInformation: `Invoice ${f.seed}`,
  };
}

/**
 * A pacs.008 as the intake hands it over. The request hash stands for the message's bytes: the
 * SHA-256 of its id, name and transactions, so the same message gives the same hash.
 */
export function message(sender: string, messageId: string, transactions: readonly MessageTransaction[], messageName = 'pacs.008.001.08'): SubmitMessageCommand {
  const requestHash = sha256Hex(JSON.stringify([messageId, messageName, transactions], (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
  return { type: 'submit_message', sender, messageId, messageName, requestHash, transactions };
}

/** The idempotency key a message's transaction is recorded under. */
export function messageTransactionKey(sender: string, messageId: string, index: number): string {
  return `${sender}\niso20022 ${messageId} ${index}`;
}

export function requestCancellation(sender: string, paymentUetr: string, caseId: string, reason = 'DUPL', held = true): RequestCancellationCommand {
  return { type: 'request_cancellation', sender, uetr: paymentUetr, caseId, reason, held };
}

export function rejectCancellation(sender: string, paymentUetr: string, reason = 'NOOR'): RejectCancellationCommand {
  return { type: 'reject_cancellation', sender, uetr: paymentUetr, reason };
}

export function returnPayment(sender: string, paymentUetr: string, amount: bigint, returnId: string, reason = 'FOCR'): ReturnPaymentCommand {
  return { type: 'return_payment', sender, uetr: paymentUetr, returnId, amount, reason };
}

export function setIsoVersions(bic: string, versions: Readonly<Record<string, string>>): SetIsoVersionsCommand {
  return { type: 'set_iso_versions', bic, versions };
}

export function settlementTick(currency = 'EUR'): SettlementTickCommand {
  return { type: 'settlement_tick', currency };
}

export function cancelPayment(sender: string, paymentUetr: string, held = true): CancelPaymentCommand {
  return { type: 'cancel_payment', sender, uetr: paymentUetr, held };
}

export function windowAction(currency: string, windowId: number, action: WindowAction): SettlementWindowCommand {
  return { type: 'settlement_window', currency, windowId, action };
}

export function endOfDay(currency = 'EUR'): EndOfDayCommand {
  return { type: 'end_of_day', currency };
}

export function setWindowSchedule(currency: string, windowSeconds: number | null): SetWindowScheduleCommand {
  return { type: 'set_window_schedule', currency, windowSeconds };
}

/**
 * A node state with a clock: each `apply` is one batch, `gapUs` after the last event of the
 * previous one, as the sequencer does. Every result is also collected in `seen`.
 */
export class TestNode {
  readonly state: NodeState;
  readonly seen = new Set<NodeResult>();
  private next: number;

  constructor(state: NodeState = createNodeState(), start = dayStart) {
    this.state = state;
    this.next = Math.max(start, state.ledger.lastTimestamp + 1);
  }

  /** The timestamp the next batch will get. */
  get nextTimestamp(): number {
    return Math.max(this.next, this.state.ledger.lastTimestamp + 1);
  }

  apply(commands: readonly NodeCommand[], gapUs = 1_000): NodeBatchOutcome & { readonly timestamp: number } {
    const timestamp = this.nextTimestamp;
    const outcome = applyNodeBatch(this.state, { timestamp, commands });
    for (const result of outcome.results) this.seen.add(result);
    this.next = this.state.ledger.lastTimestamp + 1 + gapUs;
    return { ...outcome, timestamp };
  }

  /** Applies one command as a batch of its own; returns its result. */
  one(command: NodeCommand): NodeResult {
    return this.apply([command]).results[0]!;
  }

  /** Applies commands one batch each; returns their results. */
  each(commands: readonly NodeCommand[]): NodeResult[] {
    return commands.map((command) => this.one(command));
  }

  /** Balance of a participant's settlement account: credits minus debits posted (negative when it uses its credit line). */
  balance(bic: string, currency = 'EUR'): bigint {
    const id = this.state.network.settlementAccounts.get(settlementAccountKey(bic, currency));
    if (id === undefined) throw new Error(`${bic} has no settlement account in ${currency}`);
    const account = this.state.ledger.accounts.get(id)!;
    return account.creditsPosted - account.debitsPosted;
  }

  /** What the currency's agent has put in, net: its account's debits minus credits. */
  issued(currency = 'EUR'): bigint {
    const record = this.state.network.currencies.get(currency)!;
    const account = this.state.ledger.accounts.get(record.agentAccountId)!;
    return account.debitsPosted - account.creditsPosted;
  }

  /** A payment's status. */
  status(paymentUetr: string): string | undefined {
    return this.state.network.payments.get(paymentUetr)?.status;
  }

  inbox(bic: string): readonly { readonly type: string; readonly subject: string; readonly seq: number; readonly reason: string | null }[] {
    return this.state.network.inboxes.get(bic) ?? [];
  }

  /** The event types in a participant's inbox, oldest first. */
  inboxTypes(bic: string): string[] {
    return this.inbox(bic).map((event) => `${event.type} ${event.subject}`);
  }
}

/** Applies batches of commands at increasing timestamps to a fresh (or given) state. */
export function applyBatches(batches: readonly (readonly NodeCommand[])[], node: TestNode = new TestNode()): NodeResult[][] {
  return batches.map((commands) => node.apply(commands).results);
}

// ---- a small standard network --------------------------------------------------------------

/** Direct banks in EUR and USD, an indirect bank sponsored by A in EUR, and the two agents. */
export const bank = { A: 'BANKDEFF', B: 'BANKFRPP', C: 'BANKITMM', I: 'SMALDEFF' } as const;

export function networkSetup(): NodeCommand[] {
  return [
    registerAgent(currencies.EUR.agent),
    registerAgent(currencies.USD.agent),
    registerCurrency('EUR'),
    registerCurrency('USD'),
    registerParticipant(bank.A, { currencies: ['EUR', 'USD'] }),
    registerParticipant(bank.B, { currencies: ['EUR', 'USD'] }),
    registerParticipant(bank.C, { currencies: ['EUR'] }),
    registerIndirect(bank.I, bank.A, ['EUR']),
  ];
}

/**
 * The standard network plus CHF in dns mode (agent SNBZCHZZ), held by A, B and C, each funded
 * with 1000 CHF: deferred net settlement in windows.
 */
export function dnsNode(): TestNode {
  const node = standardNode();
  const { results } = node.apply([
    registerAgent(currencies.CHF.agent),
    registerCurrency('CHF', { mode: 'dns' }),
    joinCurrency(bank.A, 'CHF'),
    joinCurrency(bank.B, 'CHF'),
    joinCurrency(bank.C, 'CHF'),
    fundIn(bank.A, 'CHF', 1000n, 'CHF-A'),
    fundIn(bank.B, 'CHF', 1000n, 'CHF-B'),
    fundIn(bank.C, 'CHF', 1000n, 'CHF-C'),
  ]);
  if (results.some((r) => r !== 'accepted')) throw new Error(`dns setup failed: ${results.join(', ')}`);
  return node;
}

/** A node with the standard network in place (one batch), every command accepted. */
export function standardNode(): TestNode {
  const node = new TestNode();
  const { results } = node.apply(networkSetup());
  if (results.some((r) => r !== 'accepted')) throw new Error(`setup failed: ${results.join(', ')}`);
  return node;
}

export function setQueueOrder(currency: string, queueOrder: QueueOrder): SetQueueOrderCommand {
  return { type: 'set_queue_order', currency, queueOrder };
}

export function setUrgentReserve(bic: string, currency: string, amount: bigint): SetUrgentReserveCommand {
  return { type: 'set_urgent_reserve', bic, currency, amount };
}

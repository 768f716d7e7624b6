/**
 * The network's plain data: currencies, participants, their keys, payments and inboxes. The
 * ledger holds the money; this holds who may move it and what each payment became.
 */
import type { Id } from '../ledger/types.js';
import type { PaymentParties, ScreeningCommand } from './screening-types.js';
import { screeningCommandTypes } from './screening-types.js';
import { fxCommandTypes, type FxCommand, type FxPaymentDetails } from './fx-types.js';
import type { QueueOrder } from '../settlement/types.js';

export const settlementModes = ['rtgs', 'rtgs-lsm', 'dns'] as const;
export type SettlementMode = (typeof settlementModes)[number];

export const participantRoles = ['bank', 'fx_provider', 'settlement_agent'] as const;
export type ParticipantRole = (typeof participantRoles)[number];

export const participantTypes = ['direct', 'indirect'] as const;
export type ParticipantType = (typeof participantTypes)[number];

/**
 * received → validated → then, by the currency's settlement engine: settled at once; queued
 * (rtgs, rtgs-lsm: waits for liquidity) → settled | rejected; accepted (dns: its positions moved
 * in the open window) → settled when the window settles | rejected when it aborts; or rejected
 * at once (dns: beyond the net debit cap; a full queue). A settled payment may be returned later.
 * A queued or accepted payment cancelled by its sender ends rejected (reason DS02).
 * Screening comes between validated and the engine: a payment with a possible watch-list match
 * is held (ISO PDNG) until a compliance officer releases it (released, then the engine as above)
 * or rejects it (rejected, with the officer's reason).
 */
export const paymentStatuses = ['received', 'validated', 'queued', 'settled', 'rejected', 'returned', 'accepted', 'held', 'released'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export interface CurrencyRecord {
  readonly code: string;
  /** ISO 4217 minor-unit exponent: amounts are integers of 10^-exponent units. */
  readonly exponent: number;
  /** The ledger number: the ISO 4217 numeric code. */
  readonly ledger: number;
  readonly mode: SettlementMode;
  /** The settlement agent (central bank) that funds and defunds participants. */
  readonly agent: string;
  /** The agent's issuing account: its debit balance is the money it has put in. */
  readonly agentAccountId: Id;
}

export interface ParticipantRecord {
  readonly bic: string;
  readonly name: string;
  /** ISO 3166 alpha-2. */
  readonly country: string;
  readonly type: ParticipantType;
  /** For an indirect participant, the direct one whose settlement accounts it uses. */
  readonly sponsor: string | null;
  readonly roles: readonly ParticipantRole[];
  /** Currencies it can send and receive, in the order it joined them. */
  readonly currencies: string[];
  suspended: boolean;
  webhook: WebhookTarget | null;
  /** ISO 20022 versions it receives, where they differ from the defaults (message → version). */
  isoVersions: Record<string, string>;
  /** Inbox events up to this sequence number were delivered to its webhook. */
  webhookDeliveredUpTo: number;
  readonly joinedAt: number;
}

export interface WebhookTarget {
  readonly url: string;
  /** Shared secret for the HMAC signature; never shown through the API. */
  readonly secret: string;
}

export interface ApiKeyRecord {
  readonly keyId: string;
  readonly participant: string;
  /** SHA-256 of the key's secret part, hex. The key itself is never stored. */
  readonly secretHash: string;
  readonly createdAt: number;
  revokedAt: number | null;
}

export interface StatusChange {
  readonly status: PaymentStatus;
  readonly at: number;
  /** ISO 20022 status reason code (ExternalStatusReason1Code) when rejected. */
  readonly reason: string | null;
  /** Who made the change when it was not the payment's parties or the network itself: the operator cancelled it. Absent otherwise. */
  readonly by?: ChangeActor;
}

/** Who ordered a change a participant would otherwise have made: the network's operator. */
export const changeActors = ['operator'] as const;
export type ChangeActor = (typeof changeActors)[number];

export interface PaymentRecord {
  readonly uetr: string;
  readonly endToEndId: string;
  readonly currency: string;
  readonly amount: bigint;
  /** The participant that sent it (the debtor agent, or its sponsor on its behalf). */
  readonly sender: string;
  readonly debtorAgent: string;
  readonly creditorAgent: string;
  readonly debtorName: string;
  readonly creditorName: string;
  readonly remittanceInformation: string;
  /** The ledger transfer that settles it (its id is the UETR's 32 hex digits). */
  readonly transferId: Id;
  status: PaymentStatus;
  reason: string | null;
  readonly history: StatusChange[];
  /** Where it came from when it arrived as ISO 20022; null for a JSON payment. */
  readonly iso: IsoReference | null;
  cancellation: CancellationRecord | null;
  returned: ReturnRecord | null;
  /** rtgs: urgent payments queue ahead of normal ones and may use the payer's urgent reserve. */
  readonly priority: PaymentPriority;
  /** A cross-currency payment: `currency`/`amount` are what the debtor agent sends; this says what the creditor agent receives, and how. null: same currency. */
  readonly fx: FxPaymentDetails | null;
}

/** The identifiers of the ISO 20022 message and transaction a payment arrived in. */
export interface IsoReference {
  readonly messageId: string;
  /** e.g. pacs.008.001.08 */
  readonly messageName: string;
  readonly instructionId: string;
  readonly transactionId: string;
}

export interface CancellationRecord {
  readonly caseId: string;
  /** ExternalCancellationReason1Code (DUPL, CUST, FRAD, TECH, …). */
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAt: number;
  status: 'pending' | 'rejected' | 'accepted';
  answeredAt: number | null;
  /** ExternalPaymentCancellationRejection1Code when rejected (ARDT, NOOR, CUST, LEGL, …). */
  answerReason: string | null;
}

export interface ReturnRecord {
  readonly returnId: string;
  readonly amount: bigint;
  /** ExternalReturnReason1Code (FOCR after a cancellation, AC04, NARR, …). */
  readonly reason: string;
  readonly at: number;
  readonly transferId: Id;
}

/** One ISO 20022 credit transfer message as received: its transactions and what became of each. */
export interface MessageRecord {
  readonly sender: string;
  readonly messageId: string;
  readonly messageName: string;
  readonly requestHash: string;
  readonly receivedAt: number;
  readonly transactions: readonly { readonly uetr: string; readonly result: string }[];
}

export const inboxEventTypes = [
  'payment.received',
  'payment.settled',
  'payment.rejected',
  'funds.credited',
  'funds.debited',
  'participant.suspended',
  'participant.resumed',
  'payment.cancellation_requested',
  'payment.cancellation_rejected',
  'payment.returned',
  /** rtgs: the payer's liquidity does not cover it now; it waits in the payer's queue. */
  'payment.queued',
  /** dns: accepted into the open settlement window; settles when the window settles. */
  'payment.accepted',
  /** To an FX provider: a cross-currency payment it served settled, moving its inventory (its legs: what it got and gave, the rate, the counterparties). */
  'fx.inventory_moved',
] as const;
export type InboxEventType = (typeof inboxEventTypes)[number];

export interface InboxEvent {
  /** Position in this participant's inbox, from 1, without gaps. */
  readonly seq: number;
  readonly at: number;
  readonly type: InboxEventType;
  /** The payment's UETR, or the funding reference. */
  readonly subject: string;
  readonly status: PaymentStatus | null;
  readonly reason: string | null;
  /** For funding events: currency and amount (payments are looked up by UETR). */
  readonly currency: string | null;
  readonly amount: bigint | null;
  /** The operator ordered it (a payment cancelled by the operator); absent otherwise. */
  readonly by?: ChangeActor;
}

export interface FundingRecord {
  readonly reference: string;
  readonly direction: 'in' | 'out';
  readonly participant: string;
  readonly currency: string;
  readonly amount: bigint;
  readonly transferId: Id;
  readonly at: number;
}

// ---- commands ------------------------------------------------------------------------------

export interface RegisterCurrencyCommand {
  readonly type: 'register_currency';
  readonly code: string;
  readonly exponent: number;
  readonly ledger: number;
  readonly mode: SettlementMode;
  readonly agent: string;
  /**
   * rtgs, rtgs-lsm: how the queues are served from the start (absent: fifo-bypass, which is what
   * every currency had before this was a setting, so old journals replay the same). Refused for dns.
   */
  readonly queueOrder?: QueueOrder;
}

export interface RegisterParticipantCommand {
  readonly type: 'register_participant';
  readonly bic: string;
  readonly name: string;
  readonly country: string;
  readonly participantType: ParticipantType;
  readonly sponsor: string | null;
  readonly roles: readonly ParticipantRole[];
  readonly currencies: readonly string[];
}

export interface JoinCurrencyCommand {
  readonly type: 'join_currency';
  readonly bic: string;
  readonly currency: string;
}

export interface AddApiKeyCommand {
  readonly type: 'add_api_key';
  readonly participant: string;
  readonly keyId: string;
  readonly secretHash: string;
}

export interface RevokeApiKeyCommand {
  readonly type: 'revoke_api_key';
  readonly keyId: string;
}

export interface SetLimitsCommand {
  readonly type: 'set_limits';
  readonly bic: string;
  readonly currency: string;
  readonly creditLine: bigint | null;
  readonly netDebitCap: bigint | null;
}

export interface SetSuspendedCommand {
  readonly type: 'set_suspended';
  readonly bic: string;
  readonly suspended: boolean;
}

export interface SetWebhookCommand {
  readonly type: 'set_webhook';
  readonly bic: string;
  readonly webhook: WebhookTarget | null;
}

export interface WebhookDeliveredCommand {
  readonly type: 'webhook_delivered';
  readonly bic: string;
  readonly upTo: number;
}

export interface FundCommand {
  readonly type: 'fund';
  readonly direction: 'in' | 'out';
  readonly bic: string;
  readonly currency: string;
  readonly amount: bigint;
  /** The agent's reference; a retry with the same reference changes nothing. */
  readonly reference: string;
}

export interface SubmitPaymentCommand {
  readonly type: 'submit_payment';
  /** The authenticated participant that sent it. */
  readonly sender: string;
  /** The sender's idempotency key: a retry with the same key gets the first answer. */
  readonly idempotencyKey: string;
  /** SHA-256 of the request as the sender wrote it: the same key with another request is refused. */
  readonly requestHash: string;
  /** Canonical UUID, lowercase with dashes. */
  readonly uetr: string;
  readonly endToEndId: string;
  readonly currency: string;
  readonly amount: bigint;
  readonly debtorAgent: string;
  readonly creditorAgent: string;
  readonly debtorName: string;
  readonly creditorName: string;
  readonly remittanceInformation: string;
  /** Set when the payment is one transaction of an ISO 20022 message. */
  readonly iso?: IsoReference;
  /** rtgs: urgent payments queue ahead of normal ones and may use the urgent reserve; default normal. */
  readonly priority?: PaymentPriority;
  /** Further fields that are screened (addresses, ultimate parties, intermediary agents). */
  readonly parties?: PaymentParties;
}

export const paymentPriorities = ['urgent', 'normal'] as const;
export type PaymentPriority = (typeof paymentPriorities)[number];

/** The transactions of one ISO 20022 pacs.008/pacs.009, each judged on its own. */
export interface SubmitMessageCommand {
  readonly type: 'submit_message';
  readonly sender: string;
  readonly messageId: string;
  readonly messageName: string;
  /** SHA-256 of the message bytes: resending the same message is a retry, another with its MsgId a duplicate. */
  readonly requestHash: string;
  readonly transactions: readonly MessageTransaction[];
}

export interface MessageTransaction {
  readonly uetr: string;
  readonly endToEndId: string;
  readonly instructionId: string;
  readonly transactionId: string;
  readonly currency: string;
  readonly amount: bigint;
  readonly debtorAgent: string;
  readonly creditorAgent: string;
  readonly debtorName: string;
  readonly creditorName: string;
  readonly remittanceInformation: string;
  /** As on a JSON payment (InstrPrty HIGH → urgent); default normal. */
  readonly priority?: PaymentPriority;
  readonly parties?: PaymentParties;
  /**
   * InstdAmt in another currency than the settlement amount: a cross-currency payment that
   * delivers `amount` of `currency` to the creditor agent, paid in `instructedCurrency`, at most
   * `instructedMinor` of it. `exchangeRate` is the XchgRate as written (the network prices the route).
   */
  readonly fx?: { readonly instructedCurrency: string; readonly instructedMinor: bigint; readonly exchangeRate: string | null };
}

export interface RequestCancellationCommand {
  readonly type: 'request_cancellation';
  readonly sender: string;
  readonly uetr: string;
  readonly caseId: string;
  readonly reason: string;
  /** Also a payment held by screening: its hold closes as withdrawn (hold-withdrawal.ts). The edges always set it; commands journaled before withdrawal existed lack it and replay as they ran. */
  readonly held?: boolean;
}

export interface RejectCancellationCommand {
  readonly type: 'reject_cancellation';
  readonly sender: string;
  readonly uetr: string;
  readonly reason: string;
}

export interface ReturnPaymentCommand {
  readonly type: 'return_payment';
  readonly sender: string;
  readonly uetr: string;
  readonly returnId: string;
  readonly amount: bigint;
  readonly reason: string;
}

/** A scheduled settlement run (the settlement clock): rtgs-lsm gridlock resolution; dns: closes and settles a window that is due. */
export interface SettlementTickCommand {
  readonly type: 'settlement_tick';
  readonly currency: string;
}

/**
 * The sender takes back a payment still queued (rtgs) or accepted into the open window (dns).
 * `by: 'operator'`: the operator ordered it, in the name of the payment's debtor side (`sender`);
 * the rejection in the payment's history and the debtor's inbox event say so. Absent: the sender did.
 */
export interface CancelPaymentCommand {
  readonly type: 'cancel_payment';
  readonly sender: string;
  readonly uetr: string;
  readonly by?: ChangeActor;
  /** Also a payment held by screening: its hold closes as withdrawn (hold-withdrawal.ts). The edges always set it; commands journaled before withdrawal existed lack it and replay as they ran. */
  readonly held?: boolean;
}

export const windowActions = ['close', 'settle', 'abort'] as const;
export type WindowAction = (typeof windowActions)[number];

/** The operator moves a dns settlement window on: close it, settle it (closed), or abort it (closed). */
export interface SettlementWindowCommand {
  readonly type: 'settlement_window';
  readonly currency: string;
  readonly windowId: number;
  readonly action: WindowAction;
}

/** End of the business day: rtgs queues are rejected, the open dns window closes and settles; a new day begins. */
export interface EndOfDayCommand {
  readonly type: 'end_of_day';
  readonly currency: string;
}

/** dns: the open window closes and settles on the tick once it has been open this long (null: only by the operator). */
export interface SetWindowScheduleCommand {
  readonly type: 'set_window_schedule';
  readonly currency: string;
  readonly windowSeconds: number | null;
}

/**
 * rtgs: liquidity of the participant's settlement account that normal payments must leave
 * untouched, kept for urgent ones (T2: reservation for urgent payments). 0 releases it.
 */
export interface SetUrgentReserveCommand {
  readonly type: 'set_urgent_reserve';
  readonly bic: string;
  readonly currency: string;
  readonly amount: bigint;
}

/**
 * rtgs, rtgs-lsm: the operator changes how the currency's queues are served (issue #6): `fifo`
 * (strictly first in, first out within a priority) or `fifo-bypass` (T2: a normal payment may
 * overtake a blocked normal head; urgent payments are never overtaken). Queued payments keep their
 * places; a switch to fifo-bypass settles at once what may now overtake. Kept across days.
 */
export interface SetQueueOrderCommand {
  readonly type: 'set_queue_order';
  readonly currency: string;
  readonly queueOrder: QueueOrder;
}

export interface SetIsoVersionsCommand {
  readonly type: 'set_iso_versions';
  readonly bic: string;
  readonly versions: Readonly<Record<string, string>>;
}

export type NetworkCommand =
  | RegisterCurrencyCommand
  | RegisterParticipantCommand
  | JoinCurrencyCommand
  | AddApiKeyCommand
  | RevokeApiKeyCommand
  | SetLimitsCommand
  | SetSuspendedCommand
  | SetWebhookCommand
  | WebhookDeliveredCommand
  | FundCommand
  | SubmitPaymentCommand
  | SubmitMessageCommand
  | RequestCancellationCommand
  | RejectCancellationCommand
  | ReturnPaymentCommand
  | SetIsoVersionsCommand
  | SettlementTickCommand
  | CancelPaymentCommand
  | SettlementWindowCommand
  | EndOfDayCommand
  | SetWindowScheduleCommand
  | SetUrgentReserveCommand
  | SetQueueOrderCommand
  | ScreeningCommand
  | FxCommand;

export const networkCommandTypes: readonly NetworkCommand['type'][] = [
  'register_currency',
  'register_participant',
  'join_currency',
  'add_api_key',
  'revoke_api_key',
  'set_limits',
  'set_suspended',
  'set_webhook',
  'webhook_delivered',
  'fund',
  'submit_payment',
  'submit_message',
  'request_cancellation',
  'reject_cancellation',
  'return_payment',
  'set_iso_versions',
  'settlement_tick',
  'cancel_payment',
  'settlement_window',
  'end_of_day',
  'set_window_schedule',
  'set_urgent_reserve',
  'set_queue_order',
  ...screeningCommandTypes,
  ...fxCommandTypes,
];

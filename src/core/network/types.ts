/**
 * The network's plain data: currencies, participants, their keys, payments and inboxes. The
 * ledger holds the money; this holds who may move it and what each payment became.
 */
import type { Id } from '../ledger/types.js';

export const settlementModes = ['rtgs', 'rtgs-lsm', 'dns'] as const;
export type SettlementMode = (typeof settlementModes)[number];

export const participantRoles = ['bank', 'fx_provider', 'settlement_agent'] as const;
export type ParticipantRole = (typeof participantRoles)[number];

export const participantTypes = ['direct', 'indirect'] as const;
export type ParticipantType = (typeof participantTypes)[number];

/** received → validated → (queued) → settled | rejected; returned and cancelled come later. */
export const paymentStatuses = ['received', 'validated', 'queued', 'settled', 'rejected'] as const;
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
}

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
}

export const inboxEventTypes = [
  'payment.received',
  'payment.settled',
  'payment.rejected',
  'funds.credited',
  'funds.debited',
  'participant.suspended',
  'participant.resumed',
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
  | SubmitPaymentCommand;

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
];

import { createLedgerState, type LedgerState } from '../ledger/state.js';
import type { Id } from '../ledger/types.js';
import { createFxState } from './fx-state.js';
import type { FxState } from './fx-types.js';
import type { CurrencySettlement } from './settlement-state.js';
import { createScreeningState, type ScreeningState } from './screening-state.js';
import type { ApiKeyRecord, CurrencyRecord, FundingRecord, InboxEvent, MessageRecord, ParticipantRecord, PaymentRecord } from './types.js';

/**
 * Everything the network knows beyond the money. Changed only by the functions of this folder,
 * from journaled commands, so replay rebuilds it exactly.
 */
export interface NetworkState {
  readonly currencies: Map<string, CurrencyRecord>;
  readonly participants: Map<string, ParticipantRecord>;
  /** `${bic} ${currency}` → the participant's settlement account in that currency. */
  readonly settlementAccounts: Map<string, Id>;
  /** Net debit caps per settlement account, for deferred net settlement; absent = none set. */
  readonly netDebitCaps: Map<Id, bigint>;
  readonly apiKeys: Map<string, ApiKeyRecord>;
  /** By UETR. */
  readonly payments: Map<string, PaymentRecord>;
  /** `${sender}\n${idempotency key}` → the payment it created and a hash of the request. */
  readonly idempotencyKeys: Map<string, IdempotencyRecord>;
  /** `${currency} ${reference}`. */
  readonly fundings: Map<string, FundingRecord>;
  /** Per participant, every event addressed to it, oldest first (seq = index + 1). */
  readonly inboxes: Map<string, InboxEvent[]>;
  /** ISO 20022 messages received, by `${sender}\n${MsgId}`. */
  readonly messages: Map<string, MessageRecord>;
  /** Per currency code: its settlement engine, business day and windows (settlement-state.ts). */
  readonly settlement: Map<string, CurrencySettlement>;
  /** Watch lists, imports, compliance officers' keys and holds (screening-state.ts). */
  readonly screening: ScreeningState;
  /** FX policy, the quote book and held routes (fx-types.ts). */
  readonly fx: FxState;
}

export interface IdempotencyRecord {
  readonly uetr: string;
  readonly requestHash: string;
}

/** The whole state of a node: the ledger and the network around it, journaled together. */
export interface NodeState {
  readonly ledger: LedgerState;
  readonly network: NetworkState;
}

export function createNetworkState(): NetworkState {
  return {
    currencies: new Map(),
    participants: new Map(),
    settlementAccounts: new Map(),
    netDebitCaps: new Map(),
    apiKeys: new Map(),
    payments: new Map(),
    idempotencyKeys: new Map(),
    fundings: new Map(),
    inboxes: new Map(),
    messages: new Map(),
    settlement: new Map(),
    screening: createScreeningState(),
    fx: createFxState(),
  };
}

export function createNodeState(): NodeState {
  return { ledger: createLedgerState(), network: createNetworkState() };
}

export function settlementAccountKey(bic: string, currency: string): string {
  return `${bic} ${currency}`;
}

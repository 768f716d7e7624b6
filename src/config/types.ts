/**
 * A node's configuration as the program sees it once read and checked: amounts are bigint minor
 * units, optional fields have their defaults, and currencies carry their ISO 4217 facts.
 */
import type { ParticipantRole, ParticipantType, SettlementMode, WebhookTarget } from '../core/network/types.js';

export interface NodeConfig {
  readonly currencies: readonly CurrencyConfig[];
  readonly participants: readonly ParticipantConfig[];
  readonly limits: NodeLimitsConfig;
  /** The settlement clock; its defaults when the file leaves it out. */
  readonly settlement: SettlementClockConfig;
}

/** When the node itself moves settlement on (docs/settlement.md, "The settlement clock"). */
export interface SettlementClockConfig {
  /** How often the clock looks, in ms: rtgs-lsm gridlock runs and due dns windows wait at most this long. */
  readonly tickMs: number;
  /** End of the business day, "HH:MM" UTC; null: only the operator ends the day. */
  readonly endOfDay: string | null;
}

import type { QueueOrder } from '../core/settlement/types.js';

export interface CurrencyConfig {
  readonly code: string;
  readonly mode: SettlementMode;
  /** BIC of the settlement agent (the central bank), a participant with the settlement_agent role. */
  readonly agent: string;
  /** From ISO 4217, never written in the file. */
  readonly exponent: number;
  /** The ISO 4217 numeric code, used as the currency's ledger number; never written in the file. */
  readonly ledger: number;
  /** dns: the open window closes and settles on the clock's tick once this old (seconds); absent: as it is (the operator's). */
  readonly windowSeconds?: number;
  /** rtgs, rtgs-lsm: how the queues are served, applied at every start; absent: as it is (fifo-bypass at registration, or the operator's). */
  readonly queueOrder?: QueueOrder;
}

export interface ParticipantConfig {
  readonly bic: string;
  readonly name: string;
  /** ISO 3166 alpha-2. */
  readonly country: string;
  readonly type: ParticipantType;
  /** The direct participant an indirect one settles through; null for a direct one. */
  readonly sponsor: string | null;
  readonly roles: readonly ParticipantRole[];
  readonly currencies: readonly string[];
  /** In the file's order; `[]` when absent. */
  readonly limits: readonly LimitsConfig[];
  readonly apiKeys: readonly ApiKeyConfig[];
  readonly webhook: WebhookTarget | null;
  /** Relative share of generated (demo) traffic; 1 when absent. The network itself ignores it. */
  readonly weight: number;
}

export interface LimitsConfig {
  readonly currency: string;
  /** Minor units; null = leave as it is. */
  readonly creditLine: bigint | null;
  /** Minor units; null = leave as it is. */
  readonly netDebitCap: bigint | null;
}

export interface ApiKeyConfig {
  readonly keyId: string;
  /** SHA-256 of the key's secret part, 64 lowercase hex digits. */
  readonly secretHash: string;
}

export interface NodeLimitsConfig {
  readonly requestsPerSecondPerKey: number;
  readonly bodyBytesMax: number;
}

/**
 * Compliance screening in the network: the journaled commands that load watch lists, issue the
 * compliance officers' keys and decide holds, and the records they leave. The matching itself is
 * the pure core of `../screening/`; docs/screening.md says how the two fit.
 */
import type { Hit, PaymentToScreen, WatchListEntry } from '../screening/index.js';
import type { PaymentPriority } from './types.js';

/** Which participants a list applies to, as journaled: every one, or those of these ISO 3166 jurisdictions. */
export type ListScopeInput = 'all' | readonly string[];

/**
 * The fields of a payment that are screened beyond those it always has (debtor and creditor
 * names, agents, remittance text): addresses, ultimate parties and intermediary agents, as a
 * pacs.008 or a JSON payment carries them. All optional.
 */
export interface PaymentParties {
  readonly debtorAddress?: readonly string[];
  readonly creditorAddress?: readonly string[];
  readonly ultimateDebtorName?: string;
  readonly ultimateDebtorAddress?: readonly string[];
  readonly ultimateCreditorName?: string;
  readonly ultimateCreditorAddress?: readonly string[];
  readonly intermediaryAgents?: readonly string[];
}

/** Opens an import of one version of a list; its entries follow in chunks; nothing is screened against it before commit. */
export interface BeginListImportCommand {
  readonly type: 'begin_list_import';
  readonly importId: string;
  readonly listId: string;
  readonly version: string;
  readonly scope: ListScopeInput;
  /** Make this version the list's active one at commit (atomically with loading it). */
  readonly activate: boolean;
  readonly entriesTotal: number;
  readonly chunksTotal: number;
}

/** One chunk of an open import, in order (chunkIndex from 0): each fits one journaled command. */
export interface ListImportChunkCommand {
  readonly type: 'list_import_chunk';
  readonly importId: string;
  readonly chunkIndex: number;
  readonly entries: readonly WatchListEntry[];
}

/** Loads the imported version (and activates it if asked) at once, or refuses and changes nothing. */
export interface CommitListImportCommand {
  readonly type: 'commit_list_import';
  readonly importId: string;
  /** Screen the payments waiting in engines again once the version is active (rescreen.ts). The edges always ask; journals written before re-screening existed lack it, and replay as they were. */
  readonly rescreen?: boolean;
}

export interface AbortListImportCommand {
  readonly type: 'abort_list_import';
  readonly importId: string;
}

export type ListChange =
  | { readonly kind: 'activate'; readonly version: string }
  | { readonly kind: 'deactivate' }
  | { readonly kind: 'remove'; readonly version: string }
  | { readonly kind: 'scope'; readonly scope: ListScopeInput };

export interface ChangeWatchListCommand {
  readonly type: 'change_watch_list';
  readonly listId: string;
  readonly change: ListChange;
  /** As for commit_list_import: an activation or a scope change screens the waiting payments again when set. */
  readonly rescreen?: boolean;
}

/** The fuzzy thresholds of every later screening (docs/screening.md, "Name score"). */
export interface SetScreeningThresholdsCommand {
  readonly type: 'set_screening_thresholds';
  readonly nameThreshold: number;
  readonly tokenThreshold: number;
}

/** The operator issues a compliance officer a key of its own (officers are not participants). */
export interface AddOfficerKeyCommand {
  readonly type: 'add_officer_key';
  readonly officer: string;
  readonly keyId: string;
  readonly secretHash: string;
}

export interface RevokeOfficerKeyCommand {
  readonly type: 'revoke_officer_key';
  readonly keyId: string;
}

export const holdActions = ['release', 'reject'] as const;
export type HoldAction = (typeof holdActions)[number];

/** A compliance officer's decision on a held payment: who (the key), why (reason and note); when is the batch's time. */
export interface DecideHoldCommand {
  readonly type: 'decide_hold';
  readonly keyId: string;
  readonly uetr: string;
  readonly action: HoldAction;
  /** reject: the ISO 20022 status reason the sender gets (ExternalStatusReason1Code); release: null. */
  readonly reason: string | null;
  /** The officer's grounds, kept for audit; never shown to participants. */
  readonly note: string;
}

export type ScreeningCommand =
  | BeginListImportCommand
  | ListImportChunkCommand
  | CommitListImportCommand
  | AbortListImportCommand
  | ChangeWatchListCommand
  | SetScreeningThresholdsCommand
  | AddOfficerKeyCommand
  | RevokeOfficerKeyCommand
  | DecideHoldCommand;

export const screeningCommandTypes: readonly ScreeningCommand['type'][] = [
  'begin_list_import',
  'list_import_chunk',
  'commit_list_import',
  'abort_list_import',
  'change_watch_list',
  'set_screening_thresholds',
  'add_officer_key',
  'revoke_officer_key',
  'decide_hold',
];

// ---- records --------------------------------------------------------------------------------

export interface ListImport {
  readonly importId: string;
  readonly listId: string;
  readonly version: string;
  readonly scope: ListScopeInput;
  readonly activate: boolean;
  readonly entriesTotal: number;
  readonly chunksTotal: number;
  readonly startedAt: number;
  chunksReceived: number;
  readonly entries: WatchListEntry[];
}

export interface OfficerKeyRecord {
  readonly keyId: string;
  readonly officer: string;
  /** SHA-256 of the key's secret part, hex. */
  readonly secretHash: string;
  readonly createdAt: number;
  revokedAt: number | null;
}

export interface HoldDecision {
  readonly action: HoldAction;
  readonly officer: string;
  readonly keyId: string;
  readonly at: number;
  readonly reason: string | null;
  readonly note: string;
}

/** Why a payment waits for a person: what was screened, against which lists, and every hit explained. */
export interface HoldRecord {
  readonly uetr: string;
  readonly heldAt: number;
  /** As sent: the payment goes to its settlement engine with it when released. */
  readonly priority: PaymentPriority;
  /** `${listId}@${version}` of each list the payment was screened against. */
  readonly lists: readonly string[];
  readonly screened: PaymentToScreen;
  readonly hits: readonly Hit[];
  readonly hitsOmitted: number;
  decision: HoldDecision | null;
  /** Set when the debtor side cancelled the payment while it was held: the hold is closed, no officer decides it. Absent otherwise (older snapshots have no such key). */
  withdrawal?: HoldWithdrawal;
}

/** The debtor side took back its held payment: who (the participant that asked), when, and its ISO cancellation reason. */
export interface HoldWithdrawal {
  readonly by: string;
  readonly at: number;
  /** ExternalCancellationReason1Code of a camt.056 (DUPL, CUST, …), or DS02 for a plain cancel. */
  readonly reason: string;
}

/** Every change to the list set, for audit: which version became active or inactive, when. */
export interface ListEvent {
  readonly at: number;
  readonly listId: string;
  readonly event: 'loaded' | 'activated' | 'deactivated' | 'removed' | 'scope_changed';
  readonly version: string | null;
}

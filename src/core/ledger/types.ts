/**
 * The ledger's plain data. Ids and amounts are unsigned 128-bit integers held in bigint
 * (TigerBeetle's model); timestamps are microseconds since the epoch, unique per event and
 * chosen by the sequencer, never read from a clock here.
 */

/** Amounts and balances are unsigned 128-bit integers. */
export const u128Max = 2n ** 128n - 1n;

/**
 * A 128-bit id as exactly 32 lowercase hex digits. Not a bigint: V8 hashes a BigInt map key
 * by its low bits only, so ids that differ in their high bits (time-ordered ids, or hostile
 * ones) would collide and turn every lookup into a scan. Strings hash over every character.
 */
export type Id = string;
export const idZero: Id = '0'.repeat(32);
export const idMax: Id = 'f'.repeat(32);
export const idPattern = /^[0-9a-f]{32}$/;

const idScratch = Buffer.alloc(16);

/**
 * The canonical id of a non-negative integer below 2^128. Through bytes, so the result is a
 * flat string: a padStart result is a rope that V8 must flatten on first use.
 */
export function idFromBigInt(value: bigint): Id {
  idScratch.writeBigUInt64BE(value >> 64n, 0);
  idScratch.writeBigUInt64BE(value & 0xffff_ffff_ffff_ffffn, 8);
  return idScratch.toString('hex');
}

export const accountKinds = ['settlement', 'position', 'fx_inventory', 'fee', 'suspense', 'agent'] as const;
/**
 * settlement: prefunded central-bank money of a participant; position: DNS net position;
 * fx_inventory: an FX provider's stock of a currency; fee; suspense: unmatched money;
 * agent: the settlement agent's (central bank's) issuing account, whose balance mirrors what it funded.
 */
export type AccountKind = (typeof accountKinds)[number];

export const accountFlags = {
  linked: 1 << 0,
  debitsMustNotExceedCredits: 1 << 1,
  creditsMustNotExceedDebits: 1 << 2,
  /** Keep balances after every change, so the balance at any past moment can be read. */
  history: 1 << 3,
} as const;
export const accountFlagsKnown = 0b1111;

export const transferFlags = {
  linked: 1 << 0,
  pending: 1 << 1,
  postPending: 1 << 2,
  voidPending: 1 << 3,
  /**
   * Inside a linked chain, check this transfer's balance limits once, on the chain's net
   * effect when the chain closes, instead of one transfer at a time. This is how a
   * liquidity-saving mechanism settles a set of queued payments simultaneously: a cycle of
   * payments between banks with no free liquidity settles, because each bank's net is covered.
   */
  netLimits: 1 << 4,
} as const;
export const transferFlagsKnown = 0b1_1111;

export interface Balances {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
}

/** An account as stored: the fields of the command that created it, its balances and its timestamp. */
export interface Account extends Balances, Omit<CreateAccountCommand, 'type' | 'creditLine'> {
  /** How far debits may exceed credits when debitsMustNotExceedCredits is set. Changed by set_credit_line. */
  creditLine: bigint;
  /** The credit line the account was created with, for idempotent retries of create_account. */
  readonly creditLineAtCreation: bigint;
  readonly timestamp: number;
  /** The transfers that touched it, oldest first: an index kept on the account (no map lookup per transfer), rebuilt on load. */
  readonly transfers: Transfer[];
}

/**
 * A transfer as stored: the fields of the command that created it (for post/void, with the
 * pending transfer's accounts, ledger, code and the amount settled filled in) and its timestamp.
 */
export interface Transfer extends Omit<CreateTransferCommand, 'type'> {
  readonly timestamp: number;
}

export type PendingStatus = 'pending' | 'posted' | 'voided' | 'expired';

/** The balances of one account right after one change, for accounts with the history flag. */
export interface BalanceSnapshot extends Balances {
  readonly timestamp: number;
  readonly transferId: Id;
}

export interface CreateAccountCommand {
  readonly type: 'create_account';
  readonly id: Id;
  readonly ledger: number;
  readonly code: number;
  readonly kind: AccountKind;
  /** The owner's identifier, a BIC for participants. */
  readonly participant: string;
  readonly flags: number;
  readonly creditLine: bigint;
}

export interface CreateTransferCommand {
  readonly type: 'create_transfer';
  readonly id: Id;
  readonly debitAccountId: Id;
  readonly creditAccountId: Id;
  readonly amount: bigint;
  /** For post/void: the pending transfer it finishes; otherwise idZero. */
  readonly pendingId: Id;
  readonly ledger: number;
  readonly code: number;
  readonly flags: number;
  /** For pending transfers: how long the reservation holds before it expires by itself; 0 = never. */
  readonly timeoutMs: number;
  /** The payment's UETR (a UUID) as 32 hex digits without dashes, idZero when none. */
  readonly uetr: Id;
  /** ISO 20022 end-to-end id (Max35Text), '' when none. */
  readonly endToEndId: string;
}

export interface SetCreditLineCommand {
  readonly type: 'set_credit_line';
  readonly accountId: Id;
  readonly creditLine: bigint;
  /** Only the linked bit is meaningful. */
  readonly flags: number;
}

export type LedgerCommand = CreateAccountCommand | CreateTransferCommand | SetCreditLineCommand;

export function isLinked(command: LedgerCommand): boolean {
  return (command.flags & 1) !== 0;
}

import { createHash } from 'node:crypto';
import type { Id } from '../ledger/types.js';

/**
 * Ledger ids the network derives from names, so they are the same on every replay and a retry
 * lands on the same id (the ledger's idempotency then does the rest). A hash spreads them over
 * the id space; a leading 0xc0 byte keeps them apart from ids a ledger client picks by counting.
 * Their 13th hex digit (a UUID's version digit) is always 0, so they are never the id of a
 * payment's transfer (a version-4 UETR has a 4 there): a sender cannot pick a UETR that takes
 * the id of a future funding transfer.
 */
function derivedId(...parts: string[]): Id {
  const digest = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `c0${digest.slice(2, 12)}0${digest.slice(13, 32)}`;
}

export function settlementAccountId(bic: string, currency: string): Id {
  return derivedId('settlement', bic, currency);
}

export function agentAccountId(agent: string, currency: string): Id {
  return derivedId('agent', agent, currency);
}

export function fundingTransferId(currency: string, reference: string): Id {
  return derivedId('funding', currency, reference);
}

/** The transfer that returns a payment (one return per payment). */
export function returnTransferId(uetr: string): Id {
  return derivedId('return', uetr);
}

/** dns: the account a currency's net settlement instructions pass through (owned by its agent; back to zero after every window). */
export function clearingAccountId(agent: string, currency: string): Id {
  return derivedId('clearing', agent, currency);
}

/** dns: the transfer that settles one participant's net position of one window (network window ids never repeat). */
export function netSettlementTransferId(currency: string, windowId: number, bic: string): Id {
  return derivedId('net', currency, String(windowId), bic);
}

/** A payment's transfer id is its UETR: 128 bits already unique by design. */
export function uetrTransferId(uetr: string): Id {
  return uetr.replaceAll('-', '');
}

/** Memo by provider, then currency: two lookups of strings whose hash is kept, no key built per leg. */
const inventoryIds = new Map<string, Map<string, Id>>();
let inventoryIdsSize = 0;
const inventoryIdsMax = 1_000_000;

/** An FX provider's stock of a currency (memoised: every FX leg names two). */
export function fxInventoryAccountId(bic: string, currency: string): Id {
  let byCurrency = inventoryIds.get(bic);
  let id = byCurrency?.get(currency);
  if (id === undefined) {
    id = derivedId('fx-inventory', bic, currency);
    if (inventoryIdsSize < inventoryIdsMax) {
      if (byCurrency === undefined) inventoryIds.set(bic, (byCurrency = new Map<string, Id>()));
      byCurrency.set(currency, id);
      inventoryIdsSize += 1;
    }
  }
  return id;
}

/** A provider's move between its settlement account and its inventory (idempotent by reference). */
export function fxInventoryMoveTransferId(bic: string, currency: string, reference: string): Id {
  return derivedId('fx-inventory-move', bic, currency, reference);
}

/**
 * The transfers of an FX payment's PvP chain carry its UETR's bits with another version digit
 * (the 13th hex digit): 4 is the UETR's own transfer (the payer's posted leg), 0 every id derived
 * by hashing above, so the digits 1–3 and 5–a name the other legs without a hash per transfer.
 * A chain has at most routeHopsMax + 1 = 5 transfers: reserves take 1, 2, 3, 5, 6; posts of
 * legs 1–4 take 7, 8, 9, a; voids of legs 1–4 (a payment that waited, then ended) take b, c, d, e.
 */
const reserveDigits = '12356';
const postDigits = '_789a';
const voidDigits = '_bcde';

/** The pending transfer that reserves leg transfer `index` of an FX payment's PvP chain. */
export function fxReserveTransferId(uetr: string, index: number): Id {
  const hex = uetrTransferId(uetr);
  const digit = reserveDigits[index];
  if (digit === undefined) throw new RangeError(`an FX chain has at most ${reserveDigits.length} transfers`);
  return `${hex.slice(0, 12)}${digit}${hex.slice(13)}`;
}

/** The transfer that posts it: the first (the payer's) is the payment's own transfer, its UETR. */
export function fxPostTransferId(uetr: string, index: number): Id {
  return fxPostTransferIdOf(uetrTransferId(uetr), index);
}

/** The same, from the payment's own transfer id (`uetrTransferId`), worked out once per chain. */
export function fxPostTransferIdOf(hex: Id, index: number): Id {
  if (index === 0) return hex;
  const digit = postDigits[index];
  if (digit === undefined || digit === '_') throw new RangeError(`an FX chain has at most ${reserveDigits.length} transfers`);
  return `${hex.slice(0, 12)}${digit}${hex.slice(13)}`;
}

/** The transfer that voids leg `index`'s reservation (legs 1.. of a payment that waited in a queue and did not settle). */
export function fxVoidTransferId(uetr: string, index: number): Id {
  const hex = uetrTransferId(uetr);
  const digit = voidDigits[index];
  if (digit === undefined || digit === '_') throw new RangeError(`an FX chain voids legs 1 to ${voidDigits.length - 1}`);
  return `${hex.slice(0, 12)}${digit}${hex.slice(13)}`;
}

/** Transfer codes: what a movement of money was for. */
export const transferCodes = { payment: 1, fundsIn: 2, fundsOut: 3, paymentReturn: 4, netSettlement: 5, fxLeg: 6, fxInventoryIn: 7, fxInventoryOut: 8 } as const;
/** Account code of every account the network opens. */
export const accountCode = 1;

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

/** An FX provider's stock of a currency. */
export function fxInventoryAccountId(bic: string, currency: string): Id {
  return derivedId('fx-inventory', bic, currency);
}

/** A provider's move between its settlement account and its inventory (idempotent by reference). */
export function fxInventoryMoveTransferId(bic: string, currency: string, reference: string): Id {
  return derivedId('fx-inventory-move', bic, currency, reference);
}

/** The pending transfer that reserves leg transfer `index` of an FX payment's PvP chain. */
export function fxReserveTransferId(uetr: string, index: number): Id {
  return derivedId('fx-reserve', uetr, String(index));
}

/** The transfer that posts it: the first (the payer's) is the payment's own transfer, its UETR. */
export function fxPostTransferId(uetr: string, index: number): Id {
  return index === 0 ? uetrTransferId(uetr) : derivedId('fx-post', uetr, String(index));
}

/** Transfer codes: what a movement of money was for. */
export const transferCodes = { payment: 1, fundsIn: 2, fundsOut: 3, paymentReturn: 4, netSettlement: 5, fxLeg: 6, fxInventoryIn: 7, fxInventoryOut: 8 } as const;
/** Account code of every account the network opens. */
export const accountCode = 1;

import { assert } from '../assert.js';
import type { Route } from './route.js';

/**
 * One transfer of the PvP chain, by participant; the integrator maps participants and currency to
 * accounts (a provider's fx_inventory account, a bank's settlement account).
 */
export interface LegTransfer {
  /** The route leg this transfer funds (payer→provider) or pays out of (provider→next). */
  readonly leg: number;
  readonly currency: string;
  readonly debitParticipant: string;
  readonly creditParticipant: string;
  readonly amountMinor: bigint;
}

/**
 * The transfers that settle a route, in order: the payer pays the first provider in the source currency;
 * each provider pays what its leg gives to the next provider, the last one to the payee. They must be
 * created as one linked chain of pending transfers and posted or voided together (PvP, invariant 5).
 * When one provider serves two consecutive legs, the currency between them never leaves its books, so
 * that transfer is omitted (the ledger refuses a transfer between the same account anyway).
 */
export function routeTransfers(route: Route, payer: string, payee: string): LegTransfer[] {
  const legs = route.legs;
  const firstLeg = legs[0];
  assert(firstLeg !== undefined && payer !== payee, 'a route has legs and a payer distinct from the payee');
  const transfers: LegTransfer[] = [];
  const add = (leg: number, currency: string, debit: string, credit: string, amount: bigint): void => {
    assert(amount > 0n, 'leg transfers move a positive amount');
    if (debit !== credit) transfers.push({ leg, currency, debitParticipant: debit, creditParticipant: credit, amountMinor: amount });
  };
  add(0, firstLeg.from, payer, firstLeg.provider, firstLeg.amountInMinor);
  legs.forEach((leg, i) => {
    const next = legs[i + 1];
    assert(next === undefined || (next.from === leg.to && next.amountInMinor === leg.amountOutMinor), 'legs chain');
    add(i, leg.to, leg.provider, next?.provider ?? payee, leg.amountOutMinor);
  });
  return transfers;
}

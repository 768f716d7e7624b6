/**
 * What cross-currency payments moved in each currency today, for the per-currency day report:
 * every posted transfer of a settled FX payment's PvP chain (the payer's leg into the first
 * provider's inventory, provider-to-provider legs in a vehicle currency, the last provider's leg
 * to the payee), counted in the currency of its ledger and in that currency's business day
 * (settled at or after its last end of day). Exact amounts, read from the ledger's transfers.
 * Pure and read-only: one pass over the payments.
 */
import { assert } from '../assert.js';
import type { Id } from '../ledger/types.js';
import type { NodeState } from './state.js';
import { settledAtOf } from './fx-day-flows.js';

/** One FX payment's legs in one currency: they settled together, in one linked chain, at `at`. */
export interface FxLegSettlement {
  readonly uetr: string;
  /** When the chain posted (µs). */
  readonly at: number;
  readonly transfers: readonly { readonly debitAccountId: Id; readonly creditAccountId: Id; readonly amount: bigint }[];
}

/** Per currency code, the FX payments settled today with a leg in it, in the order the payments were made. */
export function fxDayLegs(state: NodeState): Map<string, FxLegSettlement[]> {
  const network = state.network;
  const codeOfLedger = new Map<number, string>();
  for (const currency of network.currencies.values()) codeOfLedger.set(currency.ledger, currency.code);
  const out = new Map<string, FxLegSettlement[]>();
  for (const payment of network.payments.values()) {
    const fx = payment.fx;
    if (fx === null || payment.status !== 'settled') continue;
    const at = settledAtOf(payment.history);
    assert(at !== null, `settled fx payment ${payment.uetr} has its settlement in its history`);
    const byCurrency = new Map<string, FxLegSettlement['transfers'][number][]>();
    for (const id of fx.transfers) {
      const transfer = state.ledger.transfers.get(id);
      assert(transfer !== undefined, `fx payment ${payment.uetr}: its leg ${id} is on the ledger`);
      const code = codeOfLedger.get(transfer.ledger)!;
      let legs = byCurrency.get(code);
      if (legs === undefined) byCurrency.set(code, (legs = []));
      legs.push({ debitAccountId: transfer.debitAccountId, creditAccountId: transfer.creditAccountId, amount: transfer.amount });
    }
    for (const [code, transfers] of byCurrency) {
      // "Today" is the business day of the currency the leg moved in.
      if (at < (network.settlement.get(code)?.lastEndOfDayAt ?? 0)) continue;
      let list = out.get(code);
      if (list === undefined) out.set(code, (list = []));
      list.push({ uetr: payment.uetr, at, transfers });
    }
  }
  return out;
}

/**
 * FX quotes, policy and inventory as journaled commands. The FX core judges quotes and policies
 * (exact rates, size ranges, expiry, reference band, arbitrage); this checks who may post them
 * and keeps the book in the network state. The FX core's clock is the batch cursor's, in ms.
 */
import { checkPolicy, parseRate, postQuote, replaceQuote, routeHopsMax, withdrawQuote, type QuoteTerms } from '../fx/index.js';
import { currencyByCode } from '../money/index.js';
import type { LedgerBatch } from '../ledger/apply-batch.js';
import { accountFlags, idZero } from '../ledger/types.js';
import { fxNetworkResults } from './fx-results.js';
import { fxPolicyOf, fxQueueTimeoutMsMax } from './fx-state.js';
import type { FxPolicyRecord, MoveFxInventoryCommand, PostFxQuoteCommand, SetFxPolicyCommand, WithdrawFxQuoteCommand } from './fx-types.js';
import { accountCode, fxInventoryAccountId, fxInventoryMoveTransferId, transferCodes } from './ids.js';
import type { NetworkResult } from './results.js';
import { runCheckedEvent, settlementOf } from './settlement-driver.js';
import { settlementAccountKey, type NodeState } from './state.js';
import { fundingReferenceLengthMax, paymentAmountMax, textOk } from './text-rules.js';

/** Pairs an FX policy may list (allowed pairs, reference rates), and vehicle currencies it may exclude. */
export const policyEntriesMax = 1000;

export function nowMsOf(cursor: LedgerBatch): number {
  return Math.floor(cursor.now / 1000);
}

/** Why a participant may not quote base/counter (null if it may). */
export function providerRefusal(state: NodeState, bic: string, currencies: readonly string[]): NetworkResult | null {
  const provider = state.network.participants.get(bic);
  if (provider === undefined) return 'participant_unknown';
  if (!provider.roles.includes('fx_provider') || provider.type !== 'direct') return 'fx_provider_invalid';
  for (const code of currencies) {
    if (!state.network.currencies.has(code)) return 'currency_unknown';
    if (!provider.currencies.includes(code)) return 'fx_provider_invalid';
  }
  if (provider.suspended) return 'participant_suspended';
  return null;
}

export function quoteTerms(c: PostFxQuoteCommand): QuoteTerms {
  const q = c.quote;
  return {
    id: q.id,
    provider: c.provider,
    base: q.base,
    counter: q.counter,
    bid: q.bid,
    ask: q.ask,
    sizeMinMinor: q.sizeMinMinor,
    sizeMaxMinor: q.sizeMaxMinor,
    expiresAtMs: q.expiresAtMs,
    participants: q.participants,
  };
}

export function applyPostFxQuote(state: NodeState, cursor: LedgerBatch, c: PostFxQuoteCommand): NetworkResult {
  const fx = state.network.fx;
  const refusal = providerRefusal(state, c.provider, [c.quote.base, c.quote.counter]);
  if (refusal !== null) return refusal;
  for (const entry of c.quote.participants ?? []) if (!state.network.participants.has(entry.participant)) return 'participant_unknown';
  const nowMs = nowMsOf(cursor);
  const change = (c.replace ? replaceQuote : postQuote)(fx.book, quoteTerms(c), fxPolicyOf(fx.policy), nowMs);
  if (!change.ok) return fxNetworkResults[change.result];
  fx.book = change.book;
  cursor.takeTimestamp();
  return 'accepted';
}

export function applyWithdrawFxQuote(state: NodeState, cursor: LedgerBatch, c: WithdrawFxQuoteCommand): NetworkResult {
  const fx = state.network.fx;
  const change = withdrawQuote(fx.book, { id: c.quoteId, provider: c.provider }, nowMsOf(cursor));
  if (!change.ok) return fxNetworkResults[change.result];
  fx.book = change.book;
  cursor.takeTimestamp();
  return 'accepted';
}

/** What is wrong with a policy (null if nothing): bounds, known currencies, valid rates. */
export function fxPolicyRefusal(state: NodeState, policy: FxPolicyRecord): NetworkResult | null {
  const pairs = Object.keys(policy.referenceRates);
  if (pairs.length > policyEntriesMax || (policy.pairsAllowed?.length ?? 0) > policyEntriesMax || policy.vehicleCurrenciesExcluded.length > policyEntriesMax) return 'fx_policy_invalid';
  if (!Number.isInteger(policy.routeHops) || policy.routeHops < 1 || policy.routeHops > routeHopsMax) return 'fx_policy_invalid';
  const timeout = policy.queueTimeoutMs;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 0 || timeout > fxQueueTimeoutMsMax)) return 'fx_policy_invalid';
  for (const text of Object.values(policy.referenceRates)) if (typeof text !== 'string' || !parseRate(text).ok) return 'fx_rate_invalid';
  for (const code of policy.vehicleCurrenciesExcluded) if (currencyByCode(code) === undefined) return 'fx_policy_invalid';
  for (const key of [...pairs, ...(policy.pairsAllowed ?? [])]) {
    const [base = '', counter = ''] = key.split('/');
    if (!state.network.currencies.has(base) || !state.network.currencies.has(counter)) return 'currency_unknown';
  }
  return checkPolicy(fxPolicyOf(policy)) === null ? null : 'fx_policy_invalid';
}

export function applySetFxPolicy(state: NodeState, cursor: LedgerBatch, c: SetFxPolicyCommand): NetworkResult {
  const refusal = fxPolicyRefusal(state, c.policy);
  if (refusal !== null) return refusal;
  // Canonical: sorted lists, so equal policies journal and snapshot the same way.
  const p = c.policy;
  state.network.fx.policy = {
    referenceRates: Object.fromEntries(Object.entries(p.referenceRates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    referenceDeviationBps: p.referenceDeviationBps,
    pairsAllowed: p.pairsAllowed === null ? null : [...new Set(p.pairsAllowed)].sort(),
    vehicleCurrenciesExcluded: [...new Set(p.vehicleCurrenciesExcluded)].sort(),
    routeHops: p.routeHops,
    ...(p.queueTimeoutMs === undefined ? {} : { queueTimeoutMs: p.queueTimeoutMs }),
  };
  cursor.takeTimestamp();
  return 'accepted';
}

/**
 * A provider's inventory is its own central bank money set aside for FX: `in` moves it from its
 * settlement account (the currency's engine sees less liquidity), `out` moves it back. The
 * inventory account is opened on first use. Idempotent by reference.
 */
export function applyMoveFxInventory(state: NodeState, cursor: LedgerBatch, c: MoveFxInventoryCommand): NetworkResult {
  const network = state.network;
  if (!textOk(c.reference, fundingReferenceLengthMax, 1)) return 'text_invalid';
  if (c.amount <= 0n || c.amount > paymentAmountMax) return 'amount_invalid';
  const refusal = providerRefusal(state, c.bic, [c.currency]);
  if (refusal !== null && refusal !== 'participant_suspended') return refusal;
  const currency = network.currencies.get(c.currency)!;
  const settlementId = network.settlementAccounts.get(settlementAccountKey(c.bic, c.currency))!;
  const inventoryId = fxInventoryAccountId(c.bic, c.currency);
  const into = c.direction === 'in';
  const transferId = fxInventoryMoveTransferId(c.bic, c.currency, c.reference);
  const previous = state.ledger.transfers.get(transferId);
  if (previous !== undefined) return previous.amount === c.amount && previous.code === (into ? transferCodes.fxInventoryIn : transferCodes.fxInventoryOut) ? 'already_applied' : 'funding_reference_reused';
  if (state.ledger.failedIds.has(transferId)) return 'funding_reference_reused';
  const from = state.ledger.accounts.get(into ? settlementId : inventoryId);
  const own = from === undefined ? 0n : from.creditsPosted - from.debitsPosted - from.debitsPending;
  if (c.amount > own) return 'insufficient_funds';
  if (!state.ledger.accounts.has(inventoryId)) {
    const opened = cursor.apply([
      { type: 'create_account', id: inventoryId, ledger: currency.ledger, code: accountCode, kind: 'fx_inventory', participant: c.bic, flags: accountFlags.debitsMustNotExceedCredits | accountFlags.history, creditLine: 0n },
    ])[0];
    if (opened !== 'ok') throw new Error(`fx inventory account ${c.bic} ${c.currency} not created: ${opened}`);
  }
  const result = cursor.apply([
    {
      type: 'create_transfer',
      id: transferId,
      debitAccountId: into ? settlementId : inventoryId,
      creditAccountId: into ? inventoryId : settlementId,
      amount: c.amount,
      pendingId: idZero,
      ledger: currency.ledger,
      code: into ? transferCodes.fxInventoryIn : transferCodes.fxInventoryOut,
      flags: 0,
      timeoutMs: 0,
      uetr: idZero,
      endToEndId: c.reference,
    },
  ])[0];
  if (result !== 'ok') throw new Error(`fx inventory move ${c.reference}: its transfer failed with ${result}`);
  runCheckedEvent(state, cursor, settlementOf(state, c.currency), { type: 'change_liquidity', participant: c.bic, delta: into ? -c.amount : c.amount });
  return 'accepted';
}

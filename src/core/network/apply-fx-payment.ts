/**
 * Cross-currency payments, settled payment-versus-payment. Every leg of the route is a posted
 * transfer of ONE linked chain (payer → first provider in the source currency, provider →
 * provider, last provider → payee in the target currency), in one command and so in one journal
 * entry. The ledger applies a linked chain all or nothing: either every leg posts or none moves;
 * a provider short of inventory fails the whole chain; a crash leaves the journal with the chain
 * or without it. (Reserving the legs first and posting them in the same command added no
 * guarantee, since nothing can run between the two, and doubled the ledger work: docs/fx.md.)
 *
 * Settlement modes (docs/settlement.md, "FX payments"): the payer's source leg uses only the
 * liquidity its currency's engine does not owe elsewhere (rtgs: beyond the urgent reserve and
 * what the payer's queue already waits for, so an FX payment never overtakes it; dns: beyond
 * the payer's net debit in the open window). Not covered: in an rtgs source currency whose FX
 * policy sets a queueTimeoutMs, its provider legs are reserved (pending, price firm) and its payer
 * leg waits in the queue (fx-wait.ts, settled or voided whole by the settlement driver), never
 * past its quotes' expiry; otherwise (dns, or no timeout) rejected AM04 at once.
 * The engines then see the liquidity move (payer −sent, payee +delivered), which may settle the
 * payee's queued payments.
 */
import { assert } from '../assert.js';
import { findRoute, type RouteMode } from '../fx/index.js';
import type { LedgerBatch } from '../ledger/apply-batch.js';
import { idZero, transferFlags, type CreateTransferCommand, type Id } from '../ledger/types.js';
import { amountMinorMax } from '../money/index.js';
import { nowMsOf } from './apply-fx-quotes.js';
import { fxNetworkResults } from './fx-results.js';
import { allInRateText, fxQueueTimeoutMsOf, heldRoutesMax, legRecords, routeHoldSecondsMax, routeIndexOf } from './fx-state.js';
import { receivedPayment } from './apply-payment.js';
import type { FxPaymentDetails, FxRouteLegRecord, FxRouteRequest, FxWaitRecord, HeldRouteRecord, HoldFxRouteCommand, SubmitFxPaymentCommand } from './fx-types.js';
import { notifyFxSettled } from './fx-notify.js';
import { fxSinkParticipant, reserveCommands, startWaiting } from './fx-wait.js';
import { paymentsPerDayMax } from '../settlement/limits.js';
import { holdPayment, screenSubmittedPayment } from './apply-holds.js';
import { fxInventoryAccountId, fxPostTransferIdOf, transferCodes, uetrTransferId } from './ids.js';
import { appendInboxEventTo } from './inbox.js';
import { networkResultInfo, type NetworkResult } from './results.js';
import { runCheckedEvent, settlementOf } from './settlement-driver.js';
import { paymentShapeError } from './shape.js';
import { debtorSide, settlingParticipant } from './sides.js';
import { settlementAccountKey, type NodeState } from './state.js';
import { uetrPattern } from './text-rules.js';
import type { ParticipantRecord, PaymentRecord, SubmitPaymentCommand } from './types.js';

/** A priced conversion: held, or routed now. */
interface PricedRoute {
  readonly routeId: string | null;
  readonly mode: RouteMode;
  readonly sentMinor: bigint;
  readonly deliveredMinor: bigint;
  readonly legs: readonly FxRouteLegRecord[];
}

type Priced = { ok: true; route: PricedRoute; held: HeldRouteRecord | null } | { ok: false; result: NetworkResult; detail: string };

/** Routes a request at the cursor's moment for `participant`, or says why not. */
export function priceRequest(state: NodeState, participant: string, request: FxRouteRequest, nowMs: number): Priced {
  const found = findRoute(routeIndexOf(state.network.fx), { participant, sourceCurrency: request.sourceCurrency, targetCurrency: request.targetCurrency, mode: request.mode, amountMinor: request.amount }, nowMs);
  if (!found.ok) return { ok: false, result: fxNetworkResults[found.result], detail: found.detail };
  const r = found.route;
  for (const leg of r.legs) {
    const provider = state.network.participants.get(leg.provider);
    if (provider === undefined || provider.suspended) return { ok: false, result: 'participant_suspended', detail: `FX provider ${leg.provider} is suspended` };
  }
  return { ok: true, route: { routeId: null, mode: r.mode, sentMinor: r.sentMinor, deliveredMinor: r.deliveredMinor, legs: legRecords(r) }, held: null };
}

function requestRefusal(state: NodeState, participant: string, r: FxRouteRequest): NetworkResult | null {
  const network = state.network;
  const p = network.participants.get(participant);
  if (p === undefined) return 'participant_unknown';
  if (!network.currencies.has(r.sourceCurrency) || !network.currencies.has(r.targetCurrency)) return 'currency_unknown';
  if (r.sourceCurrency === r.targetCurrency) return 'fx_same_currency';
  if (r.mode !== 'send' && r.mode !== 'deliver') return 'fx_route_mismatch';
  if (r.amount <= 0n || r.amount > amountMinorMax) return 'amount_invalid';
  return null;
}

/** Forgets routes whose hold surely ended (held longest ago first): at most heldRoutesMax are kept. */
function forgetEndedRoutes(state: NodeState, nowUs: number): void {
  const routes = state.network.fx.routes;
  for (const [id, route] of routes) {
    if (route.heldAt + routeHoldSecondsMax * 1_000_000 >= nowUs) break;
    routes.delete(id);
  }
}

/**
 * POST /v1/fx/routes: the best route now, its price held for `holdSeconds` (never beyond its
 * quotes' expiry). It reserves no inventory: the price is firm, the provider's stock is not.
 */
export function applyHoldFxRoute(state: NodeState, cursor: LedgerBatch, c: HoldFxRouteCommand): NetworkResult {
  const fx = state.network.fx;
  if (!uetrPattern.test(c.routeId)) return 'text_invalid';
  if (!Number.isInteger(c.holdSeconds) || c.holdSeconds < 1 || c.holdSeconds > routeHoldSecondsMax) return 'fx_hold_invalid';
  const refusal = requestRefusal(state, c.participant, c);
  if (refusal !== null) return refusal;
  const existing = fx.routes.get(c.routeId);
  if (existing !== undefined) {
    const same = existing.participant === c.participant && existing.sourceCurrency === c.sourceCurrency && existing.targetCurrency === c.targetCurrency && existing.mode === c.mode;
    return same ? 'already_applied' : 'fx_route_mismatch';
  }
  const now = cursor.now;
  forgetEndedRoutes(state, now);
  if (fx.routes.size >= heldRoutesMax) return 'fx_routes_held_max';
  const priced = priceRequest(state, c.participant, c, nowMsOf(cursor));
  if (!priced.ok) return priced.result;
  const route = priced.route;
  let heldUntil = now + c.holdSeconds * 1_000_000;
  for (const leg of route.legs) heldUntil = Math.min(heldUntil, fx.book.quotes.get(leg.quoteId)!.expiresAtMs * 1000);
  const source = state.network.currencies.get(c.sourceCurrency)!;
  const target = state.network.currencies.get(c.targetCurrency)!;
  fx.routes.set(c.routeId, {
    routeId: c.routeId,
    participant: c.participant,
    mode: c.mode,
    sourceCurrency: c.sourceCurrency,
    targetCurrency: c.targetCurrency,
    sentMinor: route.sentMinor,
    deliveredMinor: route.deliveredMinor,
    rate: allInRateText(route.sentMinor, source.exponent, route.deliveredMinor, target.exponent),
    legs: route.legs,
    heldAt: cursor.takeTimestamp(),
    heldUntil,
    usedBy: null,
  });
  return 'accepted';
}

/** The held route a payment names, if it may use it now. */
function heldRoute(state: NodeState, c: SubmitFxPaymentCommand, now: number): Priced {
  const held = state.network.fx.routes.get(c.routeId!);
  // A route held for someone else is not this sender's to see.
  if (held === undefined || held.participant !== c.sender) return { ok: false, result: 'fx_route_unknown', detail: `no route ${c.routeId} is held for ${c.sender}` };
  if (held.usedBy !== null) return { ok: false, result: 'fx_route_used', detail: `route ${held.routeId} priced payment ${held.usedBy}` };
  const amount = held.mode === 'send' ? held.sentMinor : held.deliveredMinor;
  if (held.sourceCurrency !== c.sourceCurrency || held.targetCurrency !== c.targetCurrency || held.mode !== c.mode || amount !== c.amount) {
    return { ok: false, result: 'fx_route_mismatch', detail: `route ${held.routeId} is ${held.mode} ${amount} ${held.mode === 'send' ? held.sourceCurrency : held.targetCurrency} from ${held.sourceCurrency} to ${held.targetCurrency}` };
  }
  if (now >= held.heldUntil) return { ok: false, result: 'fx_route_expired', detail: `route ${held.routeId} was held until ${held.heldUntil} µs` };
  return { ok: true, route: held, held };
}

/** Why the parties of a cross-currency payment are wrong (null if they are not): as at submission, and again at a release. */
function fxPartiesRefusal(state: NodeState, c: SubmitFxPaymentCommand): { ok: false; result: NetworkResult; detail: string } | null {
  const network = state.network;
  const refusal = requestRefusal(state, c.sender, c);
  if (refusal !== null) return { ok: false, result: refusal, detail: `${c.mode} ${c.amount} from ${c.sourceCurrency} to ${c.targetCurrency}` };
  const debtor = network.participants.get(c.debtorAgent);
  const creditor = network.participants.get(c.creditorAgent);
  if (debtor === undefined || creditor === undefined) return { ok: false, result: 'participant_unknown', detail: 'debtor and creditor agents must be participants' };
  if (c.debtorAgent !== c.sender && debtor.sponsor !== c.sender) return { ok: false, result: 'not_sponsor', detail: `${c.sender} does not send for ${c.debtorAgent}` };
  // Sender, debtor and creditor in turn (three calls, no list built per payment).
  const partyRefusal = partyInCurrencyRefusal(network, network.participants.get(c.sender)!, c.sourceCurrency) ?? partyInCurrencyRefusal(network, debtor, c.sourceCurrency) ?? partyInCurrencyRefusal(network, creditor, c.targetCurrency);
  if (partyRefusal !== null) return partyRefusal;
  if (settlingParticipant(network, c.debtorAgent) === settlingParticipant(network, c.creditorAgent)) return { ok: false, result: 'same_agent', detail: 'debtor and creditor settle on the same accounts' };
  return null;
}

/** Why a party may not take part in a payment in `code` (null if it may): suspended (or its sponsor), or not a bank or provider in it. */
function partyInCurrencyRefusal(network: NodeState['network'], p: ParticipantRecord, code: string): { ok: false; result: NetworkResult; detail: string } | null {
  const sponsor = p.sponsor === null ? undefined : network.participants.get(p.sponsor);
  if (p.suspended || sponsor?.suspended === true) return { ok: false, result: 'participant_suspended', detail: `${p.bic} is suspended` };
  if (!p.currencies.includes(code) || !(p.roles.includes('bank') || p.roles.includes('fx_provider'))) return { ok: false, result: 'participant_not_in_currency', detail: `${p.bic} does not hold ${code}` };
  return null;
}

/** The price of a payment at `now` (µs): its held route, or the best route now; within its instructed amount. */
function priceAt(state: NodeState, c: SubmitFxPaymentCommand, now: number): Priced {
  const priced = c.routeId === null ? priceRequest(state, c.sender, c, Math.floor(now / 1000)) : heldRoute(state, c, now);
  if (priced.ok && c.sendMaxMinor !== undefined && priced.route.sentMinor > c.sendMaxMinor) {
    return { ok: false, result: 'fx_instructed_amount_exceeded', detail: `the route takes ${priced.route.sentMinor} minor units of ${c.sourceCurrency}, more than ${c.sendMaxMinor}` };
  }
  return priced;
}

/** The fields the same-currency shape check reads, in the source currency (named: spreading the command cost more than the check). */
function asSourcePayment(c: SubmitFxPaymentCommand): SubmitPaymentCommand {
  return {
    type: 'submit_payment', sender: c.sender, idempotencyKey: c.idempotencyKey, requestHash: c.requestHash, uetr: c.uetr, endToEndId: c.endToEndId, currency: c.sourceCurrency,
    amount: c.amount, debtorAgent: c.debtorAgent, creditorAgent: c.creditorAgent, debtorName: c.debtorName, creditorName: c.creditorName, remittanceInformation: c.remittanceInformation, parties: c.parties,
  };
}

/**
 * Why a cross-currency payment is wrong in itself (null if it is not), with its price: exported
 * so the edges refuse it before it is journaled; applying checks again on its batch's state.
 */
export function fxPaymentRefusal(state: NodeState, c: SubmitFxPaymentCommand, now: number): Priced {
  const shape = paymentShapeError(asSourcePayment(c));
  if (shape !== null) return { ok: false, result: 'text_invalid', detail: shape };
  return fxPartiesRefusal(state, c) ?? priceAt(state, c, now);
}

/**
 * A cross-currency payment: checked and priced, screened, recorded; then settled at once, or
 * held when screening finds a possible match (status held, ISO PDNG): a held payment moves no
 * money, reserves nothing and leaves a route it names unused (it is priced again when an officer
 * releases it: `settleReleasedFxPayment`).
 */
export function applySubmitFxPayment(state: NodeState, cursor: LedgerBatch, c: SubmitFxPaymentCommand): NetworkResult {
  const network = state.network;
  const keyOfRequest = `${c.sender}\n${c.idempotencyKey}`;
  const previous = network.idempotencyKeys.get(keyOfRequest);
  if (previous !== undefined) return previous.requestHash === c.requestHash ? 'already_applied' : 'idempotency_key_reused';
  if (uetrPattern.test(c.uetr) && network.payments.has(c.uetr)) return 'duplicate_uetr';
  const priced = fxPaymentRefusal(state, c, cursor.now);
  if (!priced.ok) return priced.result;
  const transferId = uetrTransferId(c.uetr);
  const route = priced.route;
  // The chain's first id is the payment's transfer id: checked there, with the other legs' ids.
  const chain = freshPvpChain(state, c, route, transferId);
  if (chain === null) return 'duplicate_uetr';
  // Screened before anything is recorded: a payment whose fields cannot be screened leaves no trace.
  const verdict = screenSubmittedPayment(state, c);
  if (verdict.kind === 'refused') return 'screening_field_invalid';
  const receivedAt = cursor.takeTimestamp();
  const payment = receivedPayment(
    c,
    {
      currency: c.sourceCurrency,
      amount: route.sentMinor,
      transferId,
      iso: c.iso ?? null,
      // A waiting FX payer leg queues as a normal payment (docs/settlement.md, FX payments).
      priority: 'normal',
      fx: fxDetailsOf(state, c.targetCurrency, route, c.sendMaxMinor),
    },
    receivedAt,
  );
  network.payments.set(c.uetr, payment);
  network.idempotencyKeys.set(keyOfRequest, { uetr: c.uetr, requestHash: c.requestHash });
  payment.status = 'validated';
  payment.history.push({ status: 'validated', at: cursor.takeTimestamp(), reason: null });
  if (verdict.kind === 'hit') {
    // The price recorded is indicative only: the payment is priced again when released.
    holdPayment(state, cursor, payment, verdict, 'normal');
    return 'accepted';
  }
  return settleFxPayment(state, cursor, payment, route, priced.held, chain);
}

/** The request a recorded cross-currency payment made, to judge and price it again at its release. */
function requestOf(payment: PaymentRecord): SubmitFxPaymentCommand {
  const fx = payment.fx!;
  return {
    type: 'submit_fx_payment', sender: payment.sender, idempotencyKey: '', requestHash: '', uetr: payment.uetr, endToEndId: payment.endToEndId,
    sourceCurrency: payment.currency, targetCurrency: fx.targetCurrency, mode: fx.mode, amount: fx.mode === 'send' ? payment.amount : fx.deliveredMinor,
    debtorAgent: payment.debtorAgent, creditorAgent: payment.creditorAgent, debtorName: payment.debtorName, creditorName: payment.creditorName,
    remittanceInformation: payment.remittanceInformation, routeId: fx.routeId, ...(fx.sendMaxMinor === undefined ? {} : { sendMaxMinor: fx.sendMaxMinor }),
  };
}

/**
 * Why a held cross-currency payment may not be released now (null if it may): its parties are
 * judged again as at submission (suspended since, say). The decision is then refused and the
 * payment stays held, as a same-currency one does. Its price is not judged here: see below.
 */
export function fxReleaseRefusal(state: NodeState, payment: PaymentRecord): NetworkResult | null {
  return fxPartiesRefusal(state, requestOf(payment))?.result ?? null;
}

/**
 * Settles a released cross-currency payment at the release's moment (the batch time): priced by
 * the route it named while that route is still held, unused and unexpired, else by the best
 * route now (within its instructed amount, ISO InstdAmt). No route, a payer or provider short
 * of money: the payment ends rejected with that reason, and the debtor side hears it.
 */
export function settleReleasedFxPayment(state: NodeState, cursor: LedgerBatch, payment: PaymentRecord): NetworkResult {
  const request = requestOf(payment);
  let priced = priceAt(state, request, cursor.now);
  if (!priced.ok && request.routeId !== null) priced = priceAt(state, { ...request, routeId: null }, cursor.now);
  if (!priced.ok) return reject(state, cursor, payment, priced.result);
  const route = priced.route;
  const chain = freshPvpChain(state, payment, route, payment.transferId);
  if (chain === null) return reject(state, cursor, payment, 'duplicate_uetr');
  // A deliver payment re-priced may send another amount: the record says what it settled for.
  (payment as { amount: bigint }).amount = route.sentMinor;
  (payment as { fx: PaymentRecord['fx'] }).fx = fxDetailsOf(state, payment.fx!.targetCurrency, route, payment.fx!.sendMaxMinor);
  return settleFxPayment(state, cursor, payment, route, priced.held, chain);
}

function fxDetailsOf(state: NodeState, targetCurrency: string, route: PricedRoute, sendMaxMinor: bigint | undefined): FxPaymentDetails {
  const source = state.network.currencies.get(route.legs[0]!.from)!;
  const target = state.network.currencies.get(targetCurrency)!;
  const rate = allInRateText(route.sentMinor, source.exponent, route.deliveredMinor, target.exponent);
  const details = { routeId: route.routeId, mode: route.mode, targetCurrency, deliveredMinor: route.deliveredMinor, rate, legs: route.legs, transfers: [] };
  return sendMaxMinor === undefined ? details : { ...details, sendMaxMinor };
}

/**
 * The payment's PvP chain, built once and settled as checked; null when a ledger client took one
 * of its ids on its own: that would fail the chain, and a failed chain here would mean corruption.
 */
function freshPvpChain(state: NodeState, p: { readonly uetr: string; readonly endToEndId: string; readonly debtorAgent: string; readonly creditorAgent: string }, route: PricedRoute, transferId: Id): CreateTransferCommand[] | null {
  const chain = pvpChain(state, p.uetr, p.endToEndId, route, settlingParticipant(state.network, p.debtorAgent), settlingParticipant(state.network, p.creditorAgent), transferId);
  const { transfers, failedIds } = state.ledger;
  for (const t of chain) if (transfers.has(t.id) || failedIds.has(t.id)) return null;
  return chain;
}

/**
 * Settles a recorded, priced payment payment-versus-payment (its chain from freshPvpChain), or records it rejected; or, when its
 * payer's liquidity falls short in an rtgs source currency and the FX policy lets it wait, reserves
 * its provider legs and queues its payer leg (`waitInQueue`).
 */
function settleFxPayment(state: NodeState, cursor: LedgerBatch, payment: PaymentRecord, route: PricedRoute, held: HeldRouteRecord | null, chain: readonly CreateTransferCommand[]): NetworkResult {
  const network = state.network;
  const payer = settlingParticipant(network, payment.debtorAgent);
  const payee = settlingParticipant(network, payment.creditorAgent);
  const short = route.sentMinor > sourceLiquidityFree(state, payment.currency, payer);
  if (short && !mayWait(state, payment.currency)) return reject(state, cursor, payment, 'insufficient_funds');
  // A provider that never stocked a currency of its leg has no inventory account there: short of inventory.
  for (const leg of route.legs) {
    if (!state.ledger.accounts.has(fxInventoryAccountId(leg.provider, leg.from)) || !state.ledger.accounts.has(fxInventoryAccountId(leg.provider, leg.to))) return reject(state, cursor, payment, 'fx_inventory_insufficient');
  }
  if (short) return waitInQueue(state, cursor, payment, route, held, chain);
  const posted = cursor.apply(chain);
  const failed = posted.findIndex((r) => r !== 'ok' && r !== 'linked_event_failed');
  if (failed !== -1) {
    const r = posted[failed];
    // Only a provider's inventory may fall short: the payer's liquidity was checked above.
    if (r === 'exceeds_credits' && failed > 0) return reject(state, cursor, payment, 'fx_inventory_insufficient');
    throw new Error(`fx payment ${payment.uetr}: leg transfer ${failed} failed with ${r}`);
  }
  if (held !== null) held.usedBy = payment.uetr;
  const targetCurrency = payment.fx!.targetCurrency;
  // The engines see the money move: the payer's liquidity falls, the payee's rises (its queue may settle now).
  runCheckedEvent(state, cursor, settlementOf(state, payment.currency), { type: 'change_liquidity', participant: payer, delta: -route.sentMinor });
  runCheckedEvent(state, cursor, settlementOf(state, targetCurrency), { type: 'change_liquidity', participant: payee, delta: route.deliveredMinor });
  (payment as { fx: PaymentRecord['fx'] }).fx = { ...payment.fx!, transfers: chain.map((t) => t.id) };
  const at = cursor.takeTimestamp();
  payment.status = 'settled';
  payment.history.push({ status: 'settled', at, reason: null });
  notifyFxSettled(state, at, payment);
  return 'accepted';
}

/** Whether a payment short of its payer's liquidity in `currency` may wait: an rtgs queue, and a policy that allows waiting. */
function mayWait(state: NodeState, currency: string): boolean {
  return settlementOf(state, currency).mode !== 'dns' && fxQueueTimeoutMsOf(state.network.fx.policy) > 0 && settlementOf(state, currency).engine.payments.size < paymentsPerDayMax;
}

/**
 * The payer's liquidity does not cover the source leg yet: the price is fixed now (firm), every
 * provider leg is reserved as a pending transfer of one linked chain (a provider short of
 * inventory rejects the payment AM04, nothing held), and the payer's leg enters the source
 * currency's queue like any payment, paid to the engine's FX sink. The settlement driver posts the
 * whole chain when the queue releases it, or voids the reservations when it is rejected: cancelled
 * by the sender (DS02), its wait over (the policy's queueTimeoutMs, AB03, or its quotes' or held
 * route's expiry if earlier, AB05), end of day (AB03) or a full queue (AM04).
 */
function waitInQueue(state: NodeState, cursor: LedgerBatch, payment: PaymentRecord, route: PricedRoute, held: HeldRouteRecord | null, chain: readonly CreateTransferCommand[]): NetworkResult {
  const network = state.network;
  const reserve = reserveCommands(payment.uetr, chain);
  const results = cursor.apply(reserve);
  const failed = results.findIndex((r) => r !== 'ok' && r !== 'linked_event_failed');
  if (failed !== -1) {
    if (results[failed] === 'exceeds_credits') return reject(state, cursor, payment, 'fx_inventory_insufficient');
    throw new Error(`fx payment ${payment.uetr}: reservation ${failed} failed with ${results[failed]}`);
  }
  if (held !== null) held.usedBy = payment.uetr;
  const now = cursor.now;
  const timeoutUntil = now + fxQueueTimeoutMsOf(network.fx.policy) * 1000;
  // A held route's price is firm until its hold ends (never past its quotes' expiry then); a route found now, until its quotes expire.
  const quotesUntil = held !== null ? held.heldUntil : Math.min(...route.legs.map((leg) => network.fx.book.quotes.get(leg.quoteId)!.expiresAtMs * 1000));
  const wait: FxWaitRecord = { reserved: reserve.map((t) => t.id), until: Math.min(timeoutUntil, quotesUntil), endsBy: timeoutUntil <= quotesUntil ? 'timeout' : 'quotes' };
  (payment as { fx: PaymentRecord['fx'] }).fx = { ...payment.fx!, wait };
  startWaiting(network, payment);
  const cs = settlementOf(state, payment.currency);
  if (!cs.engine.indexById.has(fxSinkParticipant)) runCheckedEvent(state, cursor, cs, { type: 'add_participant', participant: { id: fxSinkParticipant, balance: 0n, creditLine: 0n } });
  const payer = settlingParticipant(network, payment.debtorAgent);
  runCheckedEvent(state, cursor, cs, { type: 'submit', payment: { id: payment.uetr, from: payer, to: fxSinkParticipant, amount: payment.amount, priority: 'normal' } });
  return 'accepted';
}

/**
 * What the payer may spend on an FX leg now: its balance and credit line, less what its currency's
 * engine already counts on (rtgs: the urgent reserve and its queued payments; dns: its net debit
 * in the open window).
 */
export function sourceLiquidityFree(state: NodeState, currency: string, payer: string): bigint {
  const cs = settlementOf(state, currency);
  const p = cs.engine.participants[cs.engine.indexById.get(payer)!]!;
  const committed = cs.mode === 'dns' ? (p.position < 0n ? -p.position : 0n) : p.urgentReserve + p.queuedOut;
  return p.balance + p.creditLine - committed;
}

/**
 * Records the payment as rejected, as any valid payment that could not settle is (AM04); the
 * result says which party fell short: the payer (insufficient_funds) or a provider.
 */
function reject(state: NodeState, cursor: LedgerBatch, payment: PaymentRecord, result: NetworkResult): NetworkResult {
  const at = cursor.takeTimestamp();
  // Every result a release can end in has an ISO reason; NARR (see the narrative) is the fallback.
  const reason = networkResultInfo(result).iso ?? 'NARR';
  payment.status = 'rejected';
  payment.reason = reason;
  payment.history.push({ status: 'rejected', at, reason });
  appendInboxEventTo(state.network, debtorSide(state.network, payment), { at, type: 'payment.rejected', subject: payment.uetr, status: 'rejected', reason, currency: payment.currency, amount: payment.amount });
  return result;
}

/**
 * The linked chain of a route's leg transfers, posted at once: every leg or none. Built in one
 * pass, field by field: its ids come from the payment's own transfer id (`paymentTransferId`,
 * derived once), and the last transfer (the last leg's payout to the payee, never omitted: the
 * payee's settlement account is no provider's inventory) closes the chain.
 */
export function pvpChain(state: NodeState, uetr: string, endToEndId: string, route: PricedRoute, payer: string, payee: string, paymentTransferId: Id = uetrTransferId(uetr)): CreateTransferCommand[] {
  const network = state.network;
  const legs = route.legs;
  const e2e = endToEndId.length > 35 ? endToEndId.slice(0, 35) : endToEndId;
  const chain: CreateTransferCommand[] = [];
  const first = legs[0]!;
  const payerAccount = network.settlementAccounts.get(settlementAccountKey(payer, first.from))!;
  addLegTransfer(network, chain, paymentTransferId, e2e, first.from, payerAccount, fxInventoryAccountId(first.provider, first.from), first.amountInMinor, transferFlags.linked);
  const lastLeg = legs.length - 1;
  for (let i = 0; i < lastLeg; i += 1) {
    const leg = legs[i]!;
    addLegTransfer(network, chain, paymentTransferId, e2e, leg.to, fxInventoryAccountId(leg.provider, leg.to), fxInventoryAccountId(legs[i + 1]!.provider, leg.to), leg.amountOutMinor, transferFlags.linked);
  }
  const last = legs[lastLeg]!;
  const payeeAccount = network.settlementAccounts.get(settlementAccountKey(payee, last.to))!;
  const lastFrom = fxInventoryAccountId(last.provider, last.to);
  assert(lastFrom !== payeeAccount, 'the last leg pays the payee out of a provider inventory');
  addLegTransfer(network, chain, paymentTransferId, e2e, last.to, lastFrom, payeeAccount, last.amountOutMinor, 0);
  return chain;
}

/** Appends one leg transfer to `chain` (a module function, not a closure: one fewer object per payment). */
function addLegTransfer(network: NodeState['network'], chain: CreateTransferCommand[], paymentTransferId: Id, e2e: string, currency: string, debit: Id, credit: Id, amount: bigint, flags: number): void {
  // One provider serving two consecutive legs: the currency between them never leaves its books.
  if (debit === credit) return;
  const ledger = network.currencies.get(currency)!.ledger;
  const id = fxPostTransferIdOf(paymentTransferId, chain.length);
  chain.push({ type: 'create_transfer', id, debitAccountId: debit, creditAccountId: credit, amount, pendingId: idZero, ledger, code: transferCodes.fxLeg, flags, timeoutMs: 0, uetr: paymentTransferId, endToEndId: e2e });
}

/**
 * Screening of each payment before it can settle, the holds it leads to, and the compliance
 * officers who decide them. A payment is screened when it is submitted, inside its batch,
 * against the index of the active lists that apply to its agents' jurisdictions: the same
 * journal gives the same lists, the same index and so the same decision on replay.
 */
import type { LedgerBatch } from '../ledger/apply-batch.js';
import { listsForJurisdiction, screenPayment, type Hit, type PartyToScreen, type PaymentToScreen } from '../screening/index.js';
import { validatePaymentFor } from './apply-payment.js';
import { fxReleaseRefusal, settleReleasedFxPayment } from './apply-fx-payment.js';
import { appendInboxEventTo } from './inbox.js';
import type { NetworkResult } from './results.js';
import { hasActiveLists, screeningIndexOf } from './screening-state.js';
import { holdActions, type AddOfficerKeyCommand, type DecideHoldCommand, type PaymentParties, type RevokeOfficerKeyCommand } from './screening-types.js';
import { runCheckedEvent, settlementOf } from './settlement-driver.js';
import { debtorSide, settlingParticipant } from './sides.js';
import type { NodeState } from './state.js';
import { keyIdPattern, sha256HexPattern, textOk } from './text-rules.js';
import type { PaymentPriority, PaymentRecord, SubmitPaymentCommand } from './types.js';

export const officerPattern = /^[A-Za-z0-9._@-]{1,64}$/;
/** Characters of an officer's note on a decision. */
export const holdNoteLengthMax = 1024;
const rejectionReasonPattern = /^[A-Z0-9]{4}$/;

export type ScreeningVerdict =
  | { readonly kind: 'clear' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'hit'; readonly lists: readonly string[]; readonly screened: PaymentToScreen; readonly hits: readonly Hit[]; readonly hitsOmitted: number };

/** What screening reads of a payment request: the same for a same-currency and a cross-currency one. */
export type ScreenedFields = Pick<SubmitPaymentCommand, 'sender' | 'debtorAgent' | 'creditorAgent' | 'debtorName' | 'creditorName' | 'remittanceInformation' | 'parties'>;

const clear: ScreeningVerdict = { kind: 'clear' };

/**
 * Screens a payment request against the lists that apply to it: those whose scope holds the
 * jurisdiction of its sender, debtor agent or creditor agent. Pure over the state.
 */
export function screenSubmittedPayment(state: NodeState, c: ScreenedFields): ScreeningVerdict {
  return screenAgainstLists(state, c, () => paymentToScreen(c));
}

/** The agents whose jurisdictions decide which lists apply to a payment. */
export type ScreenedAgents = Pick<ScreenedFields, 'sender' | 'debtorAgent' | 'creditorAgent'>;

/** Screens what `screenedOf` gives (asked only when some list applies) against the lists of the agents' jurisdictions. */
export function screenAgainstLists(state: NodeState, c: ScreenedAgents, screenedOf: () => PaymentToScreen): ScreeningVerdict {
  const screening = state.network.screening;
  if (!hasActiveLists(screening)) return clear;
  const listIds = new Set<string>();
  for (const bic of new Set([c.sender, c.debtorAgent, c.creditorAgent])) {
    const country = state.network.participants.get(bic)?.country;
    if (country !== undefined) for (const id of listsForJurisdiction(screening.lists, country)) listIds.add(id);
  }
  if (listIds.size === 0) return clear;
  const screened = screenedOf();
  const result = screenPayment(screeningIndexOf(screening), screened, { ...screening.thresholds, listIds });
  if (!result.ok) return { kind: 'refused' };
  if (result.decision === 'clear') return clear;
  const lists = [...listIds].sort().map((id) => `${id}@${screening.lists.lists.get(id)?.active ?? ''}`);
  return { kind: 'hit', lists, screened, hits: result.hits, hitsOmitted: result.hitsOmitted };
}

/** What is screened of a payment: only the fields it has, so a hold keeps no empty ones. */
export function paymentToScreen(c: ScreenedFields): PaymentToScreen {
  const p: PaymentParties = c.parties ?? {};
  const party = (name: string | undefined, addressLines: readonly string[] | undefined): PartyToScreen | undefined => {
    const value = { ...(name === undefined || name === '' ? {} : { name }), ...(addressLines === undefined || addressLines.length === 0 ? {} : { addressLines: [...addressLines] }) };
    return Object.keys(value).length === 0 ? undefined : value;
  };
  const screened: Record<string, unknown> = {
    debtor: party(c.debtorName, p.debtorAddress),
    creditor: party(c.creditorName, p.creditorAddress),
    ultimateDebtor: party(p.ultimateDebtorName, p.ultimateDebtorAddress),
    ultimateCreditor: party(p.ultimateCreditorName, p.ultimateCreditorAddress),
    debtorAgent: c.debtorAgent,
    creditorAgent: c.creditorAgent,
    // The sender instructs when it sends for an indirect participant it sponsors.
    instructingAgent: c.sender === c.debtorAgent ? undefined : c.sender,
    intermediaryAgents: p.intermediaryAgents === undefined || p.intermediaryAgents.length === 0 ? undefined : [...p.intermediaryAgents],
    remittanceInformation: c.remittanceInformation === '' ? undefined : [c.remittanceInformation],
  };
  for (const key of Object.keys(screened)) if (screened[key] === undefined) delete screened[key];
  return screened;
}

/** The payment waits for a compliance officer: status held (ISO PDNG), not in any settlement engine. */
export function holdPayment(state: NodeState, cursor: LedgerBatch, payment: PaymentRecord, verdict: Extract<ScreeningVerdict, { kind: 'hit' }>, priority: PaymentPriority): void {
  const at = cursor.takeTimestamp();
  payment.status = 'held';
  payment.reason = null;
  payment.history.push({ status: 'held', at, reason: null });
  state.network.screening.holds.set(payment.uetr, { uetr: payment.uetr, heldAt: at, priority, lists: verdict.lists, screened: verdict.screened, hits: verdict.hits, hitsOmitted: verdict.hitsOmitted, decision: null });
}

/**
 * A compliance officer releases a held payment (it goes to its currency's settlement engine as
 * if it had just arrived) or rejects it with an ISO reason (the debtor side gets payment.rejected).
 * The decision keeps who (officer and key), when (the batch's time) and why (reason, note).
 */
export function applyDecideHold(state: NodeState, cursor: LedgerBatch, c: DecideHoldCommand): NetworkResult {
  const screening = state.network.screening;
  const key = screening.officerKeys.get(c.keyId);
  if (key === undefined || key.revokedAt !== null) return 'api_key_unknown';
  if (!holdActions.includes(c.action) || typeof c.note !== 'string' || !textOk(c.note, holdNoteLengthMax)) return 'text_invalid';
  if (c.action === 'reject' ? typeof c.reason !== 'string' || !rejectionReasonPattern.test(c.reason) : c.reason !== null) return 'reason_invalid';
  const hold = screening.holds.get(c.uetr);
  const payment = state.network.payments.get(c.uetr);
  if (hold === undefined || payment === undefined) return 'hold_unknown';
  if (hold.withdrawal !== undefined) return 'hold_withdrawn';
  if (hold.decision !== null) return hold.decision.action === c.action && hold.decision.reason === c.reason ? 'already_applied' : 'hold_decided';
  if (c.action === 'release') {
    // Judged again as at submission: a party may have been suspended, or the day be full, since.
    const refusal = payment.fx === null ? validatePaymentFor(state, payment) : fxReleaseRefusal(state, payment);
    if (refusal !== null) return refusal;
  }
  const at = cursor.takeTimestamp();
  hold.decision = { action: c.action, officer: key.officer, keyId: key.keyId, at, reason: c.reason, note: c.note };
  if (c.action === 'release') {
    payment.status = 'released';
    payment.history.push({ status: 'released', at, reason: null });
    // Cross-currency: priced and settled now, payment-versus-payment, or rejected with the reason it could not.
    if (payment.fx !== null) {
      settleReleasedFxPayment(state, cursor, payment);
      return 'accepted';
    }
    const order = { id: payment.uetr, from: settlingParticipant(state.network, payment.debtorAgent), to: settlingParticipant(state.network, payment.creditorAgent), amount: payment.amount, priority: hold.priority } as const;
    // Kept while it waits in the engine, so a later list change screens it on every field again.
    screening.waitingScreened.set(payment.uetr, hold.screened);
    runCheckedEvent(state, cursor, settlementOf(state, payment.currency), { type: 'submit', payment: order });
  } else {
    payment.status = 'rejected';
    payment.reason = c.reason;
    payment.history.push({ status: 'rejected', at, reason: c.reason });
    appendInboxEventTo(state.network, debtorSide(state.network, payment), { at, type: 'payment.rejected', subject: payment.uetr, status: 'rejected', reason: c.reason, currency: null, amount: null });
  }
  return 'accepted';
}

export function applyAddOfficerKey(state: NodeState, cursor: LedgerBatch, c: AddOfficerKeyCommand): NetworkResult {
  const network = state.network;
  if (!officerPattern.test(c.officer) || !keyIdPattern.test(c.keyId) || !sha256HexPattern.test(c.secretHash)) return 'officer_invalid';
  const existing = network.screening.officerKeys.get(c.keyId);
  if (existing !== undefined) return existing.officer === c.officer && existing.secretHash === c.secretHash && existing.revokedAt === null ? 'already_applied' : 'api_key_exists';
  // One key id space for participants and officers: a key names exactly one holder.
  if (network.apiKeys.has(c.keyId)) return 'api_key_exists';
  network.screening.officerKeys.set(c.keyId, { keyId: c.keyId, officer: c.officer, secretHash: c.secretHash, createdAt: cursor.takeTimestamp(), revokedAt: null });
  return 'accepted';
}

export function applyRevokeOfficerKey(state: NodeState, cursor: LedgerBatch, c: RevokeOfficerKeyCommand): NetworkResult {
  const key = state.network.screening.officerKeys.get(c.keyId);
  if (key === undefined) return 'api_key_unknown';
  if (key.revokedAt !== null) return 'already_applied';
  key.revokedAt = cursor.takeTimestamp();
  return 'accepted';
}

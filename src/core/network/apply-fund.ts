import type { LedgerBatch } from '../ledger/apply-batch.js';
import { idZero } from '../ledger/types.js';
import { fundingTransferId, transferCodes } from './ids.js';
import { appendInboxEvent } from './inbox.js';
import type { NetworkResult } from './results.js';
import { runCheckedEvent, settlementOf } from './settlement-driver.js';
import { settlementAccountKey, type NodeState } from './state.js';
import { fundingReferenceLengthMax, paymentAmountMax, textOk } from './text-rules.js';
import type { FundCommand } from './types.js';

/**
 * Funds in: the settlement agent's account pays the participant's settlement account (central
 * bank money enters). Funds out: the reverse, up to the participant's own balance (never its
 * credit line). A retry with the same reference changes nothing.
 */
export function applyFund(state: NodeState, cursor: LedgerBatch, c: FundCommand): NetworkResult {
  const network = state.network;
  if (!textOk(c.reference, fundingReferenceLengthMax, 1)) return 'text_invalid';
  if (c.amount <= 0n || c.amount > paymentAmountMax) return 'amount_invalid';
  const currency = network.currencies.get(c.currency);
  if (currency === undefined) return 'currency_unknown';
  const key = `${c.currency} ${c.reference}`;
  const previous = network.fundings.get(key);
  if (previous !== undefined) {
    const same = previous.direction === c.direction && previous.participant === c.bic && previous.amount === c.amount;
    return same ? 'already_applied' : 'funding_reference_reused';
  }
  if (!network.participants.has(c.bic)) return 'participant_unknown';
  const accountId = network.settlementAccounts.get(settlementAccountKey(c.bic, c.currency));
  if (accountId === undefined) return 'participant_not_in_currency';
  if (c.direction === 'out') {
    const account = state.ledger.accounts.get(accountId)!;
    const own = account.creditsPosted - account.debitsPosted - account.debitsPending;
    if (c.amount > own) return 'insufficient_funds';
    // The agent can take back at most what it put in: while others draw on credit lines, the
    // money a participant holds may exceed what the agent has issued in all. Checked here, not
    // left to the ledger: a refused transfer would burn its id (derived from the reference), and
    // a later retry of the same reference, once it could pass, would fail with id_already_failed.
    const agent = state.ledger.accounts.get(currency.agentAccountId)!;
    if (agent.creditsPosted + agent.creditsPending + c.amount > agent.debitsPosted) return 'insufficient_funds';
  }
  const transferId = fundingTransferId(c.currency, c.reference);
  const at = cursor.now;
  const into = c.direction === 'in';
  const result = cursor.apply([
    {
      type: 'create_transfer',
      id: transferId,
      debitAccountId: into ? currency.agentAccountId : accountId,
      creditAccountId: into ? accountId : currency.agentAccountId,
      amount: c.amount,
      pendingId: idZero,
      ledger: currency.ledger,
      code: into ? transferCodes.fundsIn : transferCodes.fundsOut,
      flags: 0,
      timeoutMs: 0,
      uetr: idZero,
      endToEndId: c.reference,
    },
  ])[0];
  if (result !== 'ok') throw new Error(`funding ${key}: its transfer failed with ${result}`);
  network.fundings.set(key, { reference: c.reference, direction: c.direction, participant: c.bic, currency: c.currency, amount: c.amount, transferId, at });
  appendInboxEvent(network, c.bic, { at, type: into ? 'funds.credited' : 'funds.debited', subject: c.reference, status: null, reason: null, currency: c.currency, amount: c.amount });
  // Liquidity from outside: queued payments may settle now (the engine's queue resolution and LSM run).
  runCheckedEvent(state, cursor, settlementOf(state, c.currency), { type: 'change_liquidity', participant: c.bic, delta: into ? c.amount : -c.amount });
  return 'accepted';
}

import type { LedgerBatch } from '../ledger/apply-batch.js';
import { accountFlags } from '../ledger/types.js';
import { accountCode, agentAccountId, clearingAccountId, settlementAccountId } from './ids.js';
import { runCheckedEvent, settlementOf } from './settlement-driver.js';
import { reconcileHolds } from './settlement-holds.js';
import { createCurrencySettlement, queueOrderDefault } from './settlement-state.js';
import { queueOrders } from '../settlement/index.js';
import { appendInboxEvent, inboxLength } from './inbox.js';
import type { NetworkResult } from './results.js';
import type { FxCommand } from './fx-types.js';
import { settlementAccountKey, type NodeState } from './state.js';
import {
  bicPattern,
  countryPattern,
  currencyCodePattern,
  keyIdPattern,
  nameLengthMax,
  sha256HexPattern,
  textOk,
  webhookSecretLengthMax,
  webhookSecretLengthMin,
  webhookUrlOk,
  writableIsoVersions,
} from './text-rules.js';
import {
  participantRoles,
  participantTypes,
  settlementModes,
  type NetworkCommand,
  type ParticipantRecord,
  type RegisterCurrencyCommand,
  type RegisterParticipantCommand,
} from './types.js';
import type { ScreeningCommand } from './screening-types.js';

type AdminCommand = Exclude<
  NetworkCommand,
  { type: 'submit_payment' | 'fund' | 'submit_message' | 'request_cancellation' | 'reject_cancellation' | 'return_payment' | 'settlement_tick' | 'cancel_payment' | 'settlement_window' | 'end_of_day' | 'set_window_schedule' | 'set_urgent_reserve' | 'set_queue_order' } | ScreeningCommand | FxCommand
>;

/** Onboarding and administration: currencies, participants, keys, limits, suspension, webhooks. */
export function applyAdminCommand(state: NodeState, cursor: LedgerBatch, command: AdminCommand): NetworkResult {
  switch (command.type) {
    case 'register_currency':
      return registerCurrency(state, cursor, command);
    case 'register_participant':
      return registerParticipant(state, cursor, command);
    case 'join_currency':
      return joinCurrency(state, cursor, command.bic, command.currency);
    case 'add_api_key': {
      const network = state.network;
      if (!keyIdPattern.test(command.keyId) || !sha256HexPattern.test(command.secretHash)) return 'participant_invalid';
      if (!network.participants.has(command.participant)) return 'participant_unknown';
      const existing = network.apiKeys.get(command.keyId);
      if (existing !== undefined) {
        // A revoked key stays revoked: adding it again is a conflict, not a retry.
        const retry = existing.participant === command.participant && existing.secretHash === command.secretHash && existing.revokedAt === null;
        return retry ? 'already_applied' : 'api_key_exists';
      }
      network.apiKeys.set(command.keyId, { keyId: command.keyId, participant: command.participant, secretHash: command.secretHash, createdAt: cursor.takeTimestamp(), revokedAt: null });
      return 'accepted';
    }
    case 'revoke_api_key': {
      const key = state.network.apiKeys.get(command.keyId);
      if (key === undefined) return 'api_key_unknown';
      if (key.revokedAt !== null) return 'already_applied';
      key.revokedAt = cursor.takeTimestamp();
      return 'accepted';
    }
    case 'set_limits':
      return setLimits(state, cursor, command);
    case 'set_suspended': {
      const participant = state.network.participants.get(command.bic);
      if (participant === undefined) return 'participant_unknown';
      if (participant.suspended === command.suspended) return 'already_applied';
      participant.suspended = command.suspended;
      const at = cursor.takeTimestamp();
      appendInboxEvent(state.network, command.bic, {
        at,
        type: command.suspended ? 'participant.suspended' : 'participant.resumed',
        subject: command.bic,
        status: null,
        reason: null,
        currency: null,
        amount: null,
      });
      // Its queued payments wait, out of the queues, until it is resumed (settlement-holds.ts).
      reconcileHolds(state, cursor);
      return 'accepted';
    }
    case 'set_webhook': {
      const participant = state.network.participants.get(command.bic);
      if (participant === undefined) return 'participant_unknown';
      const target = command.webhook;
      if (target !== null && (!webhookUrlOk(target.url) || !textOk(target.secret, webhookSecretLengthMax, webhookSecretLengthMin))) return 'webhook_invalid';
      participant.webhook = target === null ? null : { url: target.url, secret: target.secret };
      cursor.takeTimestamp();
      return 'accepted';
    }
    case 'set_iso_versions': {
      const participant = state.network.participants.get(command.bic);
      if (participant === undefined) return 'participant_unknown';
      const entries = Object.entries(command.versions);
      // Only versions the builders can write: any other would make every later message to
      // this participant fail to build (a well-formed name is not enough).
      if (entries.length > writableIsoVersions.size || !entries.every(([message, version]) => writableIsoVersions.get(message)?.includes(version) === true)) {
        return 'version_invalid';
      }
      participant.isoVersions = Object.fromEntries(entries);
      cursor.takeTimestamp();
      return 'accepted';
    }
    case 'webhook_delivered': {
      const participant = state.network.participants.get(command.bic);
      if (participant === undefined) return 'participant_unknown';
      if (!Number.isSafeInteger(command.upTo) || command.upTo < 0 || command.upTo > inboxLength(state.network, command.bic)) return 'webhook_cursor_invalid';
      // A position at or behind the recorded one is a late or repeated acknowledgement.
      if (command.upTo <= participant.webhookDeliveredUpTo) return 'already_applied';
      participant.webhookDeliveredUpTo = command.upTo;
      return 'accepted';
    }
  }
}

function registerCurrency(state: NodeState, cursor: LedgerBatch, c: RegisterCurrencyCommand): NetworkResult {
  const network = state.network;
  const valid =
    currencyCodePattern.test(c.code) &&
    Number.isInteger(c.exponent) &&
    c.exponent >= 0 &&
    c.exponent <= 4 &&
    Number.isInteger(c.ledger) &&
    c.ledger >= 1 &&
    c.ledger <= 999 &&
    settlementModes.includes(c.mode);
  if (!valid) return 'currency_invalid';
  if (c.queueOrder !== undefined) {
    if (!queueOrders.includes(c.queueOrder)) return 'queue_order_invalid';
    if (c.mode === 'dns') return 'settlement_mode_invalid';
  }
  const existing = network.currencies.get(c.code);
  if (existing !== undefined) {
    // A registration that names no queue order leaves it as it is (the operator may have changed it since).
    const sameOrder = c.queueOrder === undefined || network.settlement.get(c.code)!.engine.queueOrder === c.queueOrder;
    const same = existing.exponent === c.exponent && existing.ledger === c.ledger && existing.mode === c.mode && existing.agent === c.agent && sameOrder;
    return same ? 'already_applied' : 'currency_exists';
  }
  for (const other of network.currencies.values()) if (other.ledger === c.ledger) return 'currency_invalid';
  const agent = network.participants.get(c.agent);
  if (agent === undefined || !agent.roles.includes('settlement_agent')) return 'agent_invalid';
  const accountId = agentAccountId(c.agent, c.code);
  // The agent's account may only give back what it put in: its credits never exceed its debits.
  const result = cursor.apply([
    { type: 'create_account', id: accountId, ledger: c.ledger, code: accountCode, kind: 'agent', participant: c.agent, flags: accountFlags.creditsMustNotExceedDebits | accountFlags.history, creditLine: 0n },
  ])[0];
  if (result !== 'ok') throw new Error(`agent account for ${c.code} not created: ${result}`);
  network.currencies.set(c.code, { code: c.code, exponent: c.exponent, ledger: c.ledger, mode: c.mode, agent: c.agent, agentAccountId: accountId });
  // dns: the net instructions of each window pass through a clearing account of the agent, back to zero once the window settled.
  let clearing: string | null = null;
  if (c.mode === 'dns') {
    clearing = clearingAccountId(c.agent, c.code);
    const opened = cursor.apply([{ type: 'create_account', id: clearing, ledger: c.ledger, code: accountCode, kind: 'position', participant: c.agent, flags: accountFlags.history, creditLine: 0n }])[0];
    if (opened !== 'ok') throw new Error(`clearing account for ${c.code} not created: ${opened}`);
  }
  network.settlement.set(c.code, createCurrencySettlement(c.code, c.mode, c.queueOrder ?? queueOrderDefault, cursor.now, clearing));
  if (agent.roles.some((role) => role !== 'settlement_agent')) {
    // An agent that is also a bank (or FX provider) sends and receives payments in the currency
    // it issues: it needs a settlement account there, like any other direct participant.
    const joined = joinCurrency(state, cursor, c.agent, c.code);
    if (joined !== 'accepted') throw new Error(`agent ${c.agent} could not join ${c.code}: ${joined}`);
  } else agent.currencies.push(c.code);
  return 'accepted';
}

function registerParticipant(state: NodeState, cursor: LedgerBatch, c: RegisterParticipantCommand): NetworkResult {
  const network = state.network;
  const refusal = registrationRefusal(state, c);
  if (refusal !== null) return refusal;
  const record: ParticipantRecord = {
    bic: c.bic,
    name: c.name,
    country: c.country,
    type: c.participantType,
    sponsor: c.sponsor,
    roles: [...c.roles],
    currencies: [],
    suspended: false,
    webhook: null,
    isoVersions: {},
    webhookDeliveredUpTo: 0,
    joinedAt: cursor.takeTimestamp(),
  };
  network.participants.set(c.bic, record);
  for (const code of c.currencies) {
    const result = joinCurrency(state, cursor, c.bic, code);
    if (result !== 'accepted') throw new Error(`participant ${c.bic} could not join ${code}: ${result}`);
  }
  return 'accepted';
}

/**
 * What is wrong with a registration (null if nothing; `already_applied` for an identical one):
 * exported so the edges refuse it before it is journaled.
 */
export function registrationRefusal(state: NodeState, c: RegisterParticipantCommand): NetworkResult | null {
  const network = state.network;
  const rolesOk = c.roles.length > 0 && c.roles.every((role, i) => participantRoles.includes(role) && c.roles.indexOf(role) === i);
  const valid =
    bicPattern.test(c.bic) &&
    textOk(c.name, nameLengthMax, 1) &&
    countryPattern.test(c.country) &&
    participantTypes.includes(c.participantType) &&
    rolesOk &&
    c.currencies.every((code, i) => c.currencies.indexOf(code) === i);
  if (!valid) return 'participant_invalid';
  const existing = network.participants.get(c.bic);
  if (existing !== undefined) return sameRegistration(existing, c) ? 'already_applied' : 'participant_exists';
  for (const code of c.currencies) if (!network.currencies.has(code)) return 'currency_unknown';
  if (c.participantType === 'direct' ? c.sponsor !== null : !sponsorHolds(state, c.sponsor, c.currencies)) return 'sponsor_invalid';
  if (c.participantType === 'indirect' && c.roles.includes('settlement_agent')) return 'sponsor_invalid';
  return null;
}

function sameRegistration(p: ParticipantRecord, c: RegisterParticipantCommand): boolean {
  return (
    p.name === c.name &&
    p.country === c.country &&
    p.type === c.participantType &&
    p.sponsor === c.sponsor &&
    p.roles.length === c.roles.length &&
    p.roles.every((role, i) => role === c.roles[i]) &&
    c.currencies.every((code) => p.currencies.includes(code))
  );
}

function sponsorHolds(state: NodeState, sponsor: string | null, currencies: readonly string[]): boolean {
  if (sponsor === null) return false;
  const record = state.network.participants.get(sponsor);
  return record !== undefined && record.type === 'direct' && currencies.every((code) => state.network.settlementAccounts.has(settlementAccountKey(sponsor, code)));
}

/** Adds a currency to a participant; a direct one gets its settlement account (with balance history, for statements). */
function joinCurrency(state: NodeState, cursor: LedgerBatch, bic: string, code: string): NetworkResult {
  const network = state.network;
  const participant = network.participants.get(bic);
  if (participant === undefined) return 'participant_unknown';
  const currency = network.currencies.get(code);
  if (currency === undefined) return 'currency_unknown';
  if (participant.currencies.includes(code)) return 'already_applied';
  if (participant.type === 'indirect') {
    if (!sponsorHolds(state, participant.sponsor, [code])) return 'sponsor_invalid';
  } else {
    const id = settlementAccountId(bic, code);
    const result = cursor.apply([
      { type: 'create_account', id, ledger: currency.ledger, code: accountCode, kind: 'settlement', participant: bic, flags: accountFlags.debitsMustNotExceedCredits | accountFlags.history, creditLine: 0n },
    ])[0];
    if (result !== 'ok') throw new Error(`settlement account ${bic} ${code} not created: ${result}`);
    network.settlementAccounts.set(settlementAccountKey(bic, code), id);
    // Its settlement engine takes it in: no money, no credit line, no cap yet.
    runCheckedEvent(state, cursor, settlementOf(state, code), { type: 'add_participant', participant: { id: bic, balance: 0n, creditLine: 0n, netDebitCap: 0n } });
  }
  participant.currencies.push(code);
  return 'accepted';
}

function setLimits(state: NodeState, cursor: LedgerBatch, c: Extract<NetworkCommand, { type: 'set_limits' }>): NetworkResult {
  const network = state.network;
  if (!network.participants.has(c.bic)) return 'participant_unknown';
  if (!network.currencies.has(c.currency)) return 'currency_unknown';
  const accountId = network.settlementAccounts.get(settlementAccountKey(c.bic, c.currency));
  if (accountId === undefined) return 'participant_not_in_currency';
  if ((c.creditLine !== null && c.creditLine < 0n) || (c.netDebitCap !== null && c.netDebitCap < 0n)) return 'limit_invalid';
  const cs = settlementOf(state, c.currency);
  const position = cs.engine.participants[cs.engine.indexById.get(c.bic)!]!.position;
  // A cap below what the open window already uses would break the window's promise: refused before anything changes.
  if (c.netDebitCap !== null && position < -c.netDebitCap) return 'limit_invalid';
  if (c.creditLine !== null) {
    const result = cursor.apply([{ type: 'set_credit_line', accountId, creditLine: c.creditLine, flags: 0 }])[0];
    if (result === 'credit_line_below_usage' || result === 'credit_line_must_not_exceed_int_max') return 'limit_invalid';
    if (result !== 'ok') throw new Error(`credit line of ${c.bic} ${c.currency}: ${result}`);
    // More (or less) intraday credit: queued payments may settle now.
    runCheckedEvent(state, cursor, cs, { type: 'set_credit_line', participant: c.bic, creditLine: c.creditLine });
  } else cursor.takeTimestamp();
  if (c.netDebitCap !== null) {
    network.netDebitCaps.set(accountId, c.netDebitCap);
    runCheckedEvent(state, cursor, cs, { type: 'set_net_debit_cap', participant: c.bic, cap: c.netDebitCap });
  }
  return 'accepted';
}

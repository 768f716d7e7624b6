/**
 * The network commands that make the state match a configuration. Each registration is
 * idempotent in core/network (the same registration again is `already_applied`), so a node
 * applies the whole list at every start; a changed registration is refused (`*_exists`).
 */
import type { NetworkCommand, RegisterParticipantCommand } from '../core/network/types.js';
import type { NodeConfig, ParticipantConfig } from './types.js';

/**
 * In dependency order: settlement agents (a currency names its agent), currencies, direct
 * participants (they join currencies), indirect ones (their sponsors must hold the currencies),
 * then limits, API keys and webhooks, which need the participants and their accounts.
 */
export function configCommands(config: NodeConfig): NetworkCommand[] {
  const agents = config.participants.filter(isSettlementAgent);
  const direct = config.participants.filter((p) => p.type === 'direct' && !isSettlementAgent(p));
  const indirect = config.participants.filter((p) => p.type === 'indirect');
  return [
    ...agents.map(registration),
    ...config.currencies.map((c): NetworkCommand => ({ type: 'register_currency', code: c.code, exponent: c.exponent, ledger: c.ledger, mode: c.mode, agent: c.agent })),
    // Only configured schedules: one set through the API is not cleared by a restart.
    ...config.currencies.flatMap((c): NetworkCommand[] => (c.windowSeconds === undefined ? [] : [{ type: 'set_window_schedule', currency: c.code, windowSeconds: c.windowSeconds }])),
    // Likewise the queue order. Not in the registration: a repeated registration naming another
    // order than the operator set since would conflict and stop the start.
    ...config.currencies.flatMap((c): NetworkCommand[] => (c.queueOrder === undefined ? [] : [{ type: 'set_queue_order', currency: c.code, queueOrder: c.queueOrder }])),
    ...direct.map(registration),
    ...indirect.map(registration),
    ...config.participants.flatMap((p) =>
      p.limits.map((l): NetworkCommand => ({ type: 'set_limits', bic: p.bic, currency: l.currency, creditLine: l.creditLine, netDebitCap: l.netDebitCap })),
    ),
    ...config.participants.flatMap((p) => p.apiKeys.map((k): NetworkCommand => ({ type: 'add_api_key', participant: p.bic, keyId: k.keyId, secretHash: k.secretHash }))),
    // Only configured webhooks: a webhook set through the API is not cleared by a restart.
    ...config.participants.flatMap((p): NetworkCommand[] => (p.webhook === null ? [] : [{ type: 'set_webhook', bic: p.bic, webhook: { url: p.webhook.url, secret: p.webhook.secret } }])),
  ];
}

function isSettlementAgent(p: ParticipantConfig): boolean {
  return p.roles.includes('settlement_agent');
}

function registration(p: ParticipantConfig): RegisterParticipantCommand {
  return {
    type: 'register_participant',
    bic: p.bic,
    name: p.name,
    country: p.country,
    participantType: p.type,
    sponsor: p.sponsor,
    roles: [...p.roles],
    currencies: [...p.currencies],
  };
}

/**
 * A configuration written back as the file format: the inverse of parseNodeConfig, so
 * parseNodeConfig(formatNodeConfig(c)) equals c for every c it returned. Defaults are left out
 * (no sponsor, empty lists, weight 1) and amounts are written with the currency's decimals.
 */
import { formatMinorUnits } from './amounts.js';
import type { CurrencyConfig, LimitsConfig, NodeConfig, ParticipantConfig } from './types.js';

export function formatNodeConfig(config: NodeConfig): string {
  const exponents = new Map(config.currencies.map((c) => [c.code, c.exponent]));
  const file = {
    currencies: config.currencies.map((c: CurrencyConfig) => ({
      code: c.code,
      mode: c.mode,
      agent: c.agent,
      ...(c.windowSeconds === undefined ? {} : { windowSeconds: c.windowSeconds }),
      ...(c.queueOrder === undefined ? {} : { queueOrder: c.queueOrder }),
    })),
    participants: config.participants.map((p) => participantJson(p, exponents)),
    limits: { ...config.limits },
    settlement: { ...config.settlement },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function participantJson(p: ParticipantConfig, exponents: ReadonlyMap<string, number>): Record<string, unknown> {
  const json: Record<string, unknown> = { bic: p.bic, name: p.name, country: p.country, type: p.type };
  if (p.sponsor !== null) json.sponsor = p.sponsor;
  json.roles = [...p.roles];
  json.currencies = [...p.currencies];
  if (p.limits.length > 0) json.limits = Object.fromEntries(p.limits.map((l) => [l.currency, limitsJson(l, exponents.get(l.currency)!)]));
  if (p.apiKeys.length > 0) json.apiKeys = p.apiKeys.map((k) => ({ keyId: k.keyId, secretHash: k.secretHash }));
  if (p.webhook !== null) json.webhook = { url: p.webhook.url, secret: p.webhook.secret };
  if (p.weight !== 1) json.weight = p.weight;
  return json;
}

function limitsJson(l: LimitsConfig, exponent: number): Record<string, string> {
  const json: Record<string, string> = {};
  if (l.creditLine !== null) json.creditLine = formatMinorUnits(l.creditLine, exponent);
  if (l.netDebitCap !== null) json.netDebitCap = formatMinorUnits(l.netDebitCap, exponent);
  return json;
}

/**
 * Rules between entries: unique names, settlement agents, sponsors. Each mirrors a refusal of
 * core/network (agent_invalid, sponsor_invalid, api_key_exists, …) so a config that passes here
 * registers cleanly, and a bad one is refused at start with its place in the file.
 */
import { ConfigError, fieldPath, indexPath, rejectDuplicates } from './json-reader.js';
import type { CurrencyConfig, ParticipantConfig } from './types.js';

const currencyPath = (i: number): string => indexPath('$.currencies', i);
const participantPath = (i: number): string => indexPath('$.participants', i);

export function checkCrossReferences(currencies: readonly CurrencyConfig[], participants: readonly ParticipantConfig[]): void {
  rejectDuplicates(participants.map((p) => p.bic), (i) => fieldPath(participantPath(i), 'bic'), 'BIC');
  const keyIds = participants.flatMap((p, i) => p.apiKeys.map((key, k) => ({ keyId: key.keyId, path: fieldPath(indexPath(fieldPath(participantPath(i), 'apiKeys'), k), 'keyId') })));
  rejectDuplicates(keyIds.map((k) => k.keyId), (i) => keyIds[i]!.path, 'key id');
  const byBic = new Map(participants.map((p) => [p.bic, p]));
  currencies.forEach((currency, i) => checkAgent(currency, fieldPath(currencyPath(i), 'agent'), byBic));
  participants.forEach((p, i) => {
    if (p.roles.includes('settlement_agent')) checkSettlementAgent(p, participantPath(i));
    if (p.type === 'indirect') checkSponsor(p, fieldPath(participantPath(i), 'sponsor'), byBic);
  });
}

function checkAgent(currency: CurrencyConfig, path: string, byBic: ReadonlyMap<string, ParticipantConfig>): void {
  const agent = byBic.get(currency.agent);
  if (agent === undefined) throw new ConfigError(path, `${currency.agent} is not a participant of this config (see $.participants)`);
  if (!agent.roles.includes('settlement_agent')) throw new ConfigError(path, `${currency.agent} lacks the settlement_agent role, so it cannot be the agent of ${currency.code}`);
}

/**
 * A settlement agent issues the currency from its agent account and holds no settlement account:
 * it joins its currencies by being named their agent, and takes no payments.
 */
function checkSettlementAgent(p: ParticipantConfig, path: string): void {
  if (p.type !== 'direct') throw new ConfigError(fieldPath(path, 'type'), 'a settlement agent must be a direct participant');
  if (p.roles.length !== 1) throw new ConfigError(fieldPath(path, 'roles'), 'a settlement agent takes no payments: give it the settlement_agent role alone');
  if (p.currencies.length > 0) {
    throw new ConfigError(fieldPath(path, 'currencies'), 'a settlement agent joins the currencies it is the agent of (see $.currencies); leave this empty');
  }
}

function checkSponsor(p: ParticipantConfig, path: string, byBic: ReadonlyMap<string, ParticipantConfig>): void {
  const sponsor = byBic.get(p.sponsor!);
  if (sponsor === undefined) throw new ConfigError(path, `${p.sponsor} is not a participant of this config (see $.participants)`);
  if (sponsor.type !== 'direct') throw new ConfigError(path, `${p.sponsor} is itself indirect; a sponsor must be a direct participant`);
  const missing = p.currencies.filter((code) => !sponsor.currencies.includes(code));
  if (missing.length > 0) throw new ConfigError(path, `${p.sponsor} does not hold ${missing.join(', ')}, which ${p.bic} settles through it`);
}

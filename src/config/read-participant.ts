/** Reads one entry of `participants`: its own fields, checked against the config's currencies. */
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
  webhookUrlLengthMax,
  webhookUrlOk,
} from '../core/network/text-rules.js';
import { participantRoles, participantTypes, type ParticipantType, type WebhookTarget } from '../core/network/types.js';
import { AmountTextError, parseDecimalAmount } from './amounts.js';
import {
  ConfigError,
  fieldPath,
  indexPath,
  jsonType,
  readArray,
  readChoice,
  readObject,
  readPatterned,
  readPositive,
  readRecord,
  readString,
  rejectDuplicates,
  shown,
} from './json-reader.js';
import { apiKeysPerParticipantMax, currenciesMax, weightMax } from './limits.js';
import type { ApiKeyConfig, CurrencyConfig, LimitsConfig, ParticipantConfig } from './types.js';

export const bicRule = 'a BIC (ISO 9362: 4 letters, 2-letter country, 2 letters or digits, optionally 3 more)';
export const currencyCodeRule = 'an ISO 4217 code (three capital letters)';

const required = ['bic', 'name', 'country', 'type', 'roles', 'currencies'] as const;
const optional = ['sponsor', 'limits', 'apiKeys', 'webhook', 'weight'] as const;

export function readParticipant(value: unknown, path: string, currencies: ReadonlyMap<string, CurrencyConfig>): ParticipantConfig {
  const o = readObject(value, path, required, optional);
  const bic = readPatterned(o.bic, fieldPath(path, 'bic'), bicPattern, bicRule);
  const name = readString(o.name, fieldPath(path, 'name'));
  if (!textOk(name, nameLengthMax, 1)) throw new ConfigError(fieldPath(path, 'name'), `must have 1 to ${nameLengthMax} characters and no control characters`);
  const country = readPatterned(o.country, fieldPath(path, 'country'), countryPattern, 'an ISO 3166 alpha-2 country code (two capital letters)');
  const type = readChoice(o.type, fieldPath(path, 'type'), participantTypes);
  const roles = readRoles(o.roles, fieldPath(path, 'roles'));
  const held = readCurrencyList(o.currencies, fieldPath(path, 'currencies'), currencies);
  return {
    bic,
    name,
    country,
    type,
    sponsor: readSponsor(o.sponsor, fieldPath(path, 'sponsor'), type),
    roles,
    currencies: held,
    limits: o.limits === undefined ? [] : readLimits(o.limits, fieldPath(path, 'limits'), type, held, currencies),
    apiKeys: o.apiKeys === undefined ? [] : readApiKeys(o.apiKeys, fieldPath(path, 'apiKeys')),
    webhook: o.webhook === undefined || o.webhook === null ? null : readWebhook(o.webhook, fieldPath(path, 'webhook')),
    weight: o.weight === undefined ? 1 : readPositive(o.weight, fieldPath(path, 'weight'), weightMax),
  };
}

function readSponsor(value: unknown, path: string, type: ParticipantType): string | null {
  const absent = value === undefined || value === null;
  if (type === 'direct') {
    if (!absent) throw new ConfigError(path, 'a direct participant settles on its own accounts and has no sponsor');
    return null;
  }
  if (absent) throw new ConfigError(path, 'missing: an indirect participant needs a direct participant as sponsor');
  return readPatterned(value, path, bicPattern, bicRule);
}

function readRoles(value: unknown, path: string): ParticipantConfig['roles'] {
  const roles = readArray(value, path, participantRoles.length).map((role, i) => readChoice(role, indexPath(path, i), participantRoles));
  if (roles.length === 0) throw new ConfigError(path, `needs at least one role of ${participantRoles.join(', ')}`);
  rejectDuplicates(roles, (i) => indexPath(path, i), 'role');
  return roles;
}

function readCurrencyList(value: unknown, path: string, currencies: ReadonlyMap<string, CurrencyConfig>): string[] {
  const codes = readArray(value, path, currenciesMax).map((code, i) => {
    const at = indexPath(path, i);
    const text = readPatterned(code, at, currencyCodePattern, currencyCodeRule);
    if (!currencies.has(text)) throw new ConfigError(at, `${shown(text)} is not a currency of this config (see $.currencies)`);
    return text;
  });
  rejectDuplicates(codes, (i) => indexPath(path, i), 'currency');
  return codes;
}

function readLimits(value: unknown, path: string, type: ParticipantType, held: readonly string[], currencies: ReadonlyMap<string, CurrencyConfig>): LimitsConfig[] {
  const o = readRecord(value, path, currenciesMax);
  if (type === 'indirect' && Object.keys(o).length > 0) {
    throw new ConfigError(path, 'an indirect participant settles on its sponsor’s accounts; limits belong to the sponsor');
  }
  return Object.entries(o).map(([code, entry]) => {
    const at = fieldPath(path, code);
    if (!currencyCodePattern.test(code)) throw new ConfigError(at, `the key ${shown(code)} is not ${currencyCodeRule}`);
    if (!held.includes(code)) throw new ConfigError(at, `${code} is not one of this participant’s currencies (${held.join(', ') || 'none'})`);
    const limits = readObject(entry, at, [], ['creditLine', 'netDebitCap']);
    if (limits.creditLine === undefined && limits.netDebitCap === undefined) throw new ConfigError(at, 'give creditLine, netDebitCap or both');
    const exponent = currencies.get(code)!.exponent;
    return {
      currency: code,
      creditLine: limits.creditLine === undefined ? null : readAmount(limits.creditLine, fieldPath(at, 'creditLine'), code, exponent),
      netDebitCap: limits.netDebitCap === undefined ? null : readAmount(limits.netDebitCap, fieldPath(at, 'netDebitCap'), code, exponent),
    };
  });
}

export function readAmount(value: unknown, path: string, code: string, exponent: number): bigint {
  if (typeof value !== 'string') throw new ConfigError(path, `expected a decimal string like "1000.00", got ${jsonType(value)}`);
  try {
    return parseDecimalAmount(value, exponent);
  } catch (error) {
    if (error instanceof AmountTextError) throw new ConfigError(path, `${code} amount ${error.message}`);
    throw error;
  }
}

function readApiKeys(value: unknown, path: string): ApiKeyConfig[] {
  return readArray(value, path, apiKeysPerParticipantMax).map((entry, i) => {
    const at = indexPath(path, i);
    const o = readObject(entry, at, ['keyId', 'secretHash']);
    return {
      keyId: readPatterned(o.keyId, fieldPath(at, 'keyId'), keyIdPattern, 'a key id (8 to 32 letters or digits)'),
      secretHash: readPatterned(o.secretHash, fieldPath(at, 'secretHash'), sha256HexPattern, 'a SHA-256 hash (64 lowercase hex digits)'),
    };
  });
}

function readWebhook(value: unknown, path: string): WebhookTarget {
  const o = readObject(value, path, ['url', 'secret']);
  const url = readString(o.url, fieldPath(path, 'url'));
  if (!webhookUrlOk(url)) throw new ConfigError(fieldPath(path, 'url'), `${shown(url)} is not an http(s) URL of at most ${webhookUrlLengthMax} characters`);
  const secret = readString(o.secret, fieldPath(path, 'secret'));
  // The secret is never repeated in a message: error output ends up in logs.
  if (!textOk(secret, webhookSecretLengthMax, webhookSecretLengthMin)) {
    throw new ConfigError(fieldPath(path, 'secret'), `must have ${webhookSecretLengthMin} to ${webhookSecretLengthMax} characters and no control characters`);
  }
  return { url, secret };
}

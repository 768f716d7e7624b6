/**
 * The node configuration file that `corridor serve --config FILE` reads (JSON): the currencies,
 * the participants with their limits, API keys and webhooks, and the node's request limits.
 * Reading it is strict — unknown fields, wrong types and broken references are refused with the
 * JSON path of the first problem — and turns it into the network commands that set it up.
 * JSON.parse keeps the last of duplicate keys in one object; the file format cannot see them.
 */
import { currencyByCode } from '../core/money/index.js';
import { bicPattern, currencyCodePattern } from '../core/network/text-rules.js';
import { parseEndOfDay, settlementTickMsMax, settlementTickMsMin, windowSecondsMax, windowSecondsMin } from '../core/network/settlement-state.js';
import { settlementModes } from '../core/network/types.js';
import { queueOrders } from '../core/settlement/types.js';
import { checkCrossReferences } from './cross-checks.js';
import { ConfigError, fieldPath, indexPath, readArray, readChoice, readInteger, readObject, readPatterned, readString, rejectDuplicates, shown } from './json-reader.js';
import {
  bodyBytesMaxLimit,
  bodyBytesMin,
  configTextLengthMax,
  currenciesMax,
  nodeLimitsDefaults,
  participantsMax,
  requestsPerSecondPerKeyMax,
  settlementClockDefaults,
} from './limits.js';
import { bicRule, currencyCodeRule, readParticipant } from './read-participant.js';
import type { CurrencyConfig, NodeConfig, NodeLimitsConfig, SettlementClockConfig } from './types.js';

export type { ApiKeyConfig, CurrencyConfig, LimitsConfig, NodeConfig, NodeLimitsConfig, ParticipantConfig, SettlementClockConfig } from './types.js';
export { ConfigError } from './json-reader.js';
export { configCommands } from './commands.js';
export { formatNodeConfig } from './format.js';
export { nodeLimitsDefaults, settlementClockDefaults } from './limits.js';

/** Reads and checks a configuration file's text. Throws ConfigError naming the first problem. */
export function parseNodeConfig(text: string): NodeConfig {
  if (text.length > configTextLengthMax) throw new ConfigError('$', `the file has ${text.length} characters; at most ${configTextLengthMax} allowed`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('$', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = readObject(value, '$', ['currencies', 'participants'], ['limits', 'settlement']);
  const currencies = readArray(root.currencies, '$.currencies', currenciesMax).map((entry, i) => readCurrency(entry, indexPath('$.currencies', i)));
  rejectDuplicates(currencies.map((c) => c.code), (i) => fieldPath(indexPath('$.currencies', i), 'code'), 'currency');
  const byCode = new Map(currencies.map((c) => [c.code, c]));
  const participants = readArray(root.participants, '$.participants', participantsMax).map((entry, i) => readParticipant(entry, indexPath('$.participants', i), byCode));
  checkCrossReferences(currencies, participants);
  return { currencies, participants, limits: readNodeLimits(root.limits, '$.limits'), settlement: readSettlementClock(root.settlement, '$.settlement') };
}

function readCurrency(value: unknown, path: string): CurrencyConfig {
  const o = readObject(value, path, ['code', 'mode', 'agent'], ['windowSeconds', 'queueOrder']);
  const code = readPatterned(o.code, fieldPath(path, 'code'), currencyCodePattern, currencyCodeRule);
  // core/money's table: ISO 4217 (currency-codes) without metals and units of account, plus XTS for tests.
  const iso = currencyByCode(code);
  if (iso === undefined) throw new ConfigError(fieldPath(path, 'code'), `${shown(code)} is not an ISO 4217 currency with a minor unit`);
  const mode = readChoice(o.mode, fieldPath(path, 'mode'), settlementModes);
  let currency: CurrencyConfig = {
    code,
    mode,
    agent: readPatterned(o.agent, fieldPath(path, 'agent'), bicPattern, bicRule),
    exponent: iso.exponent,
    ledger: iso.numeric,
  };
  if (o.queueOrder !== undefined) {
    if (mode === 'dns') throw new ConfigError(fieldPath(path, 'queueOrder'), `a queue order exists in rtgs and rtgs-lsm currencies only; ${code} settles dns`);
    currency = { ...currency, queueOrder: readChoice(o.queueOrder, fieldPath(path, 'queueOrder'), queueOrders) };
  }
  if (o.windowSeconds === undefined) return currency;
  if (mode !== 'dns') throw new ConfigError(fieldPath(path, 'windowSeconds'), `settlement windows exist in dns currencies only; ${code} settles ${mode}`);
  return { ...currency, windowSeconds: readInteger(o.windowSeconds, fieldPath(path, 'windowSeconds'), windowSecondsMin, windowSecondsMax) };
}

/** The settlement clock: how often it looks (ms) and when the business day ends ("HH:MM" UTC, or null). */
export function readSettlementClock(value: unknown, path: string): SettlementClockConfig {
  if (value === undefined) return { ...settlementClockDefaults };
  const o = readObject(value, path, [], ['tickMs', 'endOfDay']);
  const tickMs = o.tickMs === undefined ? settlementClockDefaults.tickMs : readInteger(o.tickMs, fieldPath(path, 'tickMs'), settlementTickMsMin, settlementTickMsMax);
  if (o.endOfDay === undefined || o.endOfDay === null) return { tickMs, endOfDay: null };
  const endOfDay = readString(o.endOfDay, fieldPath(path, 'endOfDay'));
  try {
    parseEndOfDay(endOfDay);
  } catch (error) {
    throw new ConfigError(fieldPath(path, 'endOfDay'), (error as Error).message);
  }
  return { tickMs, endOfDay };
}

function readNodeLimits(value: unknown, path: string): NodeLimitsConfig {
  if (value === undefined) return { ...nodeLimitsDefaults };
  const o = readObject(value, path, [], ['requestsPerSecondPerKey', 'bodyBytesMax']);
  return {
    requestsPerSecondPerKey:
      o.requestsPerSecondPerKey === undefined
        ? nodeLimitsDefaults.requestsPerSecondPerKey
        : readInteger(o.requestsPerSecondPerKey, fieldPath(path, 'requestsPerSecondPerKey'), 1, requestsPerSecondPerKeyMax),
    bodyBytesMax: o.bodyBytesMax === undefined ? nodeLimitsDefaults.bodyBytesMax : readInteger(o.bodyBytesMax, fieldPath(path, 'bodyBytesMax'), bodyBytesMin, bodyBytesMaxLimit),
  };
}

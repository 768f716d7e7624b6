import { currencyByCode, parseAmount, type Currency } from '../money/index.js';
import { daySecondsMax, participantIdCharsMax, participantsMax, paymentIdCharsMax, paymentsPerDayMax } from './limits.js';
import type { Scenario, ScenarioPayment } from './simulation.js';
import type { ParticipantSetup, SettlementMode } from './types.js';

/** A scenario file's content, or the first thing wrong with it (with its JSON path). */
export type ScenarioParse = { ok: true; scenario: Scenario } | { ok: false; error: string };

const modes: readonly SettlementMode[] = ['rtgs', 'rtgs-lsm', 'dns'];

class ScenarioError extends Error {}

/** Parses the DESIGN.md §5 scenario format. Unknown fields are ignored; everything else is checked. */
export function parseScenario(text: string): ScenarioParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  try {
    return { ok: true, scenario: scenarioOf(json) };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, error: error.message };
    throw error;
  }
}

function scenarioOf(json: unknown): Scenario {
  const root = object(json, '(root)');
  const code = root.currency;
  if (typeof code !== 'string') fail('currency: expected an ISO 4217 code like "XTS"');
  const currency = currencyByCode(code);
  if (currency === undefined) fail(`currency: ${JSON.stringify(code)} is not an ISO 4217 settlement currency`);
  const mode = modes.find((m) => m === root.mode);
  if (mode === undefined) fail(`mode: expected one of ${modes.map((m) => `"${m}"`).join(', ')}`);
  const participants = list(root.participants, 'participants', 1, participantsMax).map((p, i) => participantOf(p, `participants[${i}]`, currency));
  const ids = new Set<string>();
  participants.forEach((p, i) => {
    if (ids.has(p.id)) fail(`participants[${i}].id: ${p.id} appears twice`);
    ids.add(p.id);
  });
  const paymentIds = new Set<string>();
  const payments = list(root.payments, 'payments', 0, paymentsPerDayMax).map((p, i) => {
    const payment = paymentOf(p, `payments[${i}]`, currency, ids);
    if (paymentIds.has(payment.id)) fail(`payments[${i}].id: ${payment.id} appears twice`);
    paymentIds.add(payment.id);
    return payment;
  });
  return { currency, mode, participants, payments };
}

function participantOf(json: unknown, where: string, currency: Currency): ParticipantSetup {
  const p = object(json, where);
  const id = text(p.id, `${where}.id`, participantIdCharsMax);
  return { id, balance: amount(p.balance, `${where}.balance`, currency, true), creditLine: amount(p.creditLine ?? '0', `${where}.creditLine`, currency, true) };
}

function paymentOf(json: unknown, where: string, currency: Currency, participants: ReadonlySet<string>): ScenarioPayment {
  const p = object(json, where);
  const id = text(p.id, `${where}.id`, paymentIdCharsMax);
  const from = text(p.from, `${where}.from`, participantIdCharsMax);
  const to = text(p.to, `${where}.to`, participantIdCharsMax);
  if (!participants.has(from)) fail(`${where}.from: unknown participant ${from}`);
  if (!participants.has(to)) fail(`${where}.to: unknown participant ${to}`);
  if (from === to) fail(`${where}: payment to self (${from})`);
  const at = p.at;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at > daySecondsMax) {
    fail(`${where}.at: expected seconds since start of day, 0 to ${daySecondsMax}`);
  }
  const priority = p.priority ?? 'normal';
  if (priority !== 'normal' && priority !== 'urgent') fail(`${where}.priority: expected "normal" or "urgent"`);
  return { id, from, to, amount: amount(p.amount, `${where}.amount`, currency, false), atSeconds: at, priority };
}

function amount(json: unknown, where: string, currency: Currency, allowZero: boolean): bigint {
  if (typeof json !== 'string') fail(`${where}: expected a decimal string like "10.00"`);
  const parsed = parseAmount(json, currency, { allowZero });
  if (!parsed.ok) fail(`${where}: ${parsed.detail}`);
  return parsed.minor;
}

function object(json: unknown, where: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail(`${where}: expected an object`);
  return json as Record<string, unknown>;
}

function list(json: unknown, where: string, min: number, max: number): unknown[] {
  if (!Array.isArray(json)) fail(`${where}: expected an array`);
  if (json.length < min || json.length > max) fail(`${where}: expected ${min} to ${max} entries, found ${json.length}`);
  return json as unknown[];
}

function text(json: unknown, where: string, max: number): string {
  if (typeof json !== 'string' || json.length === 0 || json.length > max) fail(`${where}: expected a string of 1 to ${max} characters`);
  return json;
}

function fail(message: string): never {
  throw new ScenarioError(message);
}

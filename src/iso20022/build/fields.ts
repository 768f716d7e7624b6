import { isBicWellFormed } from '../bic.js';
import { isIbanChecksumValid } from '../iban.js';
import { isUuidV4 } from '../uuid.js';
import { IsoBuildError } from './errors.js';

/**
 * Checks of one input field against its ISO 20022 data type. Each returns the value so a
 * builder reads `leaf('Nm', text(party.name, 140, field))`; each throws IsoBuildError when
 * the value is outside the type (see errors.ts for why that is a programmer error).
 */

const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Why a text does not fit MaxNText, or null. The XSD counts characters (code points), not
 * UTF-16 units. Edge whitespace is refused because receivers trim it (CBPR+ forbids it), so
 * the text would not arrive as sent.
 */
export function textProblem(value: string, maxChars: number): string | null {
  if (value.length === 0) return 'is empty';
  if (notXmlChar.test(value)) return 'holds a character XML 1.0 cannot carry';
  if (value.trim() !== value) return 'starts or ends with whitespace';
  const chars = [...value].length;
  return chars > maxChars ? `has ${chars} characters, more than ${maxChars}` : null;
}

export function text(value: string, maxChars: number, field: string): string {
  return checked(value, field, textProblem(value, maxChars));
}

export function bic(value: string, field: string): string {
  return checked(value, field, isBicWellFormed(value) ? null : 'is not a BIC (ISO 9362)');
}

export function uetr(value: string, field: string): string {
  return checked(value, field, isUuidV4(value) ? null : 'is not a lower-case UUID v4');
}

export function iban(value: string, field: string): string {
  return checked(value, field, isIbanChecksumValid(value) ? null : 'is not an IBAN with valid check digits');
}

export function country(value: string, field: string): string {
  return checked(value, field, /^[A-Z]{2}$/.test(value) ? null : 'is not an ISO 3166 alpha-2 country code');
}

/** External code lists (status, reason, bank transaction codes) are 1 to 4 upper-case letters or digits. */
export function code(value: string, field: string): string {
  return checked(value, field, /^[A-Z0-9]{1,4}$/.test(value) ? null : 'is not an ISO external code');
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** ISODate: a real calendar day, YYYY-MM-DD. */
export function isoDate(value: string, field: string): string {
  const match = datePattern.exec(value);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  const real = day !== null && day.toISOString().slice(0, 10) === value;
  return checked(value, field, real ? null : 'is not a date YYYY-MM-DD');
}

/** CBPR+ requires the UTC offset on every ISODateTime, so a bare local time is refused. */
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function isoDateTime(value: string, field: string): string {
  const ok = dateTimePattern.test(value) && !Number.isNaN(Date.parse(value)) && isoDate(value.slice(0, 10), field) === value.slice(0, 10);
  return checked(value, field, ok ? null : 'is not a date-time with offset, like 2024-05-01T10:15:30+00:00');
}

/** Epoch milliseconds (chosen by the caller, never read from a clock here) as ISODateTime in UTC. */
export function isoDateTimeOfMs(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  const seconds = iso.endsWith('.000Z') ? iso.slice(0, -5) : iso.slice(0, -1);
  return `${seconds}+00:00`;
}

/**
 * BaseOneRate: xs:decimal with at most 10 fraction digits and 11 digits in all; written
 * plainly (no exponent, no sign) and positive, since a zero rate converts nothing.
 */
export function exchangeRate(value: string, field: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  const whole = (match?.[1] ?? '').replace(/^0+/, '');
  const fraction = match?.[2] ?? '';
  const fits = match !== null && fraction.length <= 10 && whole.length + fraction.length <= 11 && /[1-9]/.test(value);
  return checked(value, field, fits ? null : 'is not a positive rate with at most 11 digits, 10 after the point');
}

function checked(value: string, field: string, problem: string | null): string {
  if (problem !== null) throw new IsoBuildError(field, `${problem} (${JSON.stringify(value.slice(0, 40))})`);
  return value;
}

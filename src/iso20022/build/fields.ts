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
  // A code point is one or two UTF-16 units: only a longer text can have too many.
  const chars = value.length <= maxChars ? value.length : [...value].length;
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
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A day of the Gregorian calendar, by arithmetic (a Date costs microseconds per call, and the
 * builders check several dates per message). Years before 0100 are refused: no payment is
 * dated then (and the Date-based check this replaces refused them too).
 */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : daysInMonth[month - 1]!);
}

/** ISODate: a real calendar day, YYYY-MM-DD. */
export function isoDate(value: string, field: string): string {
  const match = datePattern.exec(value);
  const real = match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return checked(value, field, real ? null : 'is not a date YYYY-MM-DD');
}

/** CBPR+ requires the UTC offset on every ISODateTime, so a bare local time is refused. */
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** A time of day as ECMAScript reads it: 24:00:00 (with no fraction but zeros) is the day's end; the offset is at most 23:59. */
function isDateTime(match: RegExpExecArray): boolean {
  if (!isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) return false;
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  const fraction = match[7];
  const time = hour < 24 ? minute < 60 && second < 60 : hour === 24 && minute === 0 && second === 0 && (fraction === undefined || Number(fraction) === 0);
  const offset = match[8] === undefined || (Number(match[8]) <= 23 && Number(match[9]) <= 59);
  return time && offset;
}

export function isoDateTime(value: string, field: string): string {
  const match = dateTimePattern.exec(value);
  const ok = match !== null && isDateTime(match);
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

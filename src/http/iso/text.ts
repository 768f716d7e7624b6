/**
 * Text between the API's records and ISO 20022 fields. The records hold what was accepted (JSON
 * text up to its length, or text read from XML); ISO text types refuse edge whitespace and the
 * characters XML 1.0 cannot carry, and the builders throw on them. These helpers make any
 * accepted text writable, and the network's own limits fit text read from a message.
 */
import { createHash } from 'node:crypto';
import type { NetworkState } from '../../core/network/state.js';
import { isoMicros } from '../views.js';

/** What ISO 20022 (and SWIFT's MT translation) writes where a mandatory text is not known. */
export const notProvided = 'NOTPROVIDED';

const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// eslint-disable-next-line no-control-regex
const controlRun = /[\u0000-\u001f\u007f]+/g;

/** Cut to at most `max` UTF-16 units (the core's length rule) without splitting a surrogate pair. */
function clipUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}

/** Text for an ISO field: characters XML cannot carry replaced, runs of control characters (tab, newline) as one space, trimmed, at most `max` characters; undefined when nothing is left. */
export function isoText(value: string | null | undefined, max: number): string | undefined {
  if (value === null || value === undefined) return undefined;
  const cleaned = clipUnits(value.replace(notXmlChar, '\uFFFD').replace(controlRun, ' ').trim(), max).trim();
  return cleaned === '' ? undefined : cleaned;
}

/** Mandatory ISO text: as isoText, or NOTPROVIDED. */
export function isoTextOr(value: string | null | undefined, max: number): string {
  return isoText(value, max) ?? notProvided;
}

/** Text read from a message for the network's records: no control characters, within the core's length in UTF-16 units. */
export function recordText(value: string | null | undefined, max: number): string {
  return isoText(value, max) ?? '';
}

/** µs since the epoch → ISODateTime with offset, keeping the microseconds: 2026-11-29T09:40:00.123456+00:00. */
export function isoDateTimeOfMicros(us: number): string {
  return `${isoMicros(us).slice(0, -1)}+00:00`;
}

/** µs since the epoch → the UTC day, YYYY-MM-DD. */
export function isoDateOfMicros(us: number): string {
  return isoMicros(us).slice(0, 10);
}

/** ISO 20022 Max35Text identifiers of our own: deterministic, so reading again gives the same message. */
export function hashedId(prefix: string, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${prefix}${digest}`.slice(0, 35);
}

/** A deterministic UUID v4 (lowercase), for transactions of message versions that carry no UETR. */
export function derivedUetr(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[parseInt(hex[16]!, 16) % 4]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * The registered participant a BIC in a message names: itself, or the same institution written
 * as BIC8/BIC11 with the XXX branch (ABCDEFGH ≡ ABCDEFGHXXX); null when none is registered.
 */
export function resolveBic(network: NetworkState, bic: string): string | null {
  if (network.participants.has(bic)) return bic;
  const other = bic.length === 11 && bic.endsWith('XXX') ? bic.slice(0, 8) : bic.length === 8 ? `${bic}XXX` : null;
  return other !== null && network.participants.has(other) ? other : null;
}

/** May `sender` instruct for `bic`: it is the sender, or an indirect participant the sender sponsors. */
export function mayInstructFor(network: NetworkState, sender: string, bic: string): boolean {
  const resolved = resolveBic(network, bic);
  if (resolved === null) return false;
  return resolved === sender || network.participants.get(resolved)?.sponsor === sender;
}


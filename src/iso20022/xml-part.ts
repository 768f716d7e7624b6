import libxml from 'libxmljs2';
import type { Document } from 'libxmljs2';
import { type IsoFailure, isoFailure } from './reasons.js';
import type { IsoPartSpan } from './xml-scan.js';

/**
 * libxml2 options: no entity substitution, no DTD loading or validation, no network, no
 * XInclude. The scan has already refused every construct these guard against; this is the
 * second lock on the same door.
 */
const parseOptions = {
  noent: false,
  dtdload: false,
  dtdvalid: false,
  dtdattr: false,
  nonet: true,
  xinclude: false,
  huge: false,
  recover: false,
} as const;

export type PartParse = { ok: true; doc: Document } | { ok: false; failure: IsoFailure };

/**
 * The part as a stand-alone document whose line numbers are the file's: as many newlines as
 * lines precede it, then the element with the namespace declarations it inherits from its
 * wrapper added to its start tag (on the same line, so no line moves).
 */
export function partText(file: string, span: IsoPartSpan): string {
  const inherited = [...span.inherited]
    .filter(([prefix]) => !span.declaredHere.has(prefix))
    .map(([prefix, uri]) => ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeAttribute(uri)}"`)
    .join('');
  return '\n'.repeat(span.line - 1) + file.slice(span.start, span.nameEnd) + inherited + file.slice(span.nameEnd, span.end);
}

export function parsePart(text: string): PartParse {
  try {
    const doc = libxml.parseXml(text, parseOptions);
    const first = doc.errors[0];
    if (first) return { ok: false, failure: isoFailure('xml_malformed', cleanMessage(first.message), first.line) };
    return { ok: true, doc };
  } catch (error) {
    // libxmljs2 throws a SyntaxError-like object for fatal parse errors: a user-caused failure.
    const { message, line } = error as { message?: unknown; line?: unknown };
    const detail = typeof message === 'string' ? cleanMessage(message) : 'not well-formed';
    return { ok: false, failure: isoFailure('xml_malformed', detail, typeof line === 'number' ? line : null) };
  }
}

export function cleanMessage(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

import type { Document } from 'libxmljs2';
import { decodeXmlBytes } from './decode.js';
import { type MessageId, messageIdOfNamespace } from './message-id.js';
import { type IsoFailure, isoFailure } from './reasons.js';
import type { SchemaStore } from './schemas.js';
import { parsePart, partText } from './xml-part.js';
import { type IsoPartSpan, scanXml } from './xml-scan.js';
import { schemaFailures } from './xsd.js';

/** One AppHdr or Document that passed its XML Schema. */
export interface IsoPart {
  readonly kind: 'AppHdr' | 'Document';
  readonly id: MessageId;
  readonly line: number;
  /** The part alone, parsed; its line numbers are the file's. */
  readonly doc: Document;
}

export interface SchemaValidMessage {
  readonly header: IsoPart | null;
  readonly document: IsoPart | null;
  /** The identifier to report: the Document's, or the AppHdr's when there is no Document. */
  readonly reported: MessageId;
}

export type IntakeResult =
  | { ok: true; message: SchemaValidMessage }
  | { ok: false; reported: MessageId | null; failures: IsoFailure[] };

/**
 * Secure intake of one file: decode, scan (refusing hostile XML before libxml2 sees it), find
 * every top-level ISO 20022 AppHdr/Document and validate each against the XSD of its namespace.
 */
export function readIsoFile(bytes: Uint8Array, schemas: SchemaStore): IntakeResult {
  const decoded = decodeXmlBytes(bytes);
  if (!decoded.ok) return { ok: false, reported: null, failures: [decoded.failure] };
  const scan = scanXml(decoded.text);
  if (!scan.ok) return { ok: false, reported: null, failures: [scan.failure] };
  const spans = scan.parts;
  if (spans.length === 0) {
    return { ok: false, reported: null, failures: [isoFailure('no_iso_message', 'no AppHdr or Document in an ISO 20022 namespace', null)] };
  }
  const documents = spans.filter((span) => span.localName === 'Document');
  const headers = spans.filter((span) => span.localName === 'AppHdr');
  const reportedSpan = documents[0] ?? headers[0];
  const reported = reportedSpan ? messageIdOfNamespace(reportedSpan.namespace) : null;
  if (documents.length > 1 || headers.length > 1) {
    const line = (documents[1] ?? headers[1])?.line ?? null;
    return { ok: false, reported, failures: [isoFailure('no_iso_message', 'more than one Document or AppHdr in one file', line)] };
  }
  const parts: IsoPart[] = [];
  for (const span of spans) {
    const checked = checkPart(decoded.text, span, schemas);
    if (!checked.ok) return { ok: false, reported, failures: checked.failures };
    parts.push(checked.part);
  }
  const header = parts.find((part) => part.kind === 'AppHdr') ?? null;
  const document = parts.find((part) => part.kind === 'Document') ?? null;
  if (reported === null) return { ok: false, reported, failures: [isoFailure('unknown_message', 'unrecognised ISO 20022 namespace', null)] };
  return { ok: true, message: { header, document, reported } };
}

type PartCheck = { ok: true; part: IsoPart } | { ok: false; failures: IsoFailure[] };

function checkPart(file: string, span: IsoPartSpan, schemas: SchemaStore): PartCheck {
  const id = messageIdOfNamespace(span.namespace);
  if (id === null) return { ok: false, failures: [isoFailure('unknown_message', `unrecognised ISO 20022 namespace ${span.namespace}`, span.line)] };
  const schema = schemas.schemaFor(id);
  if (!schema.ok) return { ok: false, failures: [isoFailure('unknown_message', schema.detail, span.line)] };
  const text = partText(file, span);
  const parsed = parsePart(text);
  if (!parsed.ok) return { ok: false, failures: [parsed.failure] };
  // The compiled schema gives the verdict fast; a part it does not pass is judged again by
  // libxmljs2, whose verdict stands and whose errors (with their lines) are reported.
  if (schemas.compiledFor(id)?.isValid(text) === true) return { ok: true, part: { kind: span.localName, id, line: span.line, doc: parsed.doc } };
  const failures = schemaFailures(parsed.doc, schema.schema);
  if (failures.length > 0) return { ok: false, failures };
  return { ok: true, part: { kind: span.localName, id, line: span.line, doc: parsed.doc } };
}

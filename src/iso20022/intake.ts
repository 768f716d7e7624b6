import type { Document } from 'libxmljs2';
import { decodeXmlBytes } from './decode.js';
import { type MessageId, messageIdOfNamespace } from './message-id.js';
import { type IsoFailure, isoFailure } from './reasons.js';
import type { SchemaStore } from './schemas.js';
import { parsePart, partText } from './xml-part.js';
import { type IsoPartSpan, scanXml } from './xml-scan.js';
import type { ValidatorPool } from './validator-pool.js';
import { schemaFailures } from './xsd.js';
import type { XmlElement } from './xml-tree.js';

/** One AppHdr or Document that passed its XML Schema. */
export interface IsoPart {
  readonly kind: 'AppHdr' | 'Document';
  readonly id: MessageId;
  readonly line: number;
  /** The part's elements as the scan read them (xml-tree.ts); line numbers are the file's. */
  readonly root: XmlElement;
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

/** The file decoded and scanned: its parts located, nothing parsed by libxml2 yet. */
type Located = { ok: true; text: string; spans: readonly IsoPartSpan[]; reported: MessageId | null } | { ok: false; result: IntakeResult };

function locateParts(bytes: Uint8Array): Located {
  const decoded = decodeXmlBytes(bytes);
  if (!decoded.ok) return { ok: false, result: { ok: false, reported: null, failures: [decoded.failure] } };
  const scan = scanXml(decoded.text);
  if (!scan.ok) return { ok: false, result: { ok: false, reported: null, failures: [scan.failure] } };
  const spans = scan.parts;
  if (spans.length === 0) {
    return { ok: false, result: { ok: false, reported: null, failures: [isoFailure('no_iso_message', 'no AppHdr or Document in an ISO 20022 namespace', null)] } };
  }
  const documents = spans.filter((span) => span.localName === 'Document');
  const headers = spans.filter((span) => span.localName === 'AppHdr');
  const reportedSpan = documents[0] ?? headers[0];
  const reported = reportedSpan ? messageIdOfNamespace(reportedSpan.namespace) : null;
  if (documents.length > 1 || headers.length > 1) {
    const line = (documents[1] ?? headers[1])?.line ?? null;
    return { ok: false, result: { ok: false, reported, failures: [isoFailure('no_iso_message', 'more than one Document or AppHdr in one file', line)] } };
  }
  return { ok: true, text: decoded.text, spans, reported };
}

function assemble(parts: readonly IsoPart[], reported: MessageId | null): IntakeResult {
  const header = parts.find((part) => part.kind === 'AppHdr') ?? null;
  const document = parts.find((part) => part.kind === 'Document') ?? null;
  if (reported === null) return { ok: false, reported, failures: [isoFailure('unknown_message', 'unrecognised ISO 20022 namespace', null)] };
  return { ok: true, message: { header, document, reported } };
}

/**
 * Secure intake of one file: decode, scan (refusing hostile XML before libxml2 sees it, and
 * reading the elements), find every top-level ISO 20022 AppHdr/Document and validate each
 * against the XSD of its namespace.
 */
export function readIsoFile(bytes: Uint8Array, schemas: SchemaStore): IntakeResult {
  const located = locateParts(bytes);
  if (!located.ok) return located.result;
  const parts: IsoPart[] = [];
  for (const span of located.spans) {
    const prepared = preparePart(located.text, span, schemas);
    if (!prepared.ok) return { ok: false, reported: located.reported, failures: prepared.failures };
    const checked = judgePart(prepared, schemas.compiledFor(prepared.id)?.isValid(prepared.text) === true);
    if (!checked.ok) return { ok: false, reported: located.reported, failures: checked.failures };
    parts.push(checked.part);
  }
  return assemble(parts, located.reported);
}

/**
 * The same intake, with the XSD verdict from a pool of validator threads. What the pool does not
 * pass (or cannot judge) is judged here as readIsoFile would, so the result is the same either way.
 */
export async function readIsoFileWithPool(bytes: Uint8Array, schemas: SchemaStore, pool: ValidatorPool): Promise<IntakeResult> {
  const located = locateParts(bytes);
  if (!located.ok) return located.result;
  const prepared: Prepared[] = located.spans.map((span) => preparePart(located.text, span, schemas));
  // Every part goes to the pool at once; the verdicts are read in file order.
  const verdicts = prepared.map((part) => (part.ok ? pool.isValid(part.id, part.text) : null));
  const parts: IsoPart[] = [];
  for (const [index, part] of prepared.entries()) {
    if (!part.ok) return { ok: false, reported: located.reported, failures: part.failures };
    const valid = (await verdicts[index]) ?? schemas.compiledFor(part.id)?.isValid(part.text) ?? false;
    const checked = judgePart(part, valid);
    if (!checked.ok) return { ok: false, reported: located.reported, failures: checked.failures };
    parts.push(checked.part);
  }
  return assemble(parts, located.reported);
}

type Prepared = { ok: true; id: MessageId; schema: Document; text: string; span: IsoPartSpan } | { ok: false; failures: IsoFailure[] };

/** Its schema found and the part cut out as a document of its own. */
function preparePart(file: string, span: IsoPartSpan, schemas: SchemaStore): Prepared {
  const id = messageIdOfNamespace(span.namespace);
  if (id === null) return { ok: false, failures: [isoFailure('unknown_message', `unrecognised ISO 20022 namespace ${span.namespace}`, span.line)] };
  const schema = schemas.schemaFor(id);
  if (!schema.ok) return { ok: false, failures: [isoFailure('unknown_message', schema.detail, span.line)] };
  return { ok: true, id, schema: schema.schema, text: partText(file, span), span };
}

type PartCheck = { ok: true; part: IsoPart } | { ok: false; failures: IsoFailure[] };

/**
 * A compiled schema's pass (fastValid) is the verdict; a part it does not pass is parsed and
 * judged again by libxmljs2, whose verdict stands and whose errors (with their lines) are
 * reported. Either way libxml2 has parsed the part before its tree is read.
 */
function judgePart(prepared: Extract<Prepared, { ok: true }>, fastValid: boolean): PartCheck {
  const { id, span } = prepared;
  const part: IsoPart = { kind: span.localName, id, line: span.line, root: span.root };
  if (fastValid) return { ok: true, part };
  const parsed = parsePart(prepared.text);
  if (!parsed.ok) return { ok: false, failures: [parsed.failure] };
  const failures = schemaFailures(parsed.doc, prepared.schema);
  if (failures.length > 0) return { ok: false, failures };
  return { ok: true, part };
}

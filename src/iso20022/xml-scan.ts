import {
  isoPartsPerFileMax,
  xmlAttributesPerElementMax,
  xmlDepthMax,
  xmlElementsMax,
  xmlNameCharsMax,
  xmlNamespacesInScopeMax,
} from './limits.js';
import { type IsoFailure, type IsoFailureKind, isoFailure } from './reasons.js';
import { firstBadReference } from './xml-refs.js';
import { LineCounter } from './line-counter.js';
import { type XmlElement, type XmlElementBuilder, decodeReferences, openXmlElement } from './xml-tree.js';

export const isoNamespacePrefix = 'urn:iso:std:iso:20022:tech:xsd:';

/** XInclude would make libxml2 read other files; the namespace alone is reason to refuse. */
const xincludeNamespaces = new Set(['http://www.w3.org/2001/XInclude', 'http://www.w3.org/2003/XInclude']);

/**
 * A name is a run of characters other than these and JavaScript's \s (the permissive check of
 * docs/iso20022.md, Known limits); read by char code, as the scan does it for every tag.
 */
const asciiNameChars = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code += 1) table[code] = '/>=<"\'&!? \t\n\v\f\r'.includes(String.fromCharCode(code)) ? 0 : 1;
  return table;
})();

export function isNameChar(code: number): boolean {
  if (code < 128) return asciiNameChars[code] === 1;
  return !(code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff);
}

/** XML whitespace: space, tab, CR, LF. */
function isXmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

const exclamation = 33;
const question = 63;
const slash = 47;

/** Where one top-level ISO 20022 AppHdr or Document sits in the file. */
export interface IsoPartSpan {
  readonly localName: 'AppHdr' | 'Document';
  readonly namespace: string;
  /** File line of the element's start tag. */
  readonly line: number;
  /** Offset of its '<'. */
  readonly start: number;
  /** Offset just after its name in the start tag, where inherited xmlns can be inserted. */
  readonly nameEnd: number;
  /** Offset just after its end tag. */
  readonly end: number;
  /** Namespace bindings in scope at its parent (prefix '' is the default namespace). */
  readonly inherited: ReadonlyMap<string, string>;
  /** Prefixes the element declares itself. */
  readonly declaredHere: ReadonlySet<string>;
  /** Its elements, read in the same pass (xml-tree.ts); to be trusted once the part passed its XSD. */
  readonly root: XmlElement;
}

export type ScanResult = { ok: true; parts: IsoPartSpan[] } | { ok: false; failure: IsoFailure };

interface OpenElement {
  readonly qname: string;
  readonly line: number;
  readonly scope: ReadonlyMap<string, string>;
  readonly insidePart: boolean;
  readonly part: Omit<IsoPartSpan, 'end'> | null;
  /** The element in its part's tree; null outside ISO parts. */
  readonly node: XmlElementBuilder | null;
}

interface StartTag {
  readonly qname: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly selfClosing: boolean;
  readonly after: number;
}

/**
 * A strict, bounded pass over the whole file before libxml2 sees any of it: checks that it is
 * well-formed, refuses DTDs, entities, XInclude and non-UTF-8 declarations, enforces limits.ts,
 * resolves namespaces and records where each top-level ISO 20022 AppHdr/Document lies.
 */
export function scanXml(text: string): ScanResult {
  const scanner = new Scanner(text);
  return scanner.run() ? { ok: true, parts: scanner.parts } : { ok: false, failure: scanner.failure ?? fallbackFailure };
}

const fallbackFailure = isoFailure('xml_malformed', 'not well-formed', null);

class Scanner {
  readonly parts: IsoPartSpan[] = [];
  failure: IsoFailure | null = null;
  private pos = 0;
  private elements = 0;
  private rootClosed = false;
  private readonly stack: OpenElement[] = [];
  private readonly lines: LineCounter;

  constructor(private readonly text: string) {
    this.lines = new LineCounter(text);
  }

  run(): boolean {
    if (!this.declaration()) return false;
    while (this.pos < this.text.length) {
      const lt = this.text.indexOf('<', this.pos);
      const end = lt === -1 ? this.text.length : lt;
      if (!this.characterData(this.pos, end)) return false;
      if (lt === -1) break;
      this.pos = lt;
      if (!this.markup()) return false;
    }
    const open = this.stack.at(-1);
    if (open) return this.fail('xml_malformed', `<${open.qname}> opened on line ${open.line} is never closed`, this.text.length);
    if (!this.rootClosed) return this.fail('xml_malformed', 'no root element: not an XML document', 0);
    return true;
  }

  private fail(kind: IsoFailureKind, detail: string, offset: number): false {
    this.failure = isoFailure(kind, detail, this.lines.lineOf(offset));
    return false;
  }

  /** ISO 20022 messages are UTF-8 (ISO 20022 XML design rules); another declared encoding is refused. */
  private declaration(): boolean {
    if (!/^<\?xml[ \t\r\n]/.test(this.text)) return true;
    const close = this.text.indexOf('?>');
    if (close === -1) return this.fail('xml_malformed', 'unterminated XML declaration', 0);
    const encoding = /encoding[ \t\r\n]*=[ \t\r\n]*["']([^"']*)["']/.exec(this.text.slice(0, close));
    if (encoding?.[1] !== undefined && !/^utf-?8$/i.test(encoding[1])) {
      return this.fail('xml_refused', `declares encoding ${encoding[1]}; ISO 20022 messages must be UTF-8`, 0);
    }
    this.pos = close + 2;
    return true;
  }

  private characterData(from: number, to: number): boolean {
    if (from === to) return true;
    const segment = this.text.slice(from, to);
    if (this.stack.length === 0 && /\S/.test(segment)) {
      return this.fail('xml_malformed', 'text outside the root element', from + segment.search(/\S/));
    }
    const bad = firstBadReference(segment);
    if (bad) return this.fail(bad.kind, bad.detail, from + bad.index);
    this.stack.at(-1)?.node?.content.push(decodeReferences(segment));
    return true;
  }

  private markup(): boolean {
    const { text, pos } = this;
    // Most markup is a start or end tag: one look at the character after '<' decides.
    const next = text.charCodeAt(pos + 1);
    if (next === slash) return this.endTag();
    if (next !== exclamation && next !== question) return this.startTag();
    if (text.startsWith('<!--', pos)) return this.skipPast('-->', pos + 4, 'comment');
    if (text.startsWith('<![CDATA[', pos)) {
      if (this.stack.length === 0) return this.fail('xml_malformed', 'CDATA outside the root element', pos);
      if (!this.skipPast(']]>', pos + 9, 'CDATA section')) return false;
      this.stack.at(-1)?.node?.content.push(text.slice(pos + 9, this.pos - 3));
      return true;
    }
    if (text.startsWith('<!DOCTYPE', pos)) {
      return this.fail('xml_refused', 'DOCTYPE refused: DTDs and entity declarations are not accepted', pos);
    }
    if (text.startsWith('<!', pos)) return this.fail('xml_refused', 'markup declaration refused (no DTD content is accepted)', pos);
    if (text.startsWith('<?', pos)) return this.processingInstruction();
    if (text.startsWith('</', pos)) return this.endTag();
    return this.startTag();
  }

  private skipPast(terminator: string, from: number, what: string): boolean {
    const close = this.text.indexOf(terminator, from);
    if (close === -1) return this.fail('xml_malformed', `unterminated ${what}`, this.pos);
    this.pos = close + terminator.length;
    return true;
  }

  private processingInstruction(): boolean {
    const target = this.readName(this.pos + 2);
    if (target === null) return this.fail('xml_malformed', 'processing instruction without a target', this.pos);
    if (target.toLowerCase() === 'xml') return this.fail('xml_malformed', 'XML declaration not at the start of the file', this.pos);
    return this.skipPast('?>', this.pos + 2, 'processing instruction');
  }

  private endTag(): boolean {
    const qname = this.readName(this.pos + 2);
    if (qname === null) return this.fail('xml_malformed', "'</' not followed by a name", this.pos);
    const after = this.skipWhitespace(this.pos + 2 + qname.length);
    if (this.text[after] !== '>') return this.fail('xml_malformed', `end tag </${qname}> not closed by '>'`, this.pos);
    const open = this.stack.pop();
    if (!open) return this.fail('xml_malformed', `end tag </${qname}> without a start tag`, this.pos);
    if (open.qname !== qname) {
      return this.fail('xml_malformed', `end tag </${qname}> does not match <${open.qname}> opened on line ${open.line}`, this.pos);
    }
    if (open.part) this.parts.push({ ...open.part, end: after + 1 });
    if (this.stack.length === 0) this.rootClosed = true;
    this.pos = after + 1;
    return true;
  }

  private startTag(): boolean {
    const tag = this.readStartTag();
    if (tag === null) return false;
    if (this.stack.length === 0 && this.rootClosed) return this.fail('xml_malformed', 'more than one root element', this.pos);
    this.elements += 1;
    if (this.elements > xmlElementsMax) return this.fail('xml_refused', `more than ${xmlElementsMax} elements`, this.pos);
    if (this.stack.length + 1 > xmlDepthMax) return this.fail('xml_refused', `elements nested deeper than ${xmlDepthMax}`, this.pos);
    const opened = this.openElement(tag);
    if (opened === null) return false;
    if (tag.selfClosing) {
      if (opened.part) this.parts.push({ ...opened.part, end: tag.after });
      if (this.stack.length === 0) this.rootClosed = true;
    } else {
      this.stack.push(opened);
    }
    this.pos = tag.after;
    return true;
  }

  private openElement(tag: StartTag): OpenElement | null {
    const parent = this.stack.at(-1);
    const inherited = parent?.scope ?? noBindings;
    const declared = namespaceDeclarations(tag.attributes);
    for (const uri of declared.values()) {
      if (xincludeNamespaces.has(uri)) return this.failNull('xml_refused', 'XInclude refused: messages may not include other files');
    }
    const scope = declared.size === 0 ? inherited : new Map([...inherited, ...declared]);
    if (scope.size > xmlNamespacesInScopeMax) return this.failNull('xml_refused', `more than ${xmlNamespacesInScopeMax} namespaces in scope`);
    const unbound = firstUnbound(tag, scope);
    if (unbound !== null) return this.failNull('xml_malformed', `namespace prefix of ${unbound} is not declared`);
    const line = this.lines.lineOf(this.pos);
    const namespace = scope.get(prefixOf(tag.qname)) ?? '';
    const insidePart = parent?.insidePart === true || parent?.part != null;
    const partStart = insidePart ? null : this.partAt(tag, namespace, line, inherited, new Set(declared.keys()));
    if (partStart === undefined) return null;
    const node = insidePart || partStart !== null ? openXmlElement(tag.qname, this.lines.lineOf(tag.after - 1), tag.attributes, parent?.node ?? null) : null;
    const part = partStart === null ? null : { ...partStart, root: node! };
    return { qname: tag.qname, line, scope, insidePart, part, node };
  }

  /** A top-level ISO part is an AppHdr or Document in an ISO 20022 namespace not inside another one. */
  private partAt(
    tag: StartTag,
    namespace: string,
    line: number,
    inherited: ReadonlyMap<string, string>,
    declaredHere: ReadonlySet<string>,
  ): Omit<IsoPartSpan, 'end' | 'root'> | null | undefined {
    const localName = localOf(tag.qname);
    if (!namespace.startsWith(isoNamespacePrefix) || (localName !== 'AppHdr' && localName !== 'Document')) return null;
    if (this.parts.length + this.stack.filter((open) => open.part).length >= isoPartsPerFileMax) {
      this.fail('xml_refused', `more than ${isoPartsPerFileMax} ISO 20022 parts in one file`, this.pos);
      return undefined;
    }
    const nameEnd = this.pos + 1 + tag.qname.length;
    return { localName, namespace, line, start: this.pos, nameEnd, inherited, declaredHere };
  }

  private failNull(kind: IsoFailureKind, detail: string): null {
    this.fail(kind, detail, this.pos);
    return null;
  }

  private readStartTag(): StartTag | null {
    const qname = this.readName(this.pos + 1);
    if (qname === null) return this.failNull('xml_malformed', "'<' not followed by an element name");
    const attributes = new Map<string, string>();
    let at = this.pos + 1 + qname.length;
    while (at < this.text.length) {
      const next = this.skipWhitespace(at);
      if (this.text.startsWith('/>', next)) return { qname, attributes, selfClosing: true, after: next + 2 };
      if (this.text[next] === '>') return { qname, attributes, selfClosing: false, after: next + 1 };
      if (next === at) return this.failNull('xml_malformed', `expected whitespace, '>' or '/>' in <${qname}>`);
      const read = this.readAttribute(next, qname, attributes);
      if (read === null) return null;
      at = read;
    }
    return this.failNull('xml_malformed', `start tag <${qname}> is not closed`);
  }

  /** Reads name="value" at `from` into `into`; returns the offset after the closing quote. */
  private readAttribute(from: number, qname: string, into: Map<string, string>): number | null {
    const name = this.readName(from);
    if (name === null) return this.failNull('xml_malformed', `malformed attribute in <${qname}>`);
    const equals = this.skipWhitespace(from + name.length);
    if (this.text[equals] !== '=') return this.failNull('xml_malformed', `attribute ${name} in <${qname}> has no value`);
    const open = this.skipWhitespace(equals + 1);
    const quote = this.text[open];
    if (quote !== '"' && quote !== "'") return this.failNull('xml_malformed', `attribute ${name} in <${qname}> is not quoted`);
    const close = this.text.indexOf(quote, open + 1);
    if (close === -1) return this.failNull('xml_malformed', `attribute ${name} in <${qname}> is not closed`);
    const value = this.text.slice(open + 1, close);
    if (value.includes('<')) return this.failNull('xml_malformed', `'<' inside attribute ${name} of <${qname}>`);
    const bad = firstBadReference(value);
    if (bad) return this.failNull(bad.kind, bad.detail);
    if (into.has(name)) return this.failNull('xml_malformed', `attribute ${name} repeated in <${qname}>`);
    if (into.size >= xmlAttributesPerElementMax) return this.failNull('xml_refused', `more than ${xmlAttributesPerElementMax} attributes on <${qname}>`);
    into.set(name, value);
    return close + 1;
  }

  private readName(from: number): string | null {
    const text = this.text;
    let end = from;
    while (end < text.length && isNameChar(text.charCodeAt(end))) end += 1;
    if (end === from || end - from > xmlNameCharsMax) return null;
    return text.slice(from, end);
  }

  private skipWhitespace(from: number): number {
    let at = from;
    while (at < this.text.length && isXmlSpace(this.text.charCodeAt(at))) at += 1;
    return at;
  }
}

/** Shared by every element that declares nothing (most of them): never written to. */
const noBindings: ReadonlyMap<string, string> = new Map();

function namespaceDeclarations(attributes: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  let declared: Map<string, string> | null = null;
  for (const [name, value] of attributes) {
    if (name === 'xmlns') (declared ??= new Map()).set('', value);
    else if (name.startsWith('xmlns:')) (declared ??= new Map()).set(name.slice('xmlns:'.length), value);
  }
  return declared ?? noBindings;
}

/** The element's or an attribute's name whose prefix has no binding in scope, or null. */
function firstUnbound(tag: StartTag, scope: ReadonlyMap<string, string>): string | null {
  if (!isBound(tag.qname, scope)) return tag.qname;
  for (const name of tag.attributes.keys()) if (!isBound(name, scope)) return name;
  return null;
}

function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? '' : qname.slice(0, colon);
}

function localOf(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

function isBound(qname: string, scope: ReadonlyMap<string, string>): boolean {
  const prefix = prefixOf(qname);
  if (prefix === '' || prefix === 'xml' || prefix === 'xmlns') return true;
  return (scope.get(prefix) ?? '') !== '';
}

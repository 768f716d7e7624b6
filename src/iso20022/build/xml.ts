import { IsoBuildError } from './errors.js';

/**
 * A tiny escaping XML writer: builders assemble a tree of elements, and only `renderXml` turns
 * it into text, so no string concatenation of user data happens anywhere else. Parsing and
 * validation stay with libxmljs2; this side only needs correct escaping.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: readonly (readonly [string, string])[];
  readonly children: readonly XmlElement[];
  readonly text: string | null;
}

/** Optional parts of a sequence are written as null/undefined/false and dropped here. */
export type XmlChild = XmlElement | null | undefined | false;

/** ISO 20022 element names and the few attributes we write (Ccy, xmlns, xmlns:x). */
const namePattern = /^[A-Za-z_][A-Za-z0-9_.-]*(:[A-Za-z_][A-Za-z0-9_.-]*)?$/;

/** XML 1.0 Char production; with the u flag a lone surrogate is one code point outside it. */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function element(name: string, children: readonly XmlChild[], attributes: Readonly<Record<string, string>> = {}): XmlElement {
  return { name: checkedName(name), attributes: checkedAttributes(attributes), children: children.filter(isElement), text: null };
}

export function leaf(name: string, text: string, attributes: Readonly<Record<string, string>> = {}): XmlElement {
  if (notXmlChar.test(text)) throw new IsoBuildError(name, 'holds a character XML 1.0 cannot carry');
  return { name: checkedName(name), attributes: checkedAttributes(attributes), children: [], text };
}

/** The element and its descendants, two-space indented, one element per line. */
export function renderXml(root: XmlElement, depth = 0): string {
  return writeXml(root, depth, '');
}

const indents: string[] = [];

function indentOf(depth: number): string {
  return (indents[depth] ??= '  '.repeat(depth));
}

/** Appends to one string (V8 joins the pieces once, when the text is read). */
function writeXml(root: XmlElement, depth: number, out: string): string {
  const indent = indentOf(depth);
  out += indent + '<' + root.name;
  for (const [key, value] of root.attributes) out += ' ' + key + '="' + escapeAttribute(value) + '"';
  if (root.text !== null) return out + '>' + escapeText(root.text) + '</' + root.name + '>\n';
  if (root.children.length === 0) return out + '/>\n';
  out += '>\n';
  for (const child of root.children) out = writeXml(child, depth + 1, out);
  return out + indent + '</' + root.name + '>\n';
}

/**
 * `>` too, so `]]>` never appears; CR as a character reference, because a parser turns a
 * literal CR (and CR LF) into LF and the text would not come back as it went out.
 */
export function escapeText(text: string): string {
  return textToEscape.test(text) ? text.replace(/[&<>\r]/g, (c) => textEscapes[c] ?? c) : text;
}

/** Attribute values also normalise tab and newline to spaces unless written as references. */
export function escapeAttribute(text: string): string {
  return attributeToEscape.test(text) ? text.replace(/[&<>"'\t\n\r]/g, (c) => attributeEscapes[c] ?? c) : text;
}

// Most text has nothing to escape: a test without the g flag (no lastIndex) first.
const textToEscape = /[&<>\r]/;
const attributeToEscape = /[&<>"'\t\n\r]/;

const textEscapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
const attributeEscapes: Readonly<Record<string, string>> = {
  ...textEscapes,
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#x9;',
  '\n': '&#xA;',
};

function isElement(child: XmlChild): child is XmlElement {
  return typeof child === 'object' && child !== null;
}

/** Names come from the builders' own constants: each is checked once. */
const checkedNames = new Set<string>();

function checkedName(name: string): string {
  if (checkedNames.has(name)) return name;
  if (!namePattern.test(name)) throw new IsoBuildError(name, 'is not an XML name');
  if (checkedNames.size < checkedNamesMax) checkedNames.add(name);
  return name;
}

/** ISO 20022 has a few thousand element names; a builder given other names is checked every time beyond this. */
const checkedNamesMax = 10_000;

const noAttributes: readonly (readonly [string, string])[] = [];

function checkedAttributes(attributes: Readonly<Record<string, string>>): readonly (readonly [string, string])[] {
  // Most elements have none: no entries array to make.
  let any = false;
  for (const key in attributes) if (Object.hasOwn(attributes, key)) any = true;
  if (!any) return noAttributes;
  return Object.entries(attributes).map(([key, value]) => {
    if (notXmlChar.test(value)) throw new IsoBuildError(key, 'holds a character XML 1.0 cannot carry');
    return [checkedName(key), value] as const;
  });
}

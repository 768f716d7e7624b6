/**
 * The elements of an ISO 20022 part as plain objects, built by the intake's scan (xml-scan.ts)
 * in the same pass that checks the file: the readers and rules walk this instead of a libxml2
 * tree, whose wrapper objects cost more than the reading itself. It is read only after the part
 * passed its XML Schema (libxml2 parsed the same text then), and it says what libxml2 says:
 * local names, line of the end of the start tag, attribute values normalised, text content with
 * references decoded and CDATA included, comments and processing instructions left out
 * (xml-tree.test.ts compares both on every sample file).
 */
export interface XmlElement {
  /** The local name (an ISO part's elements all share its namespace). */
  readonly name: string;
  /** libxml2's line: where the start tag ends. */
  readonly line: number;
  /** Attributes by qualified name, namespace declarations left out. */
  readonly attributes: ReadonlyMap<string, string>;
  /** Child elements in document order. */
  readonly children: readonly XmlElement[];
  /** Character data and child elements in document order (for the text content). */
  readonly content: readonly (string | XmlElement)[];
}

/** A mutable element while the scan fills it. */
export interface XmlElementBuilder extends XmlElement {
  readonly children: XmlElement[];
  readonly content: (string | XmlElement)[];
}

const noAttributes: ReadonlyMap<string, string> = new Map();

export function openXmlElement(qname: string, line: number, rawAttributes: ReadonlyMap<string, string>, parent: XmlElementBuilder | null): XmlElementBuilder {
  let attributes = noAttributes;
  for (const [name, raw] of rawAttributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    if (attributes === noAttributes) attributes = new Map();
    (attributes as Map<string, string>).set(name, attributeValue(raw));
  }
  const element: XmlElementBuilder = { name: qname.slice(qname.indexOf(':') + 1), line, attributes, children: [], content: [] };
  if (parent !== null) {
    parent.children.push(element);
    parent.content.push(element);
  }
  return element;
}

/** The text content, as libxml2's: every descendant text and CDATA, in document order. */
export function textOf(element: XmlElement): string {
  const content = element.content;
  if (content.length === 1 && typeof content[0] === 'string') return content[0];
  let text = '';
  for (const item of content) text += typeof item === 'string' ? item : textOf(item);
  return text;
}

/** Every descendant element (not the element itself) that passes the test, in document order, which is line order. */
export function descendantsWhere(element: XmlElement, test: (element: XmlElement) => boolean, found: XmlElement[] = []): XmlElement[] {
  for (const child of element.children) {
    if (test(child)) found.push(child);
    descendantsWhere(child, test, found);
  }
  return found;
}

const predefined: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Character data with its references replaced. The scan has refused every reference that is
 * not one of the five predefined entities or a character reference to an XML character.
 */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (_whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const replacement = predefined[name];
    if (replacement === undefined) throw new Error(`unchecked entity reference &${name}; reached the tree`);
    return replacement;
  });
}

/** XML 1.0 §3.3.3 for CDATA attributes: literal tab and newline become spaces (line ends are already LF), then references. */
function attributeValue(raw: string): string {
  return decodeReferences(/[\t\n]/.test(raw) ? raw.replace(/[\t\n]/g, ' ') : raw);
}

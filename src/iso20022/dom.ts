import type { Element, Node } from 'libxmljs2';

/**
 * Small readers over a schema-valid part. Every element of a part shares its namespace (the
 * XSDs declare elementFormDefault="qualified" and no imports), so local names suffice.
 */
function isElement(node: Node): node is Element {
  return node.type() === 'element';
}

/**
 * Each element's child elements by name, in document order, read once: every libxmljs2
 * childNodes() call makes a wrapper per child node (text nodes too) and a native call per
 * type() and name(), and the readers walk the same paths from the root again and again. Parts
 * are read-only once parsed; libxmljs2 keeps one wrapper per node, so the wrapper is the key.
 */
interface Children {
  readonly all: readonly Element[];
  readonly byName: ReadonlyMap<string, readonly Element[]>;
}

const childrenOf = new WeakMap<Element, Children>();

function children(element: Element): Children {
  let known = childrenOf.get(element);
  if (known === undefined) {
    const all = element.childNodes().filter(isElement);
    const byName = new Map<string, Element[]>();
    for (const child of all) {
      const name = child.name();
      const list = byName.get(name);
      if (list === undefined) byName.set(name, [child]);
      else list.push(child);
    }
    known = { all, byName };
    childrenOf.set(element, known);
  }
  return known;
}

export function childElements(element: Element): readonly Element[] {
  return children(element).all;
}

export function childrenNamed(element: Element | null, name: string): readonly Element[] {
  if (element === null) return [];
  return children(element).byName.get(name) ?? [];
}

/** The first element at the end of a path of child names, or null. */
export function child(element: Element | null, ...path: string[]): Element | null {
  let at = element;
  for (const name of path) {
    if (at === null) return null;
    at = children(at).byName.get(name)?.[0] ?? null;
  }
  return at;
}

/** Text of the element at the path, trimmed (XSD whitespace facets collapse it anyway). */
export function textAt(element: Element | null, ...path: string[]): string | null {
  const found = child(element, ...path);
  return found === null ? null : found.text().trim();
}

export function attributeOf(element: Element, name: string): string | null {
  return element.attr(name)?.value() ?? null;
}

/**
 * Every descendant element whose local name is in `names`, by line (document order within a
 * line); parts are bounded by xmlElementsMax. One XPath query in libxml2, not a JS walk that
 * wraps every node: these run over every element of every received part.
 */
export function descendantsNamed(root: Element, names: ReadonlySet<string>): Element[] {
  let query = nameQueries.get(names);
  if (query === undefined) {
    for (const name of names) if (!ncName.test(name)) throw new RangeError(`not an element name: ${name}`);
    query = `.//*[${[...names].map((name) => `local-name()='${name}'`).join(' or ')}]`;
    nameQueries.set(names, query);
  }
  return byLine(root.find(query));
}

/** Every descendant element carrying the (unqualified) attribute, by line: amounts carry Ccy. */
export function descendantsWithAttribute(root: Element, attribute: string): Element[] {
  if (!ncName.test(attribute)) throw new RangeError(`not an attribute name: ${attribute}`);
  return byLine(root.find(`.//*[@${attribute}]`));
}

const ncName = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const nameQueries = new WeakMap<ReadonlySet<string>, string>();

function byLine(nodes: readonly Node[]): Element[] {
  // XPath gives document order; the stable sort keeps it within a line.
  return nodes.filter(isElement).sort((a, b) => a.line() - b.line());
}

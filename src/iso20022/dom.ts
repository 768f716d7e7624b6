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

/** Every descendant element whose local name is in `names`; parts are bounded by xmlElementsMax. */
export function descendantsNamed(root: Element, names: ReadonlySet<string>): Element[] {
  const found: Element[] = [];
  const pending: Element[] = [root];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const element of childElements(next)) {
      if (names.has(element.name())) found.push(element);
      pending.push(element);
    }
  }
  return found.sort((a, b) => a.line() - b.line());
}

/** Every descendant element carrying the attribute (amounts carry Ccy). */
export function descendantsWithAttribute(root: Element, attribute: string): Element[] {
  const found: Element[] = [];
  const pending: Element[] = [root];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const element of childElements(next)) {
      if (element.attr(attribute) !== null) found.push(element);
      pending.push(element);
    }
  }
  return found.sort((a, b) => a.line() - b.line());
}

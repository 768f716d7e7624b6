import { type XmlElement, descendantsWhere, textOf } from './xml-tree.js';

export type { XmlElement } from './xml-tree.js';

/**
 * Small readers over a schema-valid part (the scan's tree, xml-tree.ts). Every element of a part
 * shares its namespace (the XSDs declare elementFormDefault="qualified" and no imports), so local
 * names suffice. ISO elements have a few dozen children at most, so a linear look beats a map.
 */
export function childElements(element: XmlElement): readonly XmlElement[] {
  return element.children;
}

export function childrenNamed(element: XmlElement | null, name: string): readonly XmlElement[] {
  if (element === null) return [];
  return element.children.filter((child) => child.name === name);
}

/** The first element at the end of a path of child names, or null. */
export function child(element: XmlElement | null, ...path: string[]): XmlElement | null {
  let at = element;
  for (const name of path) {
    if (at === null) return null;
    at = at.children.find((candidate) => candidate.name === name) ?? null;
  }
  return at;
}

/** Text content of an element, trimmed (XSD whitespace facets collapse it anyway). */
export function trimmedText(element: XmlElement): string {
  return textOf(element).trim();
}

/** Text of the element at the path, trimmed. */
export function textAt(element: XmlElement | null, ...path: string[]): string | null {
  const found = child(element, ...path);
  return found === null ? null : trimmedText(found);
}

export function attributeOf(element: XmlElement, name: string): string | null {
  return element.attributes.get(name) ?? null;
}

/** Every descendant element whose local name is in `names`, in document (so line) order. */
export function descendantsNamed(root: XmlElement, names: ReadonlySet<string>): XmlElement[] {
  return descendantsWhere(root, (element) => names.has(element.name));
}

/** Every descendant element carrying the (unqualified) attribute, in document order: amounts carry Ccy. */
export function descendantsWithAttribute(root: XmlElement, attribute: string): XmlElement[] {
  return descendantsWhere(root, (element) => element.attributes.has(attribute));
}

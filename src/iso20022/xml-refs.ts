import type { IsoFailureKind } from './reasons.js';

/** The five entities XML predefines; any other name would need a DTD, which we refuse. */
const predefinedEntities = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

const decimalReference = /^#[0-9]{1,7}$/;
const hexReference = /^#x[0-9a-fA-F]{1,6}$/;

export interface BadReference {
  readonly kind: IsoFailureKind;
  readonly detail: string;
  /** Offset of the '&' inside the checked text. */
  readonly index: number;
}

/** XML 1.0 §2.2 Char: a character reference to anything else (e.g. &#x0;) is not well-formed. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function characterReference(name: string, index: number): BadReference | null {
  if (!decimalReference.test(name) && !hexReference.test(name)) {
    return { kind: 'xml_malformed', detail: `malformed character reference &${name.slice(0, 12)};`, index };
  }
  const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  if (isXmlChar(code)) return null;
  return { kind: 'xml_malformed', detail: `character reference &${name}; is not an XML character`, index };
}

/**
 * Finds the first reference in character data or an attribute value that is not a character
 * reference or one of the five predefined entities. Entity expansion (billion laughs) and
 * external entities both start with such a reference, so refusing it here shuts them out.
 */
export function firstBadReference(text: string): BadReference | null {
  let at = text.indexOf('&');
  while (at !== -1) {
    const semicolon = text.indexOf(';', at + 1);
    if (semicolon === -1) return { kind: 'xml_malformed', detail: "'&' not ending in ';' (write &amp;)", index: at };
    const name = text.slice(at + 1, semicolon);
    if (name.startsWith('#')) {
      const bad = characterReference(name, at);
      if (bad) return bad;
    } else if (!predefinedEntities.has(name)) {
      const shown = name.length > 32 ? `${name.slice(0, 32)}…` : name;
      return { kind: 'xml_refused', detail: `entity reference &${shown}; refused: entities are not accepted`, index: at };
    }
    at = text.indexOf('&', semicolon + 1);
  }
  return null;
}

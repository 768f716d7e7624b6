import { IsoBuildError } from './errors.js';
import { type XmlElement, element, renderXml } from './xml.js';
import { isoNamespace } from './versions.js';

/** A built ISO 20022 part (Document or AppHdr) and the message definition it follows. */
export interface IsoPartBuilt {
  /** "pacs.008.001.08": the XSD it validates against, and what an AppHdr's MsgDefIdr must say. */
  readonly messageDefinitionId: string;
  readonly root: XmlElement;
}

const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** <Document xmlns="urn:iso:std:iso:20022:tech:xsd:…"><Body>…</Body></Document>. */
export function isoDocument(messageDefinitionId: string, body: XmlElement): IsoPartBuilt {
  return { messageDefinitionId, root: element('Document', [body], { xmlns: isoNamespace(messageDefinitionId) }) };
}

/** One part alone (bare Document or AppHdr), as a UTF-8 XML file's text. */
export function renderPart(part: IsoPartBuilt): string {
  return declaration + renderXml(part.root);
}

/** The element that holds AppHdr and Document together in a file (DESIGN.md: any wrapper). */
export interface Wrapper {
  readonly name: string;
  readonly namespace: string | null;
}

/** SWIFT's translator envelope, as CBPR+ samples use it. */
export const swiftEnvelope: Wrapper = { name: 'Envelope', namespace: 'urn:swift:xsd:envelope' };

/**
 * AppHdr and Document in one wrapper, header first, as middleware expects. Each part keeps its
 * own default namespace declaration, so the wrapper's namespace never leaks into them.
 */
export function renderBusinessMessage(header: IsoPartBuilt, document: IsoPartBuilt, wrapper: Wrapper = swiftEnvelope): string {
  const named = header.root.children.find((child) => child.name === 'MsgDefIdr')?.text;
  if (named !== document.messageDefinitionId) {
    throw new IsoBuildError('header', `MsgDefIdr ${named} does not name the Document's ${document.messageDefinitionId}`);
  }
  const attributes: Record<string, string> = wrapper.namespace === null ? {} : { xmlns: wrapper.namespace };
  return declaration + renderXml(element(wrapper.name, [header.root, document.root], attributes));
}

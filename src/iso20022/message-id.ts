import { isoNamespacePrefix } from './xml-scan.js';

/** An ISO 20022 message definition identifier, e.g. pacs.008.001.08. */
export interface MessageId {
  /** The whole identifier: "pacs.008.001.08". */
  readonly id: string;
  /** Business area and message number: "pacs.008". */
  readonly message: string;
  /** Variant and version: "001.08". */
  readonly version: string;
}

const identifierPattern = /^([a-z]{4}\.[0-9]{3})\.([0-9]{3}\.[0-9]{2})$/;

export function parseMessageId(text: string): MessageId | null {
  const match = identifierPattern.exec(text);
  if (!match?.[1] || !match[2]) return null;
  return { id: text, message: match[1], version: match[2] };
}

/** "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08" is pacs.008.001.08. */
export function messageIdOfNamespace(namespace: string): MessageId | null {
  if (!namespace.startsWith(isoNamespacePrefix)) return null;
  return parseMessageId(namespace.slice(isoNamespacePrefix.length));
}

/** The schema version number ("08" of pacs.008.001.08) as a number, for rules that began in a version. */
export function versionNumber(id: MessageId): number {
  return Number(id.version.slice(-2));
}

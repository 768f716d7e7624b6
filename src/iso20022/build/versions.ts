import { IsoBuildError } from './errors.js';

/**
 * Versions each builder can write. The first is the default (the CBPR+/HVPS+ versions of the
 * 2019 ISO release). Later versions kept every element these builders write, with the same
 * names, order and types, so one builder serves them all: builders.test.ts validates each
 * listed version against its XSD. Earlier versions differ (e.g. no UETR before pacs.008.001.08)
 * and are not offered. A participant that needs another version gets a VersionSet naming it.
 */
export const supportedVersions = {
  'pacs.002': ['pacs.002.001.10', 'pacs.002.001.11', 'pacs.002.001.12', 'pacs.002.001.13', 'pacs.002.001.14', 'pacs.002.001.15', 'pacs.002.001.16'],
  'pacs.008': ['pacs.008.001.08', 'pacs.008.001.09', 'pacs.008.001.10', 'pacs.008.001.11', 'pacs.008.001.12', 'pacs.008.001.13', 'pacs.008.001.14'],
  'pacs.004': ['pacs.004.001.09', 'pacs.004.001.10', 'pacs.004.001.11', 'pacs.004.001.12', 'pacs.004.001.13', 'pacs.004.001.14', 'pacs.004.001.15'],
  'camt.029': ['camt.029.001.09', 'camt.029.001.10', 'camt.029.001.11', 'camt.029.001.12', 'camt.029.001.13', 'camt.029.001.14'],
  'camt.053': ['camt.053.001.08', 'camt.053.001.09', 'camt.053.001.10', 'camt.053.001.11', 'camt.053.001.12', 'camt.053.001.14'],
  'camt.054': ['camt.054.001.08', 'camt.054.001.09', 'camt.054.001.10', 'camt.054.001.11', 'camt.054.001.12', 'camt.054.001.14'],
  'head.001': ['head.001.001.02', 'head.001.001.03', 'head.001.001.04'],
} as const;

export type OutgoingMessage = keyof typeof supportedVersions;

/** The version of each outgoing message one participant receives. */
export type VersionSet = { readonly [M in OutgoingMessage]: (typeof supportedVersions)[M][number] };

export const defaultVersions: VersionSet = {
  'pacs.002': 'pacs.002.001.10',
  'pacs.008': 'pacs.008.001.08',
  'pacs.004': 'pacs.004.001.09',
  'camt.029': 'camt.029.001.09',
  'camt.053': 'camt.053.001.08',
  'camt.054': 'camt.054.001.08',
  'head.001': 'head.001.001.02',
};

/** A participant's version set: the defaults with its exceptions. */
export function versionSet(overrides: Partial<VersionSet> = {}): VersionSet {
  return { ...defaultVersions, ...overrides };
}

export function checkedVersion<M extends OutgoingMessage>(message: M, version: string): VersionSet[M] {
  const known: readonly string[] = supportedVersions[message];
  if (!known.includes(version)) throw new IsoBuildError('version', `${version} is not a ${message} version Corridor writes (${known.join(', ')})`);
  return version as VersionSet[M];
}

export function isoNamespace(messageDefinitionId: string): string {
  return `urn:iso:std:iso:20022:tech:xsd:${messageDefinitionId}`;
}

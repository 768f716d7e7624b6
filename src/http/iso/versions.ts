import type { ParticipantRecord } from '../../core/network/types.js';
import { type OutgoingMessage, type VersionSet, supportedVersions, versionSet } from '../../iso20022/build/versions.js';

/**
 * camt.056 has no builder in src/iso20022/build (see camt056.ts here), so no version set entry:
 * the network forwards cancellation requests in the CBPR+ version.
 */
export const camt056Version = 'camt.056.001.08';

function isOutgoingMessage(message: string): message is OutgoingMessage {
  return Object.hasOwn(supportedVersions, message);
}

/** The versions a participant receives: the defaults, with its overrides where they are versions we write. */
export function participantVersionSet(participant: Pick<ParticipantRecord, 'isoVersions'> | undefined): VersionSet {
  const overrides: Partial<Record<OutgoingMessage, string>> = {};
  for (const [message, version] of Object.entries(participant?.isoVersions ?? {})) {
    if (isOutgoingMessage(message) && (supportedVersions[message] as readonly string[]).includes(version)) overrides[message] = version;
  }
  return versionSet(overrides as Partial<VersionSet>);
}

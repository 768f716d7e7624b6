/** Bounds on a configuration file, so reading one is bounded whatever it holds. */

/** 4 Mi characters: 10,000 participants with keys and limits fit in well under half of it. */
export const configTextLengthMax = 4 * 1024 * 1024;
/** ISO 4217 lists fewer than 200 currencies. */
export const currenciesMax = 300;
export const participantsMax = 10_000;
export const apiKeysPerParticipantMax = 64;
/** A demo-traffic weight is relative; this only keeps sums far from float trouble. */
export const weightMax = 1_000_000;

export const requestsPerSecondPerKeyMax = 1_000_000;
export const bodyBytesMin = 1024;
export const bodyBytesMaxLimit = 16 * 1024 * 1024;

/** What `limits` holds when the file leaves it (or a field of it) out. */
export const nodeLimitsDefaults = { requestsPerSecondPerKey: 2000, bodyBytesMax: 65_536 } as const;

/** What `settlement` holds when the file leaves it (or a field of it) out: a tick a second, no automatic end of day. */
export const settlementClockDefaults = { tickMs: 1000, endOfDay: null } as const;

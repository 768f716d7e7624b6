/** The settlement engine's limits, each named with its unit. Every loop over outside input is bounded by one. */

/** Participants of one settlement engine (one currency ledger). TARGET2 has about 1,000 direct participants. */
export const participantsMax = 4096;
/** Characters of a participant id (ISO 20022 Max35Text, which also holds a BIC). */
export const participantIdCharsMax = 35;
/** Characters of a payment id (a UETR is 36; Max35Text ids are 35). */
export const paymentIdCharsMax = 36;
/** Queued payments of one participant, both priorities together; beyond it a payment is rejected `queue_full`. */
export const queueLengthMax = 262_144;
/** Queued payments of all participants together, so memory stays bounded. */
export const queuedPaymentsMax = 1_048_576;
/** Payments remembered per day (for idempotency and cancel): a TARGET2 peak day is 659,146. */
export const paymentsPerDayMax = 4_000_000;
/** Normal payments scanned behind a blocked head when FIFO bypass is on (T2 UDFS: FIFO bypass for normal payments). */
export const bypassScanMax = 32;
/** Payments from the payee's queue considered by the bilateral offsetting check on entry. */
export const offsetCandidatesMax = 64;
/** Queued payments above which the non-FIFO gridlock heuristic is skipped (it is quadratic in the worst case). */
export const bypassHeuristicPaymentsMax = 4096;
/** Settlement windows per day (one a minute at most). */
export const windowsPerDayMax = 1440;
/** Seconds of one simulated day: `at` in a scenario lies in [0, daySecondsMax]. */
export const daySecondsMax = 86_400;
/** Seconds between scheduled LSM runs in `corridor simulate` (T2 runs its algorithms continuously; a minute keeps delays short). */
export const lsmIntervalSeconds = 60;
/** Bytes of a scenario file read by `corridor simulate`. */
export const scenarioBytesMax = 512 * 1024 * 1024;

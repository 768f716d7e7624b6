/** The ledger's limits, each named with its unit. */

/** Commands in one batch (TigerBeetle's 8190 events fit one 1 MiB message; ours match). */
export const batchCommandsMax = 8190;
/** Pending transfers released in one sweep; the rest wait for the next batch, so a batch stays bounded. */
export const expiriesPerBatchMax = 8190;

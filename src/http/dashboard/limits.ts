/** The dashboard edge's limits, each with its unit (docs/dashboard.md). */
export interface DashboardLimits {
  /** Server-sent event connections open at once (every open dashboard holds one). */
  readonly streamsMax: number;
  /** Bytes a slow stream may have waiting in its socket buffer; beyond it the stream skips events and is told to resync. */
  readonly streamBufferedBytesMax: number;
  /** A stream with nothing to say sends a heartbeat this often, so proxies keep it and the page knows it is live. */
  readonly heartbeatMs: number;
  /** Committed batches are gathered this long into one event. */
  readonly coalesceMs: number;
  /** Payments one event describes at most; the rest are counted in `more` and the page refetches. */
  readonly eventPaymentsMax: number;
  /** Recent payments remembered for the dashboard's list (newest first). */
  readonly recentPaymentsMax: number;
}

export const dashboardLimitsDefault: DashboardLimits = {
  streamsMax: 32,
  streamBufferedBytesMax: 256 * 1024,
  heartbeatMs: 15_000,
  coalesceMs: 50,
  eventPaymentsMax: 200,
  recentPaymentsMax: 200,
};

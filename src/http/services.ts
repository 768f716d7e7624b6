import type { LedgerNode } from '../sequencer/ledger-node.js';
import type { HttpMetrics } from './metrics.js';

export interface HttpLimits {
  /** Largest request body accepted, in bytes. */
  readonly bodyBytesMax: number;
  /** Requests per second allowed per API key (and per address for requests without one). */
  readonly requestsPerSecondPerKey: number;
  /** Longest an inbox read may wait for new events. */
  readonly inboxWaitMsMax: number;
  /** Longest a request may take before the server gives up on it. */
  readonly requestTimeoutMs: number;
}

export const httpLimitsDefault: HttpLimits = {
  bodyBytesMax: 64 * 1024,
  requestsPerSecondPerKey: 20_000,
  inboxWaitMsMax: 30_000,
  requestTimeoutMs: 30_000,
};

/** What the routes need from the node that runs them. */
export interface Services {
  readonly node: LedgerNode;
  readonly operatorKeyHash: string;
  readonly limits: HttpLimits;
  readonly metrics: HttpMetrics;
  /** Resolves when the participant may have new inbox events, or after timeoutMs. */
  readonly waitForInbox: (bic: string, timeoutMs: number) => Promise<void>;
}

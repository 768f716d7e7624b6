import type { LedgerState } from '../core/ledger/index.js';
import type { NodeCommand } from '../core/network/apply.js';
import type { NetworkState } from '../core/network/state.js';
import type { CommandOutcome } from '../sequencer/ledger-node.js';
import type { WriteForwarder } from './forward-writes.js';
import type { DashboardFeed } from './dashboard/feed.js';
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

/**
 * What the routes use of the node behind them. The sequencer (`LedgerNode`) implements it on a
 * leader; a standby's journal follower (`src/cluster/follower.ts`) implements it with state
 * replayed from the shared journal, and refuses `submit` with NotLeaderError.
 */
export interface NodeHandle {
  readonly network: NetworkState;
  /** The ledger part of the state. */
  readonly state: LedgerState;
  /** The last journal entry applied. */
  readonly headSeq: number;
  readonly waitingCommands: number;
  /** Resolves once what the state shows is durable; rejects when the node can answer nothing (stopped). */
  readBarrier(): Promise<void>;
  submit(command: NodeCommand): Promise<CommandOutcome>;
  submitTogether(commands: readonly NodeCommand[]): Promise<CommandOutcome[]>;
  /** Resolves once everything submitted so far is durable. */
  drain(): Promise<void>;
  stateHash(): Buffer;
}

/** Where a node of a PostgreSQL cluster stands (see docs/postgres-cluster.md). */
export interface ClusterStatus {
  /** Only the leader (the holder of the sequencer lease) accepts writes; a standby serves reads. */
  readonly role: 'leader' | 'standby';
  /** The leader's advertised base URL, when known (on the leader: its own). */
  readonly leaderUrl: string | null;
  /** False while the node changes role and has no state it may answer reads from. */
  readonly readable: boolean;
}

/**
 * A write sent to a node that does not hold the sequencer lease: answered 503 `not-leader`,
 * with `Location` (the same request on the leader) and `Link: <leader>; rel="leader"` when the
 * leader is known. Nothing was applied; the client sends it again to the leader.
 */
export class NotLeaderError extends Error {
  override readonly name = 'NotLeaderError';
  constructor(readonly leaderUrl: string | null) {
    super(leaderUrl === null ? 'this node is a standby and the leader is not known yet (a takeover is under way); retry shortly' : `this node is a standby; send writes to the leader at ${leaderUrl}`);
  }
}

/** What the routes need from the node that runs them. */
export interface Services {
  /** The node answering now: on a cluster node a getter, since the role (and so the node) can change while the server runs. */
  readonly node: NodeHandle;
  /** Absent on a single node (SQLite), which always leads. */
  readonly cluster?: () => ClusterStatus;
  /** In a cluster: a standby sends writes on to the leader with it (absent: it refuses them 503 not-leader). */
  readonly forwarder?: WriteForwarder;
  readonly operatorKeyHash: string;
  readonly limits: HttpLimits;
  readonly metrics: HttpMetrics;
  /** Resolves true when the participant may have new inbox events or after timeoutMs; false when the node is closing. */
  readonly waitForInbox: (bic: string, timeoutMs: number) => Promise<boolean>;
  /** The operator dashboard's live feed and recent payments (absent: its routes answer empty or 503). */
  readonly dashboard?: DashboardFeed;
}

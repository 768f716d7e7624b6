import { LedgerNode, type LedgerNodeOptions } from '../sequencer/ledger-node.js';
import { JournalFollower } from './follower.js';
import { isPostgresLocation, parsePostgresLocation } from '../store/open-store.js';
import type { LeaseLostError, LeaseOptions } from '../store/postgres/lease.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';

export interface LedgerStandbyOptions {
  /** postgres://…[?schema=NAME]: the database the cluster shares. */
  readonly location: string;
  /** This node's id in the lease; unique per running node. */
  readonly nodeId: string;
  readonly lease?: Pick<LeaseOptions, 'durationMs' | 'renewEveryMs' | 'pollEveryMs' | 'onWaiting'>;
  readonly ledger?: Omit<LedgerNodeOptions, 'store'>;
  /** Stops waiting (the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal;
}

/** A node that holds the lease and serves writes. */
export interface LedgerLeader {
  readonly node: LedgerNode;
  readonly epoch: number;
  /** Milliseconds spent waiting as a standby. */
  readonly waitedMs: number;
  /** Milliseconds from taking the lease to serving: the follower's last read and the journal tail (cold: the snapshot too). */
  readonly openedMs: number;
  /**
   * Resolves when the lease is lost (another node took over). By then the node refuses every
   * command and its store is closed: the caller should stop the process.
   */
  readonly lost: Promise<LeaseLostError>;
  /** A clean stop: commits what is waiting, saves a snapshot and releases the lease at once. */
  close(): Promise<void>;
}

/**
 * Waits as a standby until the sequencer lease is free (the leader closed, or its lease
 * lapsed), takes it, opens a LedgerNode on the shared journal and serves writes. Every write is
 * fenced by the lease's epoch. While it waits it follows the journal (a JournalFollower), so on
 * taking the lease the sequencer starts from the follower's state and replays only what the
 * previous leader committed after the follower's last read (hot takeover).
 */
export async function runLedgerStandby(options: LedgerStandbyOptions): Promise<LedgerLeader> {
  if (!isPostgresLocation(options.location)) throw new Error('a standby needs a shared postgres:// database');
  const follower = await JournalFollower.open({ location: options.location });
  let store;
  try {
    store = await openPostgresStore({
      ...parsePostgresLocation(options.location),
      lease: { ...options.lease, nodeId: options.nodeId, wait: true, signal: options.signal },
    });
  } catch (error) {
    await follower.close();
    throw error;
  }
  const lease = store.lease!;
  const taken = performance.now();
  const handed = await follower.handOver();
  const node = handed === null ? await LedgerNode.open({ ...options.ledger, store }) : await LedgerNode.openFrom({ ...options.ledger, store }, handed);
  const openedMs = performance.now() - taken;
  const lost = lease.whenLost.then(async (error) => {
    // The journal has moved on without this node: answer nothing more from its state.
    await node.close({ snapshot: false }).catch(() => undefined);
    await store.close();
    return error;
  });
  return { node, epoch: lease.epoch, waitedMs: lease.waitedMs, openedMs, lost, close: () => node.close() };
}

import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Queryable } from './serial.js';
import { StoreConflictError } from '../port.js';

/**
 * How long a lease lasts after its last renewal. A crashed leader's writes resume on a standby
 * after at most this plus one poll plus the replay of the journal tail.
 */
export const leaseDurationMsDefault = 2_000;
/** The holder renews this often: a quarter of the lease, so three renewals may be late before it lapses. */
export const leaseRenewEveryMsDefault = 500;
/** A standby asks for the lease this often while it waits. */
export const leasePollEveryMsDefault = 200;

export interface LeaseOptions {
  /**
   * Who holds the lease. Unique per running node: a node that starts with the id of the
   * current holder takes the lease at once (a restart), fencing its predecessor.
   * Defaults to the host name.
   */
  readonly nodeId?: string;
  readonly durationMs?: number;
  readonly renewEveryMs?: number;
  /** Wait as a standby until the lease can be taken, instead of refusing to open. */
  readonly wait?: boolean;
  readonly pollEveryMs?: number;
  /** Stops a waiting standby (the open then rejects with the signal's reason). */
  readonly signal?: AbortSignal;
  /** Called once, when a waiting standby first finds the lease held (with the holder, in words). */
  readonly onWaiting?: (holder: string) => void;
  /** Called once when this node learns it lost the lease; its writes are refused from then on. */
  readonly onLost?: (error: LeaseLostError) => void;
}

/** Another node holds an unexpired lease. */
export class LeaseHeldError extends Error {
  override readonly name = 'LeaseHeldError';
}

/** This node's lease was taken over: it must not write any more. */
export class LeaseLostError extends StoreConflictError {
  override readonly name = 'LeaseLostError';
}

export interface Lease {
  readonly nodeId: string;
  readonly epoch: number;
  /** The error that ended the lease, or null while it is held. */
  readonly lost: LeaseLostError | null;
  /** Resolves when the lease is lost (never when it is released). */
  readonly whenLost: Promise<LeaseLostError>;
  /** Milliseconds spent waiting as a standby before the lease was taken. */
  readonly waitedMs: number;
  /** Records a loss found elsewhere (a fenced append). */
  markLost(error: LeaseLostError): void;
  /** Stops renewing and lets the lease lapse at once, so a standby takes over without waiting. */
  release(): Promise<void>;
}

interface LeaseRow {
  holder: string;
  epoch: string;
  remaining_ms: number;
}

/** Takes the lease if it lapsed (or is already ours after a restart): a new, higher epoch. */
async function tryAcquire(client: Queryable, nodeId: string, durationMs: number): Promise<number | null> {
  const { rows } = await client.query<{ epoch: string }>(
    `UPDATE sequencer_lease SET holder = $1, epoch = epoch + 1, expires_at = clock_timestamp() + $2 * interval '1 millisecond'
     WHERE id = 1 AND (expires_at <= clock_timestamp() OR holder = $1) RETURNING epoch`,
    [nodeId, durationMs],
  );
  return rows[0] === undefined ? null : Number(rows[0].epoch);
}

/** The lease row as it is now, in words, for error messages. */
export async function describeLease(client: Queryable): Promise<{ epoch: number; text: string }> {
  const { rows } = await client.query<LeaseRow>(
    `SELECT holder, epoch, CASE WHEN expires_at <= clock_timestamp() THEN 0
       ELSE extract(epoch FROM expires_at - clock_timestamp()) * 1000 END::float8 AS remaining_ms
     FROM sequencer_lease WHERE id = 1`,
  );
  const row = rows[0];
  if (row === undefined) return { epoch: 0, text: 'no lease row' };
  const remaining = row.remaining_ms > 0 ? `${Math.round(row.remaining_ms)} ms left` : 'lapsed';
  return { epoch: Number(row.epoch), text: `held by ${JSON.stringify(row.holder)} at epoch ${row.epoch}, ${remaining}` };
}

/**
 * Takes the sequencer lease on this connection and keeps renewing it. With `wait`, polls as a
 * standby until the holder's lease lapses; otherwise refuses with LeaseHeldError.
 */
export async function acquireLease(client: Queryable, options: LeaseOptions = {}): Promise<Lease> {
  const nodeId = options.nodeId ?? hostname();
  const durationMs = options.durationMs ?? leaseDurationMsDefault;
  const renewEveryMs = options.renewEveryMs ?? leaseRenewEveryMsDefault;
  if (!(renewEveryMs > 0 && renewEveryMs < durationMs)) throw new Error(`lease renewal (${renewEveryMs} ms) must be positive and shorter than the lease (${durationMs} ms)`);
  const started = performance.now();
  let waiting = false;
  for (;;) {
    options.signal?.throwIfAborted();
    const epoch = await tryAcquire(client, nodeId, durationMs);
    if (epoch !== null) return holdLease(client, { nodeId, epoch, durationMs, renewEveryMs, waitedMs: performance.now() - started, onLost: options.onLost });
    if (options.wait !== true) throw new LeaseHeldError(`the sequencer lease is ${(await describeLease(client)).text}; this node (${JSON.stringify(nodeId)}) may not write`);
    if (!waiting) options.onWaiting?.((await describeLease(client)).text);
    waiting = true;
    // An aborted wait rejects with the signal's own reason, not a generic AbortError.
    await sleep(options.pollEveryMs ?? leasePollEveryMsDefault, undefined, { signal: options.signal }).catch((error: unknown) => {
      options.signal?.throwIfAborted();
      throw error;
    });
  }
}

interface Held {
  readonly nodeId: string;
  readonly epoch: number;
  readonly durationMs: number;
  readonly renewEveryMs: number;
  readonly waitedMs: number;
  readonly onLost: ((error: LeaseLostError) => void) | undefined;
}

/** Renews the lease until it is released or lost. A renewal that fails for any reason counts as a loss: stopping is safe, writing on is not. */
function holdLease(client: Queryable, held: Held): Lease {
  let lost: LeaseLostError | null = null;
  let renewing = false;
  let released = false;
  let signalLost: (error: LeaseLostError) => void = () => undefined;
  const whenLost = new Promise<LeaseLostError>((resolve) => (signalLost = resolve));
  const markLost = (error: LeaseLostError): void => {
    if (lost !== null || released) return;
    lost = error;
    clearInterval(timer);
    signalLost(error);
    held.onLost?.(error);
  };
  const renew = async (): Promise<void> => {
    const result = await client.query(
      `UPDATE sequencer_lease SET expires_at = clock_timestamp() + $2 * interval '1 millisecond' WHERE id = 1 AND epoch = $1`,
      [held.epoch, held.durationMs],
    );
    if (result.rowCount !== 1) markLost(new LeaseLostError(`sequencer lease of epoch ${held.epoch} was taken over: ${(await describeLease(client)).text}`));
  };
  const timer = setInterval(() => {
    if (renewing || lost !== null || released) return;
    renewing = true;
    renew()
      .catch((error: unknown) => markLost(new LeaseLostError(`sequencer lease of epoch ${held.epoch} could not be renewed: ${(error as Error).message}`)))
      .finally(() => (renewing = false));
  }, held.renewEveryMs);
  // The lease alone must not keep a process alive: the node's own work does.
  timer.unref();
  return {
    nodeId: held.nodeId,
    epoch: held.epoch,
    waitedMs: held.waitedMs,
    get lost() {
      return lost;
    },
    whenLost,
    markLost,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      if (lost === null) await client.query(`UPDATE sequencer_lease SET expires_at = '-infinity' WHERE id = 1 AND epoch = $1`, [held.epoch]);
    },
  };
}

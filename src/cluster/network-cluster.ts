import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterStatus, NodeHandle } from '../http/services.js';
import { LedgerNode, type CommittedBatch, type LedgerNodeOptions } from '../sequencer/ledger-node.js';
import { isPostgresLocation, parsePostgresLocation } from '../store/open-store.js';
import { LeaseHeldError, leasePollEveryMsDefault, type LeaseOptions } from '../store/postgres/lease.js';
import { openPostgresStore, type PostgresStore } from '../store/postgres/postgres-store.js';
import { followPollEveryMsDefault, JournalFollower } from './follower.js';
import { leaseHolder, LeaseWatch, nodeIdProblem } from './lease-watch.js';

type LogFn = (fields: object, message: string) => void;
export interface ClusterLogger {
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;
  readonly fatal: LogFn;
}

/** A change of role, as the node reports it. */
export type RoleChange =
  | { readonly role: 'leader'; readonly epoch: number; readonly waitedMs: number; readonly openedMs: number }
  | { readonly role: 'standby'; readonly leaderUrl: string | null; readonly reason: string };

export interface NetworkClusterOptions {
  /** postgres://…[?schema=NAME]: the database the cluster shares. */
  readonly location: string;
  /** This node's id; unique per running node (the lease holder is the id and the advertised URL). */
  readonly nodeId: string;
  readonly logger: ClusterLogger;
  readonly lease?: Pick<LeaseOptions, 'durationMs' | 'renewEveryMs' | 'pollEveryMs'>;
  /** How often a standby reads the journal (its reads lag by about this much). */
  readonly followPollEveryMs?: number;
  readonly ledger?: Omit<LedgerNodeOptions, 'store' | 'onCommitted' | 'onFailure'>;
  /** A batch the leader committed. */
  readonly onCommitted?: (batch: CommittedBatch) => void;
  /** The standby applied journal entries. */
  readonly onApplied?: () => void;
  /**
   * The node holds the lease and opened the sequencer; runs before it serves writes (the
   * configuration commands). A throw on the first attempt (`first`) fails join(); later it is
   * only logged, and the node leads anyway.
   */
  readonly beforeLeading?: (node: LedgerNode, first: boolean) => Promise<void>;
  /** The node now serves writes through `node` (start webhooks). */
  readonly onLeading?: (node: LedgerNode) => void;
  /** The node stopped serving writes (stop webhooks). */
  readonly onStandby?: () => void;
  readonly onRole?: (change: RoleChange) => void;
}

/** A standby reads the lease row this often, to tell clients where the leader is. */
const leaseWatchEveryMs = 250;
/** After a failure to wait for the lease or to open the sequencer, try again after this long. */
const retryAfterMs = 1_000;

type Phase = 'standby' | 'taking' | 'leader' | 'stepping-down' | 'closed';

/**
 * One node of a PostgreSQL cluster serving the network: a standby (a JournalFollower serving
 * reads, refusing writes, polling for the lease) or the leader (the LedgerNode, the only writer,
 * fenced by the lease's epoch). It switches between them without restarting anything above it:
 * `handle` is always the node to answer from.
 *
 * - Takeover: the lease is taken (a new epoch); the sequencer opens on the shared journal
 *   (snapshot, chain check, tail replay: everything the old leader committed), the configuration
 *   commands run, then writes are served. The follower serves reads until then.
 * - Loss: when the lease is lost (a renewal finds another epoch, or a fenced write) or the
 *   sequencer fails, the node stops answering at once, closes the sequencer (nothing it had not
 *   made durable is ever shown) and becomes a standby again with a fresh follower.
 */
export class NetworkCluster {
  private phase: Phase = 'standby';
  private current!: NodeHandle;
  private follower: JournalFollower | null = null;
  private leader: LedgerNode | null = null;
  private holder: string | null = null;
  private ownUrl: string | null = null;
  private waiting: AbortController | null = null;
  private readonly busy = new Set<Promise<unknown>>();

  private constructor(
    private readonly options: NetworkClusterOptions,
    private readonly watch: LeaseWatch,
  ) {}

  /** Opens as a standby: the follower loads the state and follows the journal. join() then competes for the lease. */
  static async open(options: NetworkClusterOptions): Promise<NetworkCluster> {
    if (!isPostgresLocation(options.location)) throw new Error('a cluster needs a shared postgres:// database');
    const problem = nodeIdProblem(options.nodeId);
    if (problem !== null) throw new Error(`node id ${JSON.stringify(options.nodeId)}: ${problem}`);
    const watch = new LeaseWatch(options.location);
    const cluster = new NetworkCluster(options, watch);
    const follower = (await cluster.openFollower())!;
    cluster.follower = follower;
    cluster.current = follower;
    watch.start(leaseWatchEveryMs);
    await watch.refresh();
    return cluster;
  }

  /** The node to answer from now: the sequencer on the leader, the follower on a standby. */
  get handle(): NodeHandle {
    return this.current;
  }

  get role(): 'leader' | 'standby' {
    return this.phase === 'leader' ? 'leader' : 'standby';
  }

  status(): ClusterStatus {
    if (this.phase === 'leader') return { role: 'leader', leaderUrl: this.ownUrl, readable: true };
    const view = this.watch.current;
    const leaderUrl = view !== null && view.live && view.holder !== this.holder ? view.url : null;
    // While taking over, reads are answered by the follower, then by the sequencer once it opened.
    const readable = (this.phase === 'standby' || this.phase === 'taking') && ((this.follower !== null && this.follower.failed === null) || (this.phase === 'taking' && this.leader !== null));
    return { role: 'standby', leaderUrl, readable };
  }

  /**
   * Enters the race for the lease, advertising `url` to the other nodes' clients: tries once at
   * once, and resolves 'leader' when it took the lease (having opened the sequencer and run
   * beforeLeading) or 'standby' when another node holds it; a standby keeps trying in the background.
   */
  async join(url: string): Promise<'leader' | 'standby'> {
    if (this.holder !== null) throw new Error('join() once');
    this.holder = leaseHolder(this.options.nodeId, url);
    this.ownUrl = url;
    let store: PostgresStore | null = null;
    try {
      store = await this.openLeaseStore(false);
    } catch (error) {
      if (!(error instanceof LeaseHeldError)) throw error;
    }
    if (store !== null && (await this.track(this.lead(store, true)))) return 'leader';
    this.options.onRole?.({ role: 'standby', leaderUrl: this.status().leaderUrl, reason: 'another node holds the sequencer lease' });
    this.waitForLease();
    return 'standby';
  }

  /** Stops: a leader commits what is waiting, snapshots and releases the lease (a standby takes over at its next poll). */
  async close(): Promise<void> {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.waiting?.abort();
    await Promise.allSettled([...this.busy]);
    await this.watch.close();
    const leader = this.leader;
    this.leader = null;
    try {
      await leader?.close();
    } finally {
      await this.follower?.close();
    }
  }

  private openLeaseStore(wait: boolean, signal?: AbortSignal): Promise<PostgresStore> {
    return openPostgresStore({
      ...parsePostgresLocation(this.options.location),
      lease: { ...this.options.lease, nodeId: this.holder!, wait, ...(signal === undefined ? {} : { signal }) },
    });
  }

  /** Keeps a transition's promise, so close() waits for it. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.busy.add(work);
    void work.finally(() => this.busy.delete(work)).catch(() => undefined);
    return work;
  }

  /** With the lease held on `store`: opens the sequencer and switches to it. False when it could not (then the lease is released or lost). */
  private async lead(store: PostgresStore, first: boolean): Promise<boolean> {
    const lease = store.lease!;
    this.phase = 'taking';
    const startedMs = performance.now();
    // Hot takeover: the follower's state, replayed from this journal already, becomes the
    // sequencer's; only the entries it had not read yet are replayed. Cold (the latest snapshot,
    // the chain, the tail) only when there is no sound follower to take it from.
    const follower = this.follower;
    const handed = follower === null ? null : await follower.handOver();
    if (handed !== null) this.follower = null;
    let node: LedgerNode;
    try {
      const ledgerOptions = {
        ...this.options.ledger,
        store,
        onCommitted: (batch: CommittedBatch) => this.options.onCommitted?.(batch),
        onFailure: (error: Error) => void this.track(this.stepDown(node, error)),
      };
      node = handed === null ? await LedgerNode.open(ledgerOptions) : await LedgerNode.openFrom(ledgerOptions, handed);
    } catch (error) {
      // open() closed the store, which released the lease.
      this.options.logger.error({ err: error }, 'took the sequencer lease but could not open the journal; staying a standby');
      await this.followAgain();
      if (this.phase === 'taking') this.phase = 'standby';
      if (first) throw error;
      return false;
    }
    if (this.phase !== 'taking' || lease.lost !== null) {
      // Closed meanwhile, or the lease is gone already: write nothing.
      await node.close({ snapshot: false }).catch(() => undefined);
      await this.followAgain();
      if (this.phase === 'taking') this.phase = 'standby';
      return false;
    }
    // Reads go to the sequencer from now on (its read barrier hides what is not durable yet);
    // writes wait for the configuration below.
    this.current = node;
    this.leader = node;
    void lease.whenLost.then((error) => this.track(this.stepDown(node, error)));
    try {
      await this.options.beforeLeading?.(node, first);
    } catch (error) {
      if (first) {
        this.leader = null;
        this.phase = 'standby';
        await node.close().catch(() => undefined);
        throw error;
      }
      this.options.logger.error({ err: error }, 'the configuration was not applied in full on taking over');
    }
    // Lost while it ran the configuration: stepDown() has taken over.
    if (this.leader !== node || this.phase !== 'taking') return false;
    const openedMs = performance.now() - startedMs;
    this.phase = 'leader';
    this.watch.stop();
    const idle = this.follower;
    this.follower = null;
    void idle?.close().catch(() => undefined);
    this.options.logger.info({ epoch: lease.epoch, waitedMs: Math.round(lease.waitedMs), openedMs: Math.round(openedMs), journalSeq: node.headSeq }, 'this node leads the cluster: it holds the sequencer lease and serves writes');
    this.options.onLeading?.(node);
    this.options.onRole?.({ role: 'leader', epoch: lease.epoch, waitedMs: lease.waitedMs, openedMs });
    return true;
  }

  /**
   * The lease is lost or the sequencer failed: answer nothing from its state any more (writes
   * get not-leader, reads unavailable until the follower is back), close it and follow again.
   */
  private async stepDown(node: LedgerNode, reason: Error): Promise<void> {
    try {
      await this.leaveLeadership(node, reason);
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not become a standby again');
    }
  }

  private async leaveLeadership(node: LedgerNode, reason: Error): Promise<void> {
    // Once closed, close() owns the node (it still commits and snapshots what it can).
    if (this.leader !== node || this.phase === 'closed') return;
    this.leader = null;
    const wasLeading = this.phase === 'leader';
    this.phase = 'stepping-down';
    this.options.logger.warn({ err: reason }, 'this node no longer leads the cluster: it stopped writing and becomes a standby');
    if (wasLeading) this.options.onStandby?.();
    // Its writes are fenced from now on; the store closes (releasing a lease still held).
    void node.close({ snapshot: false }).catch(() => undefined);
    this.watch.start(leaseWatchEveryMs);
    await this.watch.refresh();
    const follower = this.follower ?? (await this.openFollower());
    if ((this.phase as Phase) === 'closed') {
      await follower?.close();
      return;
    }
    this.follower = follower;
    if (follower !== null) this.current = follower;
    this.phase = 'standby';
    this.options.onRole?.({ role: 'standby', leaderUrl: this.status().leaderUrl, reason: reason.message });
    this.waitForLease();
  }

  /** After a failed takeover that used up the follower: a fresh one (cold) serves reads again. */
  private async followAgain(): Promise<void> {
    if (this.follower !== null || this.phase === 'closed') return;
    const follower = await this.openFollower();
    if (follower === null) return;
    if ((this.phase as Phase) === 'closed') return void (await follower.close());
    this.follower = follower;
    this.current = follower;
  }

  /** Opens a follower, trying again until it opens or the node closes (null then). */
  private async openFollower(): Promise<JournalFollower | null> {
    for (;;) {
      try {
        return await JournalFollower.open({
          location: this.options.location,
          pollEveryMs: this.options.followPollEveryMs ?? followPollEveryMsDefault,
          leaderUrl: () => this.status().leaderUrl,
          onApplied: () => this.options.onApplied?.(),
          onPollError: (error) => this.options.logger.warn({ err: error }, 'could not read the journal; trying again'),
          onFailure: (error) => this.options.logger.fatal({ err: error }, 'the journal does not replay on this standby: it answers no reads'),
        });
      } catch (error) {
        // At start there is nothing to serve: let the caller see why.
        if (this.holder === null) throw error;
        if (this.phase === 'closed') return null;
        this.options.logger.error({ err: error }, 'could not load the journal as a standby; trying again');
        await sleep(retryAfterMs);
      }
    }
  }

  /** In the background: waits for the lease (polling), then leads. */
  private waitForLease(): void {
    if (this.waiting !== null || this.phase === 'closed') return;
    const abort = new AbortController();
    this.waiting = abort;
    const run = async (): Promise<void> => {
      while (!abort.signal.aborted) {
        let store: PostgresStore;
        try {
          store = await this.openLeaseStore(true, abort.signal);
        } catch (error) {
          if (abort.signal.aborted) return;
          this.options.logger.warn({ err: error }, 'could not wait for the sequencer lease; trying again');
          await sleep(retryAfterMs, undefined, { signal: abort.signal }).catch(() => undefined);
          continue;
        }
        if (abort.signal.aborted || this.phase !== 'standby') {
          await store.close();
          return;
        }
        this.options.logger.info({ waitedMs: Math.round(store.lease!.waitedMs), epoch: store.lease!.epoch }, 'took the sequencer lease; opening the journal');
        if (await this.lead(store, false)) return;
        await sleep(Math.max(retryAfterMs, this.options.lease?.pollEveryMs ?? leasePollEveryMsDefault), undefined, { signal: abort.signal }).catch(() => undefined);
      }
    };
    void this.track(
      run()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'the standby stopped waiting for the lease'))
        .finally(() => {
          if (this.waiting === abort) this.waiting = null;
        }),
    );
  }
}

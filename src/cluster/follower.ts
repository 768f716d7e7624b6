import { assertLedgerInvariants, type LedgerState } from '../core/ledger/index.js';
import { decodeState, stateHash } from '../core/journal/index.js';
import type { NodeCommand } from '../core/network/apply.js';
import { assertNetworkInvariants } from '../core/network/invariants.js';
import { createNodeState, type NetworkState, type NodeState } from '../core/network/state.js';
import { NotLeaderError, type NodeHandle } from '../http/services.js';
import { LedgerClosedError, type CommandOutcome, type HandedState } from '../sequencer/ledger-node.js';
import { checkChain, checkSnapshotIntegrity, CorruptJournalError, genesisHash, replayEntry } from '../sequencer/replay.js';
import { openStore } from '../store/open-store.js';
import { replayPageEntries, type Store } from '../store/port.js';

/** A standby reads the journal this often: its reads lag the leader by about this much. */
export const followPollEveryMsDefault = 100;

export interface JournalFollowerOptions {
  /** The shared journal (postgres://…?schema=NAME); opened read-only. */
  readonly location: string;
  readonly pollEveryMs?: number;
  /** The leader's advertised URL, for the NotLeaderError a write gets here. */
  readonly leaderUrl?: () => string | null;
  /** Entries were applied; `seq` is the new head. */
  readonly onApplied?: (seq: number) => void;
  /** A poll failed (the database did not answer); the next poll tries again. */
  readonly onPollError?: (error: Error) => void;
  /** The journal does not replay (CorruptJournalError or a broken invariant): the follower stops for good. */
  readonly onFailure?: (error: Error) => void;
}

/**
 * A standby's copy of the node state: the latest snapshot, the journal tail after it, then
 * whatever the leader appends, read every `pollEveryMs` in pages and replayed with the same
 * checks as start-up (links, hashes, recorded outcomes). It serves reads and refuses writes
 * with NotLeaderError. Its reads lag the leader by at most about one poll; they never show
 * anything the journal does not hold, since it only ever applies committed entries.
 */
export class JournalFollower implements NodeHandle {
  private headHash: Buffer;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private closed = false;
  private failure: Error | null = null;
  private handedOver = false;

  private constructor(
    private readonly options: JournalFollowerOptions,
    private readonly store: Store,
    readonly node: NodeState,
    headHash: Buffer,
  ) {
    this.headHash = headHash;
  }

  /** Opens the journal read-only and loads the state: the latest snapshot (chain checked up to it) and the tail. Then follows. */
  static async open(options: JournalFollowerOptions): Promise<JournalFollower> {
    const store = await openStore(options.location, { readonly: true });
    try {
      const snapshot = await store.latestSnapshot();
      let node = createNodeState();
      let hash = genesisHash;
      if (snapshot !== null) {
        checkSnapshotIntegrity(snapshot);
        const chainHash = await checkChain(store, snapshot.seq);
        if (!chainHash.equals(snapshot.chainHash)) throw new CorruptJournalError(`snapshot at entry ${snapshot.seq} does not match the journal`);
        node = decodeState(snapshot.state);
        hash = snapshot.chainHash;
      }
      const follower = new JournalFollower(options, store, node, hash);
      await follower.catchUp();
      assertLedgerInvariants(node.ledger);
      assertNetworkInvariants(node, { deep: true });
      follower.schedule();
      return follower;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  get state(): LedgerState {
    return this.node.ledger;
  }

  get network(): NetworkState {
    return this.node.network;
  }

  get headSeq(): number {
    return this.node.ledger.batchesApplied;
  }

  get waitingCommands(): number {
    return 0;
  }

  /** The follower failed for good (its journal does not replay), or null. */
  get failed(): Error | null {
    return this.failure;
  }

  /**
   * Everything shown is committed already (the follower applies only committed entries), so
   * there is nothing to wait for; a follower that stopped answers nothing more.
   */
  readBarrier(): Promise<void> {
    if (this.handedOver) return Promise.reject(new LedgerClosedError('this standby is taking over; retry shortly'));
    if (this.failure !== null) return Promise.reject(new LedgerClosedError(`this standby stopped following the journal: ${this.failure.message}`));
    return Promise.resolve();
  }

  submit(_command: NodeCommand): Promise<CommandOutcome> {
    return Promise.reject(new NotLeaderError(this.options.leaderUrl?.() ?? null));
  }

  submitTogether(_commands: readonly NodeCommand[]): Promise<CommandOutcome[]> {
    return Promise.reject(new NotLeaderError(this.options.leaderUrl?.() ?? null));
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }

  stateHash(): Buffer {
    return stateHash(this.node);
  }

  /** Reads and applies every entry committed so far (also between polls; concurrent calls share one read). */
  poll(): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve();
    return (this.polling ??= this.catchUp().finally(() => (this.polling = null)));
  }

  /**
   * Catches up with the journal as it is now, stops following and gives its state away (to the
   * sequencer of a node that took the lease): the state is the journal's up to `headHash`, and
   * this follower never touches it again. Null when it cannot (it failed or was closed).
   */
  async handOver(): Promise<HandedState | null> {
    if (this.failure !== null || this.closed) return null;
    try {
      await this.poll();
    } catch {
      // A failed read is no reason to load cold: the sequencer replays whatever is left.
      if (this.failure !== null) return null;
    }
    if (this.closed) return null;
    await this.close();
    this.handedOver = true;
    return { state: this.node, headHash: this.headHash };
  }

  /** Stops following and closes the read-only store. The state stays readable by requests that hold it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.polling?.catch(() => undefined);
    await this.store.close();
  }

  /** Pages of `replayPageEntries` until the journal has no more: bounded reads, and the event loop runs between them. */
  private async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.entries(this.headSeq + 1, replayPageEntries);
      if (page.length === 0 || this.closed) return;
      for (const entry of page) {
        try {
          replayEntry(this.node, entry, this.headHash);
        } catch (error) {
          // The state may be half way through an entry: it must answer nothing more.
          this.failure = error instanceof Error ? error : new Error(String(error));
          throw this.failure;
        }
        this.headHash = entry.hash;
      }
      this.options.onApplied?.(this.headSeq);
      if (page.length < replayPageEntries) return;
    }
  }

  private schedule(): void {
    if (this.closed || this.failure !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.poll().then(
        () => this.schedule(),
        (error: unknown) => {
          if (this.failure !== null) this.options.onFailure?.(this.failure);
          else {
            this.options.onPollError?.(error instanceof Error ? error : new Error(String(error)));
            this.schedule();
          }
        },
      );
    }, this.options.pollEveryMs ?? followPollEveryMsDefault);
    this.timer.unref();
  }
}

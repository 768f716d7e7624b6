import { assertLedgerInvariants, batchCommandsMax, nextExpiry, type Id, type LedgerState } from '../core/ledger/index.js';
import { applyNodeBatch, type NodeCommand, type NodeResult } from '../core/network/apply.js';
import { assertNetworkInvariants } from '../core/network/invariants.js';
import { rescreeningPending } from '../core/network/rescreen.js';
import { nodeCommandShapeError } from '../core/network/shape.js';
import { createNodeState, type NetworkState, type NodeState } from '../core/network/state.js';
import { decodeState, encodeBody, encodeState, sealEntry, stateHash } from '../core/journal/index.js';
import { createHash } from 'node:crypto';
import type { Store } from '../store/port.js';
import { checkChain, checkSnapshotIntegrity, CorruptJournalError, genesisHash, replayTail } from './replay.js';

export interface CommandOutcome {
  readonly result: NodeResult;
  /** The event's timestamp in µs (also for failures: the moment it was judged). */
  readonly timestamp: number;
}

export interface CommittedBatch {
  readonly seq: number;
  readonly timestamp: number;
  readonly commands: readonly NodeCommand[];
  readonly results: readonly NodeResult[];
  readonly timestamps: readonly number[];
  readonly expired: readonly Id[];
  /** How long the journal took to make the batch durable. */
  readonly commitMs: number;
}

export interface LedgerNodeOptions {
  readonly store: Store;
  /** Wall clock in µs; only the sequencer reads time, and it journals what it read. */
  readonly nowUs?: () => number;
  /** Take a snapshot once this many journal bytes were written since the last one. */
  readonly snapshotEveryJournalBytes?: number;
  /**
   * Check the ledger invariants (a scan of every account) after every this many batches
   * (1 = every batch, 0 = never); also at start-up and at close. Every balance change asserts
   * its own account's bounds on the spot.
   */
  readonly invariantsEveryBatches?: number;
  readonly onCommitted?: (batch: CommittedBatch) => void;
  /**
   * The node has stopped for good (a journal write failed, or an invariant broke): its memory
   * may be ahead of the journal, so it answers nothing more. A runner exits and restarts, and
   * start-up replays the journal.
   */
  readonly onFailure?: (error: Error) => void;
}

/** A state replayed from the journal up to `headHash` (its last entry's hash), handed to a sequencer. */
export interface HandedState {
  readonly state: NodeState;
  readonly headHash: Buffer;
}

export class CommandShapeError extends Error {
  override readonly name = 'CommandShapeError';
}

export class LedgerClosedError extends Error {
  override readonly name = 'LedgerClosedError';
}

/** Commands submitted together: they share one batch and one promise. */
interface Group {
  readonly commands: readonly NodeCommand[];
  readonly resolve: (outcomes: CommandOutcome[]) => void;
  readonly reject: (error: Error) => void;
}

export const snapshotEveryJournalBytesDefault = 256 * 1024 * 1024;
/** A full invariant scan costs about 2 ms for 10,000 accounts: every 16 batches keeps it near 1% of the work. */
export const invariantsEveryBatchesDefault = 16;
/** Batches applied but not yet durable; their callers wait. Bounds memory and what a crash can drop. */
export const pipelineBatchesMax = 8;
/** Commands waiting for a batch; beyond this, submit refuses rather than let memory grow without bound. */
export const waitingCommandsMax = 1_000_000;

/**
 * The single writer. Commands that arrive while a batch commits wait and form the next batch,
 * so under load one fsync serves thousands of commands and when idle a command goes at once.
 * A caller hears its outcome only after the batch is durable in the journal.
 */
export class LedgerNode {
  private readonly waiting: Group[] = [];
  private waitingCount = 0;
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;
  private failure: Error | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;
  private journalBytesSinceSnapshot = 0;
  private durableSeq: number;
  private readonly durableWaiters: { seq: number; resolve: () => void }[] = [];

  private constructor(
    private readonly options: LedgerNodeOptions,
    readonly node: NodeState,
    private headHash: Buffer,
  ) {
    this.durableSeq = node.ledger.batchesApplied;
  }

  /** The ledger part of the state (applied, possibly not yet durable: see readBarrier). */
  get state(): LedgerState {
    return this.node.ledger;
  }

  get network(): NetworkState {
    return this.node.network;
  }

  /**
   * Resolves once every batch applied so far is durable, so a read that follows never shows
   * what a crash could still take back. Costs at most one commit's wait, only under load.
   */
  readBarrier(): Promise<void> {
    const seq = this.node.ledger.batchesApplied;
    if (seq <= this.durableSeq) return Promise.resolve();
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise<void>((resolve) => this.durableWaiters.push({ seq, resolve }));
  }

  /**
   * Loads the latest snapshot, checks the whole hash chain, replays the tail after the snapshot
   * (checking its recorded outcomes) and the invariants; refuses to run on anything broken.
   */
  static async open(options: LedgerNodeOptions): Promise<LedgerNode> {
    try {
      return await LedgerNode.load(options);
    } catch (error) {
      await options.store.close();
      throw error;
    }
  }

  private static async load(options: LedgerNodeOptions): Promise<LedgerNode> {
    const { store } = options;
    const snapshot = await store.latestSnapshot();
    let state = createNodeState();
    let hash = genesisHash;
    if (snapshot !== null) {
      checkSnapshotIntegrity(snapshot);
      const chainHash = await checkChain(store, snapshot.seq);
      if (!chainHash.equals(snapshot.chainHash)) throw new CorruptJournalError(`snapshot at entry ${snapshot.seq} does not match the journal`);
      state = decodeState(snapshot.state);
      hash = snapshot.chainHash;
    }
    hash = await replayTail(store, state, hash);
    assertLedgerInvariants(state.ledger);
    assertNetworkInvariants(state, { deep: true });
    const node = new LedgerNode(options, state, hash);
    node.armExpiryTimer();
    return node;
  }

  /**
   * Opens on a state loaded and checked already (a standby's follower, caught up by replaying
   * this same journal), instead of loading the latest snapshot again: checks that the state's
   * last entry is the journal's entry of that seq (same hash), replays only the entries after
   * it, and checks the invariants. Takeover then costs the tail, not the state's size. The
   * caller hands the state over: nothing else may touch it any more.
   */
  static async openFrom(options: LedgerNodeOptions, handed: HandedState): Promise<LedgerNode> {
    try {
      const { store } = options;
      const { state, headHash } = handed;
      const seq = state.ledger.batchesApplied;
      if (seq === 0) {
        if (!headHash.equals(genesisHash)) throw new CorruptJournalError('the handed state has no entry but a chain hash');
      } else {
        const [entry] = await store.entries(seq, 1);
        if (entry === undefined || entry.seq !== seq) throw new CorruptJournalError(`the handed state is at entry ${seq}, which the journal does not hold`);
        if (!entry.hash.equals(headHash)) throw new CorruptJournalError(`the handed state's entry ${seq} is not the journal's`);
      }
      const hash = await replayTail(store, state, headHash);
      assertLedgerInvariants(state.ledger);
      assertNetworkInvariants(state, { deep: true });
      const node = new LedgerNode(options, state, hash);
      node.armExpiryTimer();
      return node;
    } catch (error) {
      await options.store.close();
      throw error;
    }
  }

  get headSeq(): number {
    return this.node.ledger.batchesApplied;
  }

  get waitingCommands(): number {
    return this.waitingCount;
  }

  /** Submits one command; resolves once its batch is durable. */
  submit(command: NodeCommand): Promise<CommandOutcome> {
    const refusal = this.refusal(command, 1);
    if (refusal !== null) return Promise.reject(refusal);
    return new Promise<CommandOutcome>((resolve, reject) => {
      this.enqueue({ commands: [command], resolve: (outcomes) => resolve(outcomes[0]!), reject });
    });
  }

  /**
   * Submits commands that must share one batch (a linked chain must), or simply many at once:
   * all are queued or none is, and one promise answers them all once the batch is durable.
   */
  submitTogether(commands: readonly NodeCommand[]): Promise<CommandOutcome[]> {
    if (commands.length > batchCommandsMax) return Promise.reject(new CommandShapeError(`at most ${batchCommandsMax} commands together`));
    for (const command of commands) {
      const refusal = this.refusal(command, commands.length);
      if (refusal !== null) return Promise.reject(refusal);
    }
    return new Promise<CommandOutcome[]>((resolve, reject) => this.enqueue({ commands, resolve, reject }));
  }

  private enqueue(group: Group): void {
    this.waiting.push(group);
    this.waitingCount += group.commands.length;
    this.scheduleFlush();
  }

  /** Waits until everything submitted so far is durable. */
  async drain(): Promise<void> {
    while (this.failure === null && (this.flushing !== null || this.waiting.length > 0)) {
      if (this.flushing === null) this.startFlush();
      await this.flushing;
    }
    if (this.failure !== null) throw this.failure;
  }

  /** Stops accepting commands, commits what is waiting, saves a snapshot and closes the store. */
  async close(options: { snapshot?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.expiryTimer !== null) clearTimeout(this.expiryTimer);
    try {
      await this.drain();
      if (this.failure === null) {
        assertLedgerInvariants(this.node.ledger);
        assertNetworkInvariants(this.node, { deep: true });
      }
      if (this.failure === null && (options.snapshot ?? true) && this.journalBytesSinceSnapshot > 0) await this.snapshot();
    } finally {
      await this.options.store.close();
    }
  }

  /** Saves the current state as a snapshot tied to the journal head. */
  async snapshot(): Promise<void> {
    if (this.node.ledger.batchesApplied === 0) return;
    const bytes = encodeState(this.node);
    await this.options.store.saveSnapshot({
      seq: this.node.ledger.batchesApplied,
      chainHash: this.headHash,
      stateHash: createHash('sha256').update(bytes).digest(),
      state: bytes,
    });
    this.journalBytesSinceSnapshot = 0;
  }

  /** The state's canonical hash, for comparing a live node with a replay. */
  stateHash(): Buffer {
    return stateHash(this.node);
  }

  private refusal(command: NodeCommand, count: number): Error | null {
    if (this.failure !== null) return this.failure;
    if (this.closed) return new LedgerClosedError('the ledger is closing');
    if (this.waitingCount + count > waitingCommandsMax) return new LedgerClosedError('too many commands waiting; retry later');
    const shape = nodeCommandShapeError(command);
    return shape === null ? null : new CommandShapeError(shape);
  }

  private scheduleFlush(): void {
    if (this.scheduled || this.flushing !== null) return;
    this.scheduled = true;
    // setImmediate lets commands that arrive in the same turn of the event loop share the batch.
    setImmediate(() => {
      this.scheduled = false;
      if (this.flushing === null) this.startFlush();
    });
  }

  private startFlush(emptyBatch = false): void {
    this.flushing = this.flushAll(emptyBatch)
      // The failure is recorded and reported through fail(); callers have their rejections.
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.flushing = null;
        if (this.waiting.length > 0 && this.failure === null) this.scheduleFlush();
      });
  }

  /** Stops the node: every caller still waiting hears the error, and so does the runner. */
  private fail(error: unknown): void {
    const first = this.failure === null;
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    for (const group of this.waiting.splice(0)) group.reject(this.failure);
    this.waitingCount = 0;
    // Readers waiting for durability wake up and find the node failed.
    for (const waiter of this.durableWaiters.splice(0)) waiter.resolve();
    if (this.expiryTimer !== null) clearTimeout(this.expiryTimer);
    if (first) this.options.onFailure?.(this.failure);
  }

  /**
   * Applies batches while earlier ones are still being written: batch N+1 is applied while
   * batch N is fsynced, at most pipelineBatchesMax deep. Callers hear each batch's outcomes
   * only once it is durable; batches become durable in order.
   */
  private async flushAll(emptyBatch: boolean): Promise<void> {
    const inFlight: Promise<void>[] = [];
    if (emptyBatch) inFlight.push(this.applyAndAppend([]));
    while (this.failure === null) {
      if (this.snapshotDue()) {
        // A snapshot must equal the durable journal: let the pipeline empty first, even under
        // load that never pauses, so start-up replay stays bounded.
        await Promise.allSettled(inFlight.splice(0));
        if (this.failure === null) await this.snapshot();
      } else if (this.waiting.length > 0) {
        inFlight.push(this.applyAndAppend(this.takeBatch()));
        if (inFlight.length >= pipelineBatchesMax) await inFlight.shift();
      } else if (inFlight.length > 0) {
        await inFlight.shift(); // meanwhile new commands gather into the next batch
      } else break;
    }
    await Promise.allSettled(inFlight);
    if (this.failure !== null) throw this.failure;
    this.armExpiryTimer();
  }

  private snapshotDue(): boolean {
    return this.journalBytesSinceSnapshot >= (this.options.snapshotEveryJournalBytes ?? snapshotEveryJournalBytesDefault);
  }

  /** Whole groups, oldest first, as many as fit in one batch. */
  private takeBatch(): Group[] {
    let count = 0;
    let groups = 0;
    while (groups < this.waiting.length && count + this.waiting[groups]!.commands.length <= batchCommandsMax) {
      count += this.waiting[groups]!.commands.length;
      groups += 1;
    }
    this.waitingCount -= count;
    return this.waiting.splice(0, groups);
  }

  /** Applies a batch at once; the returned promise answers its callers once the journal holds it. */
  private applyAndAppend(batch: Group[]): Promise<void> {
    const commands = batch.length === 1 ? batch[0]!.commands : batch.flatMap((group) => group.commands);
    const timestamp = Math.max(this.now(), this.node.ledger.lastTimestamp + 1);
    const seq = this.node.ledger.batchesApplied + 1;
    let outcome: ReturnType<typeof applyNodeBatch>;
    let entry: ReturnType<typeof sealEntry>;
    try {
      outcome = applyNodeBatch(this.node, { timestamp, commands });
      const every = this.options.invariantsEveryBatches ?? invariantsEveryBatchesDefault;
      if (every > 0 && seq % every === 0) {
        assertLedgerInvariants(this.node.ledger);
        assertNetworkInvariants(this.node, { deep: false });
      }
      entry = sealEntry(this.headHash, seq, timestamp, encodeBody(commands, outcome.results, outcome.expired));
    } catch (error) {
      // A broken invariant, possibly mid-batch: the state can no longer be trusted, nor journaled.
      this.fail(error);
      for (const group of batch) group.reject(this.failure!);
      return Promise.reject(this.failure!);
    }
    this.headHash = entry.hash;
    this.journalBytesSinceSnapshot += entry.body.length;
    const appendStartedMs = performance.now();
    return this.options.store.append(entry).then(
      () => {
        this.durableSeq = seq;
        while (this.durableWaiters.length > 0 && this.durableWaiters[0]!.seq <= seq) this.durableWaiters.shift()!.resolve();
        let index = 0;
        for (const group of batch) {
          const outcomes = new Array<CommandOutcome>(group.commands.length);
          for (let i = 0; i < outcomes.length; i += 1, index += 1) outcomes[i] = { result: outcome.results[index]!, timestamp: outcome.timestamps[index]! };
          group.resolve(outcomes);
        }
        this.options.onCommitted?.({ seq, timestamp, commands, results: outcome.results, timestamps: outcome.timestamps, expired: outcome.expired, commitMs: performance.now() - appendStartedMs });
      },
      (error: unknown) => {
        // The state has moved past the journal: nothing may be answered from it any more.
        this.fail(error);
        for (const group of batch) group.reject(this.failure!);
      },
    );
  }

  /**
   * Reservations expire by themselves: when one is due and nothing else happens, an empty batch
   * releases it. Likewise an empty batch goes on screening payments again after a list change.
   */
  private armExpiryTimer(): void {
    if (this.expiryTimer !== null) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    // Payments left to screen again after a list change go on in the next batch at once (rescreen.ts).
    const due = rescreeningPending(this.node) ? this.now() : nextExpiry(this.node.ledger);
    if (due === undefined || this.closed) return;
    const delayMs = Math.max(0, Math.ceil((due - this.now()) / 1000));
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = null;
      if (this.closed || this.failure !== null) return;
      if (this.flushing === null && this.waiting.length === 0) this.startFlush(true);
      else this.armExpiryTimer();
    }, Math.min(delayMs, 2 ** 31 - 1));
    this.expiryTimer.unref();
  }

  private now(): number {
    return this.options.nowUs?.() ?? Date.now() * 1000;
  }
}

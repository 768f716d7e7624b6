/**
 * The settlement clock: the only timer settlement has, kept at the edge so the core stays
 * clock-free. Every `tickMs` it looks at each currency and submits, as ordinary journaled
 * commands, what is due: `settlement_tick` when an rtgs-lsm currency has queued payments the
 * last gridlock run has not seen, or a dns window has been open its scheduled time; and
 * `end_of_day` once the configured time of day (UTC) has passed since the last one. Replay
 * never runs the clock: it replays the commands it submitted.
 */
import type { NodeHandle } from '../http/services.js';
import { fxWaitDue } from '../core/network/fx-wait.js';
import { endOfDayDue, parseEndOfDay, settlementTickDue, settlementTickMsDefault, settlementTickMsMax, settlementTickMsMin } from '../core/network/settlement-state.js';
import type { EndOfDayCommand, SettlementTickCommand } from '../core/network/types.js';

export interface SettlementClockOptions {
  /** The node answering now. A standby refuses writes: the clock then does nothing (the leader's clock runs). */
  readonly node: () => NodeHandle;
  /** How often to look, in ms (default 1000). */
  readonly tickMs?: number;
  /** End of the business day, "HH:MM" in UTC; null or absent: only the operator ends the day. */
  readonly endOfDay?: string | null;
  /** The time in µs since the epoch (tests may set it). */
  readonly nowUs?: () => number;
  /** A command the node refused, or a submission that failed (the clock tries again on its next tick). */
  readonly onProblem?: (what: string, detail: unknown) => void;
}

export { parseEndOfDay, settlementTickMsDefault };

export class SettlementClock {
  private readonly tickMs: number;
  private readonly endOfDayMinute: number | null;
  private readonly nowUs: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** The last refusal told per currency and command, so a refusal that repeats every tick is told once. */
  private readonly told = new Map<string, string>();

  constructor(private readonly options: SettlementClockOptions) {
    this.tickMs = options.tickMs ?? settlementTickMsDefault;
    if (!Number.isInteger(this.tickMs) || this.tickMs < settlementTickMsMin || this.tickMs > settlementTickMsMax) {
      throw new RangeError(`the settlement tick is an integer from ${settlementTickMsMin} to ${settlementTickMsMax} ms`);
    }
    this.endOfDayMinute = options.endOfDay === undefined || options.endOfDay === null ? null : parseEndOfDay(options.endOfDay);
    this.nowUs = options.nowUs ?? (() => Date.now() * 1000);
  }

  start(): void {
    if (this.stopped || this.timer !== null) return;
    this.timer = setInterval(() => {
      // One round at a time: a slow commit delays the next round instead of piling rounds up.
      this.running ??= this.round().finally(() => {
        this.running = null;
      });
    }, this.tickMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One look at every currency (exposed for tests). */
  async round(): Promise<void> {
    const node = this.options.node();
    const now = this.nowUs();
    const due: (SettlementTickCommand | EndOfDayCommand)[] = [];
    for (const cs of node.network.settlement.values()) {
      // A waiting FX payment's timeout also needs a command to end it when nothing else comes.
      if (settlementTickDue(cs, now) || fxWaitDue(node.network, cs.currency, now)) due.push({ type: 'settlement_tick', currency: cs.currency });
      if (this.endOfDayMinute !== null && endOfDayDue(cs, now, this.endOfDayMinute)) due.push({ type: 'end_of_day', currency: cs.currency });
    }
    for (const command of due) {
      if (this.stopped) return;
      const key = `${command.type} ${command.currency}`;
      try {
        const { result } = await node.submit(command);
        if (result === 'accepted') this.told.delete(key);
        else if (this.told.get(key) !== result) {
          this.told.set(key, result);
          this.options.onProblem?.(key, result);
        }
      } catch (error) {
        // A standby, or a node closing: nothing to do here now.
        this.options.onProblem?.(key, error);
        return;
      }
    }
  }
}

import { assert } from '../../core/assert.js';
import { retryDelayMs } from './backoff.js';
import { postWebhookEvents } from './post.js';

export interface WebhookTarget {
  readonly bic: string;
  readonly url: string;
  readonly secret: string;
  readonly deliveredUpTo: number;
  readonly inboxLength: number;
}

export interface WebhookSource {
  /** Every participant with a webhook configured, as of now (durable state). */
  targets(): WebhookTarget[];
  /** Inbox events after `after`, at most `limit`, rendered as JSON-ready objects that each carry a numeric `seq` field. */
  events(bic: string, after: number, limit: number): Promise<readonly { seq: number }[]>;
  /** Records durably that events up to `upTo` reached the participant's webhook. */
  delivered(bic: string, upTo: number): Promise<void>;
}

/** One attempt's result. `bic` is '' for a failure of `targets()`, which concerns no one participant. */
export interface WebhookDeliveryReport {
  readonly bic: string;
  readonly ok: boolean;
  /** The receiver's HTTP status; null when there was no answer (network error, timeout, source error). */
  readonly status: number | null;
  readonly events: number;
  /** 1 for the first try of these events, counting up while they fail. */
  readonly attempt: number;
  readonly error?: string;
}

export interface WebhookDispatcherOptions {
  timeoutMs?: number;
  batchEventsMax?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  concurrencyMax?: number;
  /** A fallback scan of targets(), for notifies that were lost (or never sent, as after a restart). */
  pollIntervalMs?: number;
  nowMs?: () => number;
  random?: () => number;
  onDelivery?: (report: WebhookDeliveryReport) => void;
}

export const webhookDispatcherDefaults = {
  timeoutMs: 5_000,
  batchEventsMax: 100,
  retryBaseMs: 1_000,
  retryMaxMs: 300_000,
  concurrencyMax: 16,
  pollIntervalMs: 1_000,
} as const;

type Limits = { readonly [K in keyof typeof webhookDispatcherDefaults]: number };

/** How one flight ended, which decides what happens next for its participant. */
type FlightEnd = 'idle' | 'more' | 'failed';

interface Lane {
  /** The highest seq this dispatcher saw recorded by delivered(); a targets() snapshot may lag it. */
  deliveredUpTo: number;
  /** Consecutive failed attempts at the first undelivered events. */
  failures: number;
  inFlight: boolean;
  /** A notify arrived during the flight: look for events again when it ends. */
  again: boolean;
  retryTimer: NodeJS.Timeout | null;
}

/**
 * Delivers each participant's inbox events to its webhook at least once and in order: one
 * request in flight per participant, and the next batch only after the source has recorded the
 * previous one as delivered. A receiver therefore sees seqs increase, possibly with repeats
 * (after a crash or a lost answer), never with gaps.
 */
export class WebhookDispatcher {
  readonly #source: WebhookSource;
  readonly #limits: Limits;
  readonly #nowMs: () => number;
  readonly #random: () => number;
  readonly #onDelivery: ((report: WebhookDeliveryReport) => void) | undefined;

  #running = false;
  #stopController = new AbortController();
  readonly #lanes = new Map<string, Lane>();
  /** Participants to look at on the next pump, in the order they asked. */
  readonly #wanted = new Set<string>();
  readonly #flights = new Set<Promise<void>>();
  #targets = new Map<string, WebhookTarget>();
  /** A notify or retry may concern a webhook configured (or changed) since the last snapshot. */
  #targetsStale = true;
  #pumpTimer: NodeJS.Timeout | null = null;
  #pollTimer: NodeJS.Timeout | null = null;

  constructor(source: WebhookSource, options: WebhookDispatcherOptions = {}) {
    const limits: Limits = { ...webhookDispatcherDefaults };
    for (const key of Object.keys(webhookDispatcherDefaults) as (keyof Limits)[]) {
      const value = options[key] ?? webhookDispatcherDefaults[key];
      assert(Number.isSafeInteger(value) && value >= 1, `webhook option ${key} is a positive integer`);
      (limits as Record<keyof Limits, number>)[key] = value;
    }
    this.#source = source;
    this.#limits = limits;
    this.#nowMs = options.nowMs ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#onDelivery = options.onDelivery;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopController = new AbortController();
    this.#pollTimer = setInterval(() => this.#poll(), this.#limits.pollIntervalMs).unref();
    this.#poll();
  }

  /** New events are in `bic`'s inbox: deliver soon. Notifies within one turn coalesce into one look. */
  notify(bic: string): void {
    if (!this.#running) return;
    this.#targetsStale = true;
    this.#want(bic);
  }

  /**
   * Stops scheduling and waits for requests in flight (and their delivered() records), at
   * most timeoutMs; those still running then are aborted and will be delivered again later.
   */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#pollTimer !== null) clearInterval(this.#pollTimer);
    if (this.#pumpTimer !== null) clearTimeout(this.#pumpTimer);
    this.#pollTimer = null;
    this.#pumpTimer = null;
    for (const lane of this.#lanes.values()) {
      if (lane.retryTimer !== null) clearTimeout(lane.retryTimer);
      lane.retryTimer = null;
    }
    this.#wanted.clear();
    if (this.#flights.size === 0) return;
    let deadline: NodeJS.Timeout | undefined;
    const settled = Promise.allSettled([...this.#flights]).then(() => true);
    const expired = new Promise<boolean>((resolve) => {
      deadline = setTimeout(() => resolve(false), this.#limits.timeoutMs);
    });
    const finished = await Promise.race([settled, expired]);
    clearTimeout(deadline);
    if (!finished) this.#stopController.abort();
  }

  #poll(): void {
    if (!this.#running || !this.#refreshTargets()) return;
    for (const target of this.#targets.values()) {
      const lane = this.#lanes.get(target.bic);
      if (Math.max(target.deliveredUpTo, lane?.deliveredUpTo ?? 0) < target.inboxLength) this.#want(target.bic);
    }
    // Lanes of participants whose webhook is gone would otherwise accumulate forever.
    for (const [bic, lane] of this.#lanes) {
      if (!this.#targets.has(bic) && !lane.inFlight && lane.retryTimer === null) this.#lanes.delete(bic);
    }
  }

  #refreshTargets(): boolean {
    try {
      this.#targets = new Map(this.#source.targets().map((target) => [target.bic, target]));
      this.#targetsStale = false;
      return true;
    } catch (error) {
      this.#report({ bic: '', ok: false, status: null, events: 0, attempt: 0, error: `targets() failed: ${describe(error)}` });
      return false;
    }
  }

  #want(bic: string): void {
    const lane = this.#lanes.get(bic);
    if (lane?.inFlight === true) {
      lane.again = true;
      return;
    }
    // A pending retry stands: new events must not hammer a receiver that is failing.
    if (lane !== undefined && lane.retryTimer !== null) return;
    this.#wanted.add(bic);
    this.#schedulePump();
  }

  #schedulePump(): void {
    if (this.#pumpTimer !== null || !this.#running) return;
    this.#pumpTimer = setTimeout(() => {
      this.#pumpTimer = null;
      this.#pump();
    }, 0).unref();
  }

  /** Starts flights for wanted participants, as far as concurrencyMax allows; the rest wait. */
  #pump(): void {
    if (!this.#running) return;
    // One targets() call per pump, however many notifies came in: it may cost O(participants).
    if (this.#targetsStale && !this.#refreshTargets()) return;
    for (const bic of this.#wanted) {
      if (this.#flights.size >= this.#limits.concurrencyMax) return;
      this.#wanted.delete(bic);
      const target = this.#targets.get(bic);
      if (target === undefined) continue; // no webhook configured (any more)
      let lane = this.#lanes.get(bic);
      if (lane === undefined) {
        lane = { deliveredUpTo: target.deliveredUpTo, failures: 0, inFlight: false, again: false, retryTimer: null };
        this.#lanes.set(bic, lane);
      }
      if (lane.inFlight) lane.again = true;
      else if (lane.retryTimer === null) this.#launch(target, lane);
    }
  }

  #launch(target: WebhookTarget, lane: Lane): void {
    lane.inFlight = true;
    lane.again = false;
    const flight: Promise<void> = this.#fly(target, lane)
      .catch((error: unknown): FlightEnd => {
        this.#report({ bic: target.bic, ok: false, status: null, events: 0, attempt: lane.failures + 1, error: describe(error) });
        return 'failed';
      })
      .then((end) => {
        this.#flights.delete(flight);
        lane.inFlight = false;
        this.#land(target.bic, lane, end);
      });
    this.#flights.add(flight);
  }

  /** Decides what follows a flight: nothing, the next batch, or a retry after a backoff. */
  #land(bic: string, lane: Lane, end: FlightEnd): void {
    if (!this.#running) return;
    if (end === 'failed') {
      lane.failures += 1;
      const delayMs = retryDelayMs(lane.failures, this.#limits.retryBaseMs, this.#limits.retryMaxMs, this.#random);
      lane.retryTimer = setTimeout(() => {
        lane.retryTimer = null;
        this.#targetsStale = true;
        this.#want(bic);
      }, delayMs).unref();
    } else if (end === 'more' || lane.again) {
      this.#want(bic);
    }
    if (this.#wanted.size > 0) this.#schedulePump();
  }

  /** One batch: fetch, post, record. Every failure comes back as 'failed' after a report. */
  async #fly(target: WebhookTarget, lane: Lane): Promise<FlightEnd> {
    const { bic } = target;
    const attempt = lane.failures + 1;
    const after = Math.max(lane.deliveredUpTo, target.deliveredUpTo);
    const fail = (status: number | null, events: number, error: string): FlightEnd => {
      this.#report({ bic, ok: false, status, events, attempt, error });
      return 'failed';
    };
    let events: readonly { seq: number }[];
    try {
      events = await this.#source.events(bic, after, this.#limits.batchEventsMax);
    } catch (error) {
      return fail(null, 0, `events() failed: ${describe(error)}`);
    }
    const broken = checkEvents(events, after, this.#limits.batchEventsMax);
    if (broken !== null) return fail(null, events.length, `events() broke its contract: ${broken}`);
    const last = events[events.length - 1];
    if (last === undefined) {
      lane.failures = 0;
      return 'idle';
    }
    const outcome = await postWebhookEvents({
      bic, url: target.url, secret: target.secret, events, timeoutMs: this.#limits.timeoutMs,
      stopSignal: this.#stopController.signal, nowMs: this.#nowMs,
    });
    if (!outcome.ok) return fail(outcome.status, events.length, outcome.error);
    try {
      await this.#source.delivered(bic, last.seq);
    } catch (error) {
      // The receiver has them but we could not record it: they go again (at least once).
      return fail(outcome.status, events.length, `delivered() failed: ${describe(error)}`);
    }
    lane.deliveredUpTo = last.seq;
    lane.failures = 0;
    this.#report({ bic, ok: true, status: outcome.status, events: events.length, attempt });
    return events.length === this.#limits.batchEventsMax ? 'more' : 'idle';
  }

  #report(report: WebhookDeliveryReport): void {
    try {
      this.#onDelivery?.(report);
    } catch {
      // A faulty observer must not stop deliveries, nor throw out of a timer.
    }
  }
}

/** Inbox events are numbered without gaps, so a batch after `after` is after+1, after+2, … */
function checkEvents(events: readonly { seq: number }[], after: number, limit: number): string | null {
  if (events.length > limit) return `${events.length} events for a limit of ${limit}`;
  for (let index = 0; index < events.length; index++) {
    const seq = events[index]?.seq;
    if (seq !== after + 1 + index) return `seq ${seq} where ${after + 1 + index} was due`;
  }
  return null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

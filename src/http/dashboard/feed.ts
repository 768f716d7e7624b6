/**
 * The dashboard's live feed: after committed batches it finds what changed (payments and
 * funding, from the participants' inboxes, which receive an event for every status change) and
 * sends it to every open event stream; it also keeps the list of recent payments. It reads only
 * durable state (after `readBarrier`), gathers batches for `coalesceMs` into one event, and
 * bounds everything: streams, their buffers, payments per event, the recent list.
 *
 * Its cursors belong to the node answering (`node()`): on a cluster node that changes with the
 * role (a standby's follower, the sequencer it hands over to, a fresh follower after stepping
 * down), and a new node's state need not be where the old one's cursors were. So whenever the
 * node answering is another one, the feed restarts: cursors and the recent list from the new
 * state, and every stream is told `resync` (the page refetches everything) instead of being sent
 * a difference computed across two states, which could repeat or miss changes.
 */
import type { ServerResponse } from 'node:http';
import type { NetworkState } from '../../core/network/state.js';
import type { PaymentRecord } from '../../core/network/types.js';
import type { NodeHandle } from '../services.js';
import { amountView, isoMicros } from '../views.js';
import { EventStream } from './event-stream.js';
import type { DashboardLimits } from './limits.js';
import { RecentPayments } from './recent-payments.js';

/** A payment as the dashboard's list shows it. */
export function paymentRowView(network: NetworkState, p: PaymentRecord) {
  return {
    uetr: p.uetr,
    endToEndId: p.endToEndId,
    status: p.status,
    reason: p.reason,
    amount: amountView(network, p.currency, p.amount),
    debtorAgent: p.debtorAgent,
    creditorAgent: p.creditorAgent,
    createdAt: isoMicros(p.history[0]!.at),
    updatedAt: isoMicros(p.history.at(-1)!.at),
  };
}

export class DashboardFeed {
  readonly recent: RecentPayments;
  private readonly streams = new Set<EventStream>();
  /** Per participant, how many of its inbox events were already looked at, in the state of `cursorsOf`. */
  private readonly inboxSeen = new Map<string, number>();
  /** The node whose state the cursors and the recent list were taken from. */
  private cursorsOf!: NodeHandle;
  /** Counts starts and restarts: a flush or restart that began before a later one drops its result. */
  private generation = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly node: () => NodeHandle,
    readonly limits: DashboardLimits,
  ) {
    this.recent = new RecentPayments(limits.recentPaymentsMax);
    this.resetCursors();
  }

  /** Starts from the state as it is: every inbox read to its end, the recent list from the payments held. */
  resetCursors(): void {
    const node = this.node();
    this.cursorsOf = node;
    this.generation += 1;
    this.inboxSeen.clear();
    for (const [bic, inbox] of node.network.inboxes) this.inboxSeen.set(bic, inbox.length);
    this.recent.seed(node.network.payments.keys());
  }

  /**
   * The node answering changed (a change of role): restart on its durable state and tell every
   * stream to resync (the page refetches the list and the aggregates, through the read barrier).
   * Every node of a cluster follows the one journal, and the cursors only ever hold durable
   * positions, so each inbox's cursor becomes the further of the old one and the new state's end:
   * what the old node showed is not shown again when a follower that lagged catches up, and what
   * the new state has beyond it comes with the refetch. The recent list is taken from the new
   * state unless that state lags the old cursors (then it would lack payments already listed; the
   * list answers only payments the state answering knows). Called on each change of role; a flush
   * that finds another node answering than its cursors' does it too, so nothing diffs across two states.
   */
  async restart(): Promise<void> {
    if (this.closed) return;
    this.generation += 1;
    const generation = this.generation;
    const node = this.node();
    try {
      await node.readBarrier();
    } catch {
      return;
    }
    if (this.closed || generation !== this.generation || this.node() !== node) return;
    let lags = false;
    for (const [bic, inbox] of node.network.inboxes) {
      const seen = this.inboxSeen.get(bic) ?? 0;
      if (inbox.length < seen) lags = true;
      else this.inboxSeen.set(bic, inbox.length);
    }
    if (!lags) this.recent.seed(node.network.payments.keys());
    this.cursorsOf = node;
    const data = { skipped: 0, restarted: true, journalSeq: node.headSeq };
    for (const stream of this.streams) stream.send('resync', data);
  }



  get streamCount(): number {
    return this.streams.size;
  }

  /** Called for each committed batch: gathers them for `coalesceMs`, then sends one event. */
  onBatch(): void {
    if (this.closed || this.flushTimer !== null) return;
    this.flushTimer = setTimeout(() => void this.flush(), this.limits.coalesceMs);
  }

  /** Opens an event stream on a hijacked response; null when `streamsMax` are open. */
  open(response: ServerResponse): EventStream | null {
    if (this.closed || this.streams.size >= this.limits.streamsMax) return null;
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const stream = new EventStream(response, this.limits.streamBufferedBytesMax, (s) => this.streams.delete(s));
    this.streams.add(stream);
    response.write(`retry: 2000\n\n`);
    stream.send('hello', { journalSeq: this.node().headSeq, at: new Date().toISOString() });
    this.heartbeatTimer ??= setInterval(() => this.beat(), Math.max(100, Math.floor(this.limits.heartbeatMs / 2)));
    return stream;
  }

  /** Ends every stream (before the server closes, which would otherwise wait for them). */
  close(): void {
    this.closed = true;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    if (this.heartbeatTimer !== null) clearInterval(this.heartbeatTimer);
    for (const stream of [...this.streams]) stream.end();
  }

  private beat(): void {
    if (this.streams.size === 0 && this.heartbeatTimer !== null) {
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = null;
      return;
    }
    const data = { journalSeq: this.node().headSeq, at: new Date().toISOString() };
    for (const stream of this.streams) if (stream.idleMs >= this.limits.heartbeatMs) stream.heartbeat(data);
  }

  private async flush(): Promise<void> {
    const node = this.node();
    const generation = this.generation;
    try {
      await node.readBarrier();
    } catch {
      this.flushTimer = null;
      return;
    }
    this.flushTimer = null;
    if (this.closed || generation !== this.generation) return;
    if (node !== this.cursorsOf || this.node() !== node) return void (await this.restart());
    const { touched, currencies } = this.collectChanges(node.network);
    const network = node.network;
    const rows = [];
    for (const uetr of touched) {
      this.recent.add(uetr);
      if (rows.length >= this.limits.eventPaymentsMax) continue;
      const payment = network.payments.get(uetr);
      if (payment !== undefined) rows.push(paymentRowView(network, payment));
    }
    if (this.streams.size === 0) return;
    const event = { journalSeq: node.headSeq, currencies: [...currencies], payments: rows, more: Math.max(0, touched.size - rows.length) };
    for (const stream of this.streams) stream.send('changes', event);
  }

  /** Payments whose status changed and currencies whose liquidity moved since the last look. */
  private collectChanges(network: NetworkState): { touched: Set<string>; currencies: Set<string> } {
    const touched = new Set<string>();
    const currencies = new Set<string>();
    for (const [bic, inbox] of network.inboxes) {
      const seen = this.inboxSeen.get(bic) ?? 0;
      for (let i = seen; i < inbox.length; i += 1) {
        const event = inbox[i]!;
        if (event.type.startsWith('payment.')) {
          touched.add(event.subject);
          const currency = network.payments.get(event.subject)?.currency;
          if (currency !== undefined) currencies.add(currency);
        } else if (event.currency !== null) currencies.add(event.currency);
      }
      // Never back: after a restart on a follower that lags, its inboxes are shorter than the cursors until it catches up.
      if (inbox.length > seen) this.inboxSeen.set(bic, inbox.length);
    }
    return { touched, currencies };
  }
}

/**
 * What an operator watches per currency, derived from the state alone (pure, no clock: the
 * caller passes the moment it reports at): each settlement account's liquidity and queue, the
 * day's settled value, and how much liquidity the day's settlements used against their gross
 * value. Read-only; nothing here moves money.
 *
 * Liquidity used: every settlement decision (one engine event: a gross payment, a queue
 * release, an LSM cycle, a dns window) moves its payments as one chain; what it uses is the
 * sum of its net debtors' net outflows. A lone gross payment uses its whole amount; a cycle
 * found by the LSM or a netted window uses only the net. Payments settled in one decision
 * share its timestamp (every event takes its own), so grouping by settlement moment finds them.
 *
 * FX legs count too (fx-day-legs.ts): an FX payment's transfers in this currency (payer to
 * provider, provider to provider, provider to payee) settled gross, in one chain: they add to the
 * day's settled value (and count as one payment), use liquidity as their chain's net outflows do,
 * and show in the sent and received of the settlement accounts they moved.
 */
import { fxSinkParticipant } from './fx-wait.js';
import { assert } from '../assert.js';
import { settlementAccountKey, type NodeState } from './state.js';
import type { CurrencySettlement } from './settlement-state.js';
import type { PaymentQueue, PaymentRecord as EngineRecord } from '../settlement/state.js';
import { fxDayLegs, type FxLegSettlement } from './fx-day-legs.js';

/** Points of the day's liquidity chart at most: the chart's resolution, whatever the day's volume. */
export const dayChartPointsMax = 96;

export interface ParticipantDayRow {
  readonly bic: string;
  readonly name: string;
  readonly suspended: boolean;
  /** Posted credits minus posted debits of the settlement account; negative while it uses its credit line. */
  readonly balance: bigint;
  readonly creditLine: bigint;
  /** Reserved: pending debits (two-phase reservations not yet posted or voided). */
  readonly reserved: bigint;
  /** Balance + credit line − reserved. */
  readonly available: bigint;
  readonly netDebitCap: bigint | null;
  /** dns: net position in the open window (positive: receives). */
  readonly position: bigint;
  readonly queueCount: number;
  readonly queueValue: bigint;
  /** When the oldest payment waiting in its queue was submitted (µs); null when none waits. */
  readonly queueOldestAt: number | null;
  readonly settledSent: bigint;
  readonly settledReceived: bigint;
}

export interface DayChartPoint {
  /** End of the interval (µs). */
  readonly at: number;
  /** Cumulative gross value settled since the day began. */
  readonly gross: bigint;
  /** Cumulative liquidity those settlements used. */
  readonly used: bigint;
}

export interface CurrencyDayReport {
  readonly currency: string;
  readonly participants: readonly ParticipantDayRow[];
  readonly queueCount: number;
  readonly queueValue: bigint;
  readonly queueOldestAt: number | null;
  /** Payments settled today: the engine's and the FX payments with a leg in this currency. */
  readonly settledCount: number;
  /** Value settled today: the engine's payments plus every FX leg in this currency. */
  readonly settledGross: bigint;
  /** Of which FX: the FX payments with a leg in this currency, and their legs' value in it. */
  readonly fxCount: number;
  readonly fxGross: bigint;
  readonly liquidityUsed: bigint;
  readonly dayStartedAt: number;
  readonly chart: readonly DayChartPoint[];
}

/**
 * The report of one currency as of `nowUs` (which only places the chart's last point). `fxLegs`:
 * the currency's FX legs of the day (fxDayLegs, computed once for every currency by a caller that
 * reports on several).
 */
export function currencyDayReport(state: NodeState, cs: CurrencySettlement, nowUs: number, pointsMax: number = dayChartPointsMax, fxLegs: readonly FxLegSettlement[] = fxDayLegs(state).get(cs.currency) ?? []): CurrencyDayReport {
  assert(pointsMax >= 1 && pointsMax <= 10_000, 'chart points within bounds');
  const engine = cs.engine;
  const count = engine.participants.length;
  const sent = new Array<bigint>(count).fill(0n);
  const received = new Array<bigint>(count).fill(0n);
  const engineDecisions = settlementDecisions(engine.payments.values(), sent, received);
  const rowOfAccount = new Map<string, number>();
  engine.participants.forEach((p, index) => {
    const accountId = state.network.settlementAccounts.get(settlementAccountKey(p.id, cs.currency));
    if (accountId !== undefined) rowOfAccount.set(accountId, index);
  });
  const fxDecisions = fxLegDecisions(fxLegs, rowOfAccount, sent, received);
  const decisions = fxDecisions.length === 0 ? engineDecisions : [...engineDecisions, ...fxDecisions].sort((a, b) => a.at - b.at);
  // The FX sink (fx-wait.ts) is no bank: it has no row.
  const rows = engine.participants.flatMap((p, index) => {
    if (p.id === fxSinkParticipant) return [];
    const record = state.network.participants.get(p.id);
    const accountId = state.network.settlementAccounts.get(settlementAccountKey(p.id, cs.currency));
    const account = accountId === undefined ? undefined : state.ledger.accounts.get(accountId);
    assert(record !== undefined && accountId !== undefined && account !== undefined, `participant ${p.id} of ${cs.currency} has its settlement account`);
    const balance = account.creditsPosted - account.debitsPosted;
    const oldest = minAt(oldestQueued(p.urgent), oldestQueued(p.normal));
    return [{
      bic: p.id,
      name: record.name,
      suspended: record.suspended,
      balance,
      creditLine: account.creditLine,
      reserved: account.debitsPending,
      available: balance + account.creditLine - account.debitsPending,
      netDebitCap: state.network.netDebitCaps.get(accountId) ?? null,
      position: p.position,
      queueCount: p.urgent.live + p.normal.live,
      queueValue: p.queuedOut,
      queueOldestAt: oldest,
      settledSent: sent[index]!,
      settledReceived: received[index]!,
    }];
  });
  const chart = chartPoints(decisions, cs.lastEndOfDayAt, Math.max(nowUs, cs.lastEndOfDayAt), pointsMax);
  const last = chart.at(-1);
  return {
    currency: cs.currency,
    participants: rows,
    queueCount: rows.reduce((n, r) => n + r.queueCount, 0),
    queueValue: rows.reduce((sum, r) => sum + r.queueValue, 0n),
    queueOldestAt: rows.reduce<number | null>((oldest, r) => minAt(oldest, r.queueOldestAt), null),
    settledCount: decisions.reduce((n, d) => n + d.payments, 0),
    settledGross: last?.gross ?? 0n,
    fxCount: fxDecisions.length,
    fxGross: fxDecisions.reduce((sum, d) => sum + d.gross, 0n),
    liquidityUsed: last?.used ?? 0n,
    dayStartedAt: cs.lastEndOfDayAt,
    chart,
  };
}

interface Decision {
  readonly at: number;
  payments: number;
  gross: bigint;
  /** Net outflow per participant index (an FX chain: per account id) within the decision. */
  readonly nets: Map<number | string, bigint>;
}

/** Each FX payment's legs in the currency as one decision (its chain posted at once); fills the sent and received of the settlement accounts they moved. */
function fxLegDecisions(settlements: readonly FxLegSettlement[], rowOfAccount: ReadonlyMap<string, number>, sent: bigint[], received: bigint[]): Decision[] {
  return settlements.map((s) => {
    const d: Decision = { at: s.at, payments: 1, gross: 0n, nets: new Map() };
    for (const t of s.transfers) {
      d.gross += t.amount;
      d.nets.set(t.debitAccountId, (d.nets.get(t.debitAccountId) ?? 0n) + t.amount);
      d.nets.set(t.creditAccountId, (d.nets.get(t.creditAccountId) ?? 0n) - t.amount);
      const from = rowOfAccount.get(t.debitAccountId);
      const to = rowOfAccount.get(t.creditAccountId);
      if (from !== undefined) sent[from] = sent[from]! + t.amount;
      if (to !== undefined) received[to] = received[to]! + t.amount;
    }
    return d;
  });
}

/** The day's settled payments grouped by the moment (the decision) that settled them, in time order; fills per-participant sent and received. */
function settlementDecisions(records: Iterable<EngineRecord>, sent: bigint[], received: bigint[]): Decision[] {
  const byAt = new Map<number, Decision>();
  for (const r of records) {
    if (r.status !== 'settled') continue;
    sent[r.from] = sent[r.from]! + r.amount;
    received[r.to] = received[r.to]! + r.amount;
    let d = byAt.get(r.settledAtSeconds);
    if (d === undefined) byAt.set(r.settledAtSeconds, (d = { at: r.settledAtSeconds, payments: 0, gross: 0n, nets: new Map() }));
    d.payments += 1;
    d.gross += r.amount;
    d.nets.set(r.from, (d.nets.get(r.from) ?? 0n) + r.amount);
    d.nets.set(r.to, (d.nets.get(r.to) ?? 0n) - r.amount);
  }
  return [...byAt.values()].sort((a, b) => a.at - b.at);
}

/** What a decision used: the sum of its net debtors' outflows (never more than its gross). */
export function liquidityUsedBy(nets: ReadonlyMap<number | string, bigint>): bigint {
  let used = 0n;
  for (const net of nets.values()) if (net > 0n) used += net;
  return used;
}

/** Cumulative gross and used at the end of each of `pointsMax` equal intervals from the day's start to now. */
function chartPoints(decisions: readonly Decision[], fromUs: number, toUs: number, pointsMax: number): DayChartPoint[] {
  const spanUs = Math.max(toUs - fromUs, 1);
  const points = Math.min(pointsMax, Math.max(1, Math.ceil(spanUs / 1_000_000)));
  const out: DayChartPoint[] = [];
  let gross = 0n;
  let used = 0n;
  let next = 0;
  for (let i = 1; i <= points; i += 1) {
    const end = i === points ? toUs : fromUs + Math.floor((spanUs * i) / points);
    while (next < decisions.length && decisions[next]!.at <= end) {
      gross += decisions[next]!.gross;
      used += liquidityUsedBy(decisions[next]!.nets);
      next += 1;
    }
    out.push({ at: end, gross, used });
  }
  // Decisions stamped after `toUs` (a caller's clock behind the journal's) still count in the totals.
  for (; next < decisions.length; next += 1) {
    gross += decisions[next]!.gross;
    used += liquidityUsedBy(decisions[next]!.nets);
  }
  if (out.length > 0) out[out.length - 1] = { at: toUs, gross, used };
  return out;
}

function oldestQueued(queue: PaymentQueue): number | null {
  for (let i = queue.head; i < queue.items.length; i += 1) {
    const record = queue.items[i]!;
    if (record.status === 'queued') return record.submittedAtSeconds;
  }
  return null;
}

function minAt(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

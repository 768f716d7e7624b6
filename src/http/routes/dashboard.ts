/**
 * The operator dashboard's routes (docs/dashboard.md): per-currency aggregates for the liquidity
 * panels, the day's liquidity chart, the recent payments, the live event stream, and the one
 * action the other routes lacked for the operator (taking back a queued payment). Operator only.
 */
import { Type, type Static } from '@sinclair/typebox';
import { cancelPaymentRefusal } from '../../core/network/apply-settlement.js';
import { currencyDayReport, dayChartPointsMax, type CurrencyDayReport } from '../../core/network/day-report.js';
import { fxDayLegs, type FxLegSettlement } from '../../core/network/fx-day-legs.js';
import { fxDayFlows, type FxPairFlow } from '../../core/network/fx-day-flows.js';
import { holdIsOpen } from '../../core/network/hold-withdrawal.js';
import { openHoldsByCurrency, type OpenHoldsOfCurrency } from '../../core/network/open-holds.js';
import { debtorSide } from '../../core/network/sides.js';
import type { CurrencySettlement } from '../../core/network/settlement-state.js';
import type { NetworkState } from '../../core/network/state.js';
import { formatMinorUnits } from '../../config/amounts.js';
import { paymentRowView } from '../dashboard/feed.js';
import { FxQuote } from '../fx-schemas.js';
import { quoteView } from '../fx-views.js';
import { ProblemError } from '../problems.js';
import { resultProblem } from '../result-problems.js';
import type { RouteSpec } from '../route.js';
import { CurrencyCode, Payment, Timestamp, Uetr } from '../schemas.js';
import type { Services } from '../services.js';
import { HoldView } from './screening-schemas.js';
import { holdView } from './screening-views.js';
import { isoMicros, paymentView } from '../views.js';
import { pageLimit, submitChecked } from './common.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const SignedDecimal = Type.String({ pattern: '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$', description: 'Exact decimal in major units, with the currency’s decimals; negative where it can be' });
const Money = Type.Object({ value: SignedDecimal, currency: Type.String() }, strict);

const ParticipantLiquidity = Type.Object(
  {
    bic: Type.String(),
    name: Type.String(),
    suspended: Type.Boolean(),
    balance: Type.Object(Money.properties, { ...strict, description: 'Posted credits minus posted debits; negative while the credit line is used' }),
    creditLine: Money,
    reserved: Type.Object(Money.properties, { ...strict, description: 'Pending debits: reservations not yet posted or voided' }),
    available: Type.Object(Money.properties, { ...strict, description: 'balance + credit line − reserved' }),
    netDebitCap: Nullable(Money),
    position: Type.Object(Money.properties, { ...strict, description: 'dns: net position in the open window (positive: receives)' }),
    queue: Type.Object({ count: Type.Integer({ minimum: 0 }), value: Money, oldestSince: Nullable(Timestamp) }, strict),
    settledSent: Money,
    settledReceived: Money,
  },
  strict,
);

const CurrencyOverview = Type.Object(
  {
    currency: Type.String(),
    exponent: Type.Integer({ minimum: 0 }),
    mode: Type.String(),
    agent: Type.String(),
    day: Type.Integer({ minimum: 1 }),
    dayStartedAt: Timestamp,
    openWindow: Nullable(Type.Integer({ minimum: 1 })),
    queue: Type.Object({ count: Type.Integer({ minimum: 0 }), value: Money, oldestSince: Nullable(Timestamp) }, strict),
    held: Type.Object(
      { count: Type.Integer({ minimum: 0 }), value: Money, oldestSince: Nullable(Timestamp) },
      { ...strict, description: 'Payments held by screening awaiting a compliance officer’s decision (paid in this currency): read-only for the operator' },
    ),
    settled: Type.Object(
      {
        count: Type.Integer({ minimum: 0 }),
        value: Money,
        fx: Type.Object({ count: Type.Integer({ minimum: 0 }), value: Money }, { ...strict, description: 'Of which cross-currency: the FX payments with a leg in this currency, and the value of their legs in it (payer to provider, provider to provider, provider to payee)' }),
      },
      { ...strict, description: 'Settled since the business day began: the settlement engine’s payments and every FX leg in this currency' },
    ),
    liquidityUsed: Type.Object(Money.properties, { ...strict, description: 'What the day’s settlements moved net: ≤ settled value; the rest was saved by the LSM or netting' }),
    participants: Type.Array(ParticipantLiquidity),
  },
  strict,
);

export const DashboardOverview = Type.Object({ at: Timestamp, journalSeq: Type.Integer({ minimum: 0 }), currencies: Type.Array(CurrencyOverview) }, strict);

export const DayLiquidity = Type.Object(
  {
    currency: Type.String(),
    dayStartedAt: Timestamp,
    points: Type.Array(Type.Object({ at: Timestamp, gross: Money, used: Money }, strict), { description: 'Cumulative since the day began, at most 96 points' }),
  },
  strict,
);

const PaymentRow = Type.Object(
  {
    uetr: Type.String(),
    endToEndId: Type.String(),
    status: Type.String(),
    reason: Nullable(Type.String()),
    amount: Type.Object({ value: Type.String(), currency: Type.String() }, strict),
    debtorAgent: Type.String(),
    creditorAgent: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  strict,
);
export const RecentPaymentList = Type.Object({ payments: Type.Array(PaymentRow), limit: Type.Integer({ minimum: 1 }) }, strict);

/** Live quotes the FX panel lists at most (the rest are counted in quotesTotal). */
export const fxPanelQuotesMax = 100;

const FxPairFlowView = Type.Object(
  {
    sourceCurrency: Type.String(),
    targetCurrency: Type.String(),
    count: Type.Integer({ minimum: 1 }),
    sent: Type.Object(Money.properties, { ...strict, description: 'Paid by the debtor agents, in the source currency' }),
    delivered: Type.Object(Money.properties, { ...strict, description: 'Received by the creditor agents, in the target currency' }),
    dayStartedAt: Timestamp,
  },
  strict,
);

export const DashboardFx = Type.Object(
  {
    at: Timestamp,
    journalSeq: Type.Integer({ minimum: 0 }),
    quotes: Type.Array(FxQuote, { description: `Live quotes, by pair then provider then id: at most ${fxPanelQuotesMax}` }),
    quotesTotal: Type.Integer({ minimum: 0, description: 'Live quotes in the book (quotes lists the first of them)' }),
    flows: Type.Array(FxPairFlowView, { description: 'Per directed pair, the cross-currency payments settled in the source currency’s business day' }),
  },
  strict,
);

/** An overview is computed at most once per journal entry and second: a dashboard's refreshes cost nothing in between. */
const reportCacheMs = 1000;
const reportCache = new WeakMap<CurrencySettlement, { seq: number; atMs: number; report: CurrencyDayReport }>();

function reportOf(services: Services, cs: CurrencySettlement, nowMs: number): CurrencyDayReport {
  const node = services.node;
  const cached = reportCache.get(cs);
  if (cached !== undefined && cached.seq === node.headSeq && nowMs - cached.atMs < reportCacheMs) return cached.report;
  const legs = fxLegsOf(services, nowMs).get(cs.currency) ?? [];
  const report = currencyDayReport({ ledger: node.state, network: node.network }, cs, nowMs * 1000, dayChartPointsMax, legs);
  reportCache.set(cs, { seq: node.headSeq, atMs: nowMs, report });
  return report;
}

const legsCache = new WeakMap<NetworkState, { seq: number; atMs: number; legs: Map<string, FxLegSettlement[]> }>();

/** The day's FX legs per currency, computed (one pass over the payments) at most once per journal entry and second, for every currency's report. */
function fxLegsOf(services: Services, nowMs: number): Map<string, FxLegSettlement[]> {
  const network = services.node.network;
  const cached = legsCache.get(network);
  if (cached !== undefined && cached.seq === services.node.headSeq && nowMs - cached.atMs < reportCacheMs) return cached.legs;
  const legs = fxDayLegs({ ledger: services.node.state, network });
  legsCache.set(network, { seq: services.node.headSeq, atMs: nowMs, legs });
  return legs;
}

const flowsCache = new WeakMap<NetworkState, { seq: number; atMs: number; flows: FxPairFlow[] }>();

/** The day's FX flows, computed (one pass over the payments) at most once per journal entry and second. */
function flowsOf(services: Services, nowMs: number): FxPairFlow[] {
  const network = services.node.network;
  const cached = flowsCache.get(network);
  if (cached !== undefined && cached.seq === services.node.headSeq && nowMs - cached.atMs < reportCacheMs) return cached.flows;
  const flows = fxDayFlows(network);
  flowsCache.set(network, { seq: services.node.headSeq, atMs: nowMs, flows });
  return flows;
}

function money(network: NetworkState, currency: string, minor: bigint) {
  const exponent = network.currencies.get(currency)?.exponent ?? 0;
  return { value: (minor < 0n ? '-' : '') + formatMinorUnits(minor < 0n ? -minor : minor, exponent), currency };
}

const at = (us: number | null) => (us === null ? null : isoMicros(us));

function currencyOverview(network: NetworkState, cs: CurrencySettlement, r: CurrencyDayReport, held: OpenHoldsOfCurrency | undefined): Static<typeof CurrencyOverview> {
  const m = (minor: bigint) => money(network, cs.currency, minor);
  const currency = network.currencies.get(cs.currency)!;
  return {
    currency: cs.currency,
    exponent: currency.exponent,
    mode: cs.mode,
    agent: currency.agent,
    day: cs.day,
    dayStartedAt: isoMicros(r.dayStartedAt),
    openWindow: cs.mode === 'dns' ? cs.windowBase + cs.engine.open.id : null,
    queue: { count: r.queueCount, value: m(r.queueValue), oldestSince: at(r.queueOldestAt) },
    held: { count: held?.count ?? 0, value: m(held?.value ?? 0n), oldestSince: at(held?.oldestAt ?? null) },
    settled: { count: r.settledCount, value: m(r.settledGross), fx: { count: r.fxCount, value: m(r.fxGross) } },
    liquidityUsed: m(r.liquidityUsed),
    participants: r.participants.map((p) => ({
      bic: p.bic,
      name: p.name,
      suspended: p.suspended,
      balance: m(p.balance),
      creditLine: m(p.creditLine),
      reserved: m(p.reserved),
      available: m(p.available),
      netDebitCap: p.netDebitCap === null ? null : m(p.netDebitCap),
      position: m(p.position),
      queue: { count: p.queueCount, value: m(p.queueValue), oldestSince: at(p.queueOldestAt) },
      settledSent: m(p.settledSent),
      settledReceived: m(p.settledReceived),
    })),
  };
}

const getOverview: RouteSpec = {
  method: 'GET',
  path: '/v1/operator/overview',
  operationId: 'getOperatorOverview',
  summary: 'Per currency: every settlement account’s liquidity and queue, the day’s settled value and the liquidity it used',
  description: 'For the operator dashboard. Computed from durable state, at most once per journal entry and second.',
  tag: 'operator',
  access: 'operator',
  responses: { 200: DashboardOverview },
  async handler({ services }) {
    await services.node.readBarrier();
    const network = services.node.network;
    const nowMs = Date.now();
    const held = openHoldsByCurrency(network);
    const currencies = [...network.settlement.values()].map((cs) => currencyOverview(network, cs, reportOf(services, cs, nowMs), held.get(cs.currency)));
    return { status: 200, body: { at: new Date(nowMs).toISOString(), journalSeq: services.node.headSeq, currencies } };
  },
};

const getDayLiquidity: RouteSpec = {
  method: 'GET',
  path: '/v1/operator/currencies/{currency}/liquidity',
  operationId: 'getDayLiquidity',
  summary: 'The business day so far: cumulative value settled (gross) and liquidity used, for a chart',
  tag: 'operator',
  access: 'operator',
  params: Type.Object({ currency: CurrencyCode }, strict),
  responses: { 200: DayLiquidity },
  problems: [422],
  async handler({ params, services }) {
    await services.node.readBarrier();
    const network = services.node.network;
    const cs = network.settlement.get(params.currency!);
    if (cs === undefined) throw resultProblem('currency_unknown');
    const report = reportOf(services, cs, Date.now());
    const m = (minor: bigint) => money(network, cs.currency, minor);
    return { status: 200, body: { currency: cs.currency, dayStartedAt: isoMicros(report.dayStartedAt), points: report.chart.map((p) => ({ at: isoMicros(p.at), gross: m(p.gross), used: m(p.used) })) } };
  },
};

const getFx: RouteSpec = {
  method: 'GET',
  path: '/v1/operator/fx',
  operationId: 'getOperatorFx',
  summary: 'For the FX panel: the live quotes (bounded, ordered) and the value moved per currency pair today',
  description: `Quotes as GET /v1/fx/quotes shows them to the operator (every one, restricted prices included), ordered by pair, provider and id, at most ${fxPanelQuotesMax}. Flows: per directed pair (source → target), the count of cross-currency payments settled since the source currency’s business day began, what was sent (source currency) and delivered (target currency), exact.`,
  tag: 'operator',
  access: 'operator',
  responses: { 200: DashboardFx },
  async handler({ principal, services }) {
    await services.node.readBarrier();
    const network = services.node.network;
    const nowMs = Date.now();
    const live = [...network.fx.book.quotes.values()].filter((q) => nowMs < q.expiresAtMs);
    live.sort((a, b) => order(a.base, b.base) || order(a.counter, b.counter) || order(a.provider, b.provider) || order(a.id, b.id));
    const quotes = live.slice(0, fxPanelQuotesMax).flatMap((q) => {
      const view = quoteView(network, principal, q);
      return view === null ? [] : [view];
    });
    const flows = flowsOf(services, nowMs).map((f) => ({
      sourceCurrency: f.sourceCurrency,
      targetCurrency: f.targetCurrency,
      count: f.count,
      sent: money(network, f.sourceCurrency, f.sentMinor),
      delivered: money(network, f.targetCurrency, f.deliveredMinor),
      dayStartedAt: isoMicros(f.dayStartedAt),
    }));
    return { status: 200, body: { at: new Date(nowMs).toISOString(), journalSeq: services.node.headSeq, quotes, quotesTotal: live.length, flows } };
  },
};

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const listRecentPayments: RouteSpec = {
  method: 'GET',
  path: '/v1/operator/payments',
  operationId: 'listRecentPayments',
  summary: 'The most recent payments, newest first, with their current status',
  description: 'At most `limit` (default 200, at most 200). A payment’s full history: GET /v1/payments/{uetr}.',
  tag: 'operator',
  access: 'operator',
  query: Type.Object({ limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })) }, strict),
  responses: { 200: RecentPaymentList },
  async handler({ query, services }) {
    const feed = services.dashboard;
    const max = feed?.limits.recentPaymentsMax ?? 200;
    const limit = pageLimit(query.limit, max, max);
    await services.node.readBarrier();
    const network = services.node.network;
    const uetrs = feed === undefined ? [] : feed.recent.newest(limit);
    const payments = uetrs.flatMap((uetr) => {
      const p = network.payments.get(uetr);
      return p === undefined ? [] : [paymentRowView(network, p)];
    });
    return { status: 200, body: { payments, limit } };
  },
};

const streamEvents: RouteSpec = {
  method: 'GET',
  path: '/v1/operator/events',
  operationId: 'streamOperatorEvents',
  summary: 'Server-sent events: what each committed batch changed (payments with their status, currencies whose liquidity moved)',
  description:
    'text/event-stream. Events: `hello` {journalSeq}; `changes` {journalSeq, currencies, payments (at most 200), more}; `heartbeat` every 15 s of silence; `resync` when the client read too slowly and events were skipped (refetch). A stream keeps at most 256 KiB buffered; at most 32 streams are open (503 beyond).',
  tag: 'operator',
  access: 'operator',
  streams: true,
  responses: { 200: Type.String({ description: 'text/event-stream' }) },
  responseMediaTypes: { 200: 'text/event-stream' },
  problems: [503],
  handler({ reply, services }) {
    const feed = services.dashboard;
    if (feed === undefined || feed.streamCount >= feed.limits.streamsMax) throw new ProblemError('unavailable', `at most ${feed?.limits.streamsMax ?? 0} event streams are open at once`);
    reply.hijack();
    feed.open(reply.raw);
    return { status: 200 };
  },
};

/** Held payments the dashboard lists at most (the rest are counted in `total`). */
export const holdsPanelMax = 50;

export const HeldPaymentList = Type.Object(
  {
    holds: Type.Array(HoldView, { description: `Open holds paid in the currency, oldest first: at most ${holdsPanelMax}` }),
    total: Type.Integer({ minimum: 0, description: 'Open holds paid in the currency' }),
  },
  strict,
);

const listHeldPayments: RouteSpec = {
  method: 'GET',
  path: '/v1/operator/currencies/{currency}/holds',
  operationId: 'listHeldPayments',
  summary: 'Payments of a currency held by screening, awaiting a compliance officer: each with every hit explained (read-only)',
  description: `Open holds only, oldest first, at most ${holdsPanelMax}, as the compliance officers’ GET /v1/screening/holds shows them. The operator sees them; only a compliance officer (with an officer key) may release or reject a held payment.`,
  tag: 'operator',
  access: 'operator',
  params: Type.Object({ currency: CurrencyCode }, strict),
  responses: { 200: HeldPaymentList },
  problems: [422],
  async handler({ params, services }) {
    await services.node.readBarrier();
    const network = services.node.network;
    if (!network.settlement.has(params.currency!)) throw resultProblem('currency_unknown');
    const holds = [];
    let total = 0;
    for (const hold of network.screening.holds.values()) {
      if (!holdIsOpen(hold) || network.payments.get(hold.uetr)!.currency !== params.currency) continue;
      total += 1;
      if (holds.length < holdsPanelMax) holds.push(holdView(network, hold));
    }
    holds.sort((a, b) => order(a.heldAt, b.heldAt));
    return { status: 200, body: { holds, total } };
  },
};

const operatorCancel: RouteSpec = {
  method: 'POST',
  path: '/v1/operator/payments/{uetr}/cancel',
  operationId: 'operatorCancelPayment',
  summary: 'The operator takes back a payment that has not settled (queued, or accepted into the open dns window)',
  description:
    'Journaled as `cancel_payment` in the name of the payment’s sender (the debtor side) with `by: operator`: the payment ends rejected with DS02 (an authorised user cancelled the order), its history entry and the debtor’s inbox event say `by: operator`, and what queued behind it may settle. Refused as for the sender: 409 not-cancellable once settled or rejected; a retry answers the same.',
  tag: 'operator',
  access: 'operator',
  params: Type.Object({ uetr: Uetr }, strict),
  responses: { 200: Payment },
  problems: [404, 409],
  async handler({ params, request, services }) {
    await services.node.readBarrier();
    const network = services.node.network;
    const payment = network.payments.get(params.uetr!);
    if (payment === undefined) throw new ProblemError('not-found', `no payment ${params.uetr}`);
    // A hold is the sender's to withdraw or an officer's to decide: a withdrawal on the operator's order would name the wrong party.
    if (payment.status === 'held') throw new ProblemError('not-cancellable', 'held by screening: its sender may cancel it, or a compliance officer decide it');
    const sender = debtorSide(network, payment).includes(payment.sender) ? payment.sender : debtorSide(network, payment)[0]!;
    const command = { type: 'cancel_payment', sender, uetr: payment.uetr, by: 'operator' } as const;
    await submitChecked(services, command, cancelPaymentRefusal);
    request.log.warn({ event: 'operator_cancel', uetr: payment.uetr, onBehalfOf: sender }, 'payment cancelled by the operator');
    return { status: 200, body: paymentView(network, network.payments.get(params.uetr!)!) };
  },
};

export const dashboardRoutes: readonly RouteSpec[] = [getOverview, getDayLiquidity, getFx, listRecentPayments, streamEvents, listHeldPayments, operatorCancel];

/**
 * Settlement in the running node (docs/settlement.md, "The running node"): a currency's
 * overview, what waits in its queues, its dns windows and their reports (JSON or CSV), the
 * operator's window actions, schedule and end of day, and the sender's cancellation of a
 * payment that has not settled. Reads answer from durable state; a write that the state
 * already refuses is answered without journaling anything.
 */
import { Type, type Static } from '@sinclair/typebox';
import { debtorSide } from '../../core/network/sides.js';
import { cancelPaymentRefusal, queueOrderRefusal, settlementWindowRefusal, urgentReserveRefusal, windowScheduleRefusal } from '../../core/network/apply-settlement.js';
import { openWindowId, windowRecord, type CurrencySettlement, type SettlementWindowRecord } from '../../core/network/settlement-state.js';
import type { NetworkState, NodeState } from '../../core/network/state.js';
import type { WindowAction } from '../../core/network/types.js';
import { liveRecords, windowReport, windowReportCsv, type PaymentRecord as EngineRecord, type WindowReport as EngineWindowReport } from '../../core/settlement/index.js';
import { ProblemError } from '../problems.js';
import { resultProblem } from '../result-problems.js';
import type { Principal, RouteSpec } from '../route.js';
import { Bic, CurrencyCode, DecimalAmount, Payment, QueueOrder, Timestamp, Uetr } from '../schemas.js';
import type { Services } from '../services.js';
import { amountView, isoMicros, paymentView, queueOrderView, reasonView } from '../views.js';
import { pageLimit, parseAmountIn, participantOr404, submitChecked, submitNetwork } from './common.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const AmountOut = Type.Object({ value: Type.String(), currency: Type.String() }, strict);
const WindowStatus = Type.Union(['open', 'closed', 'settling', 'settled', 'aborted'].map((s) => Type.Literal(s)));

const CurrencyParams = Type.Object({ currency: CurrencyCode }, strict);
const WindowIdText = Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'The window’s number in its currency (from 1, never reused)' });
const WindowParams = Type.Object({ currency: CurrencyCode, windowId: WindowIdText }, strict);
const LimitQuery = Type.Object({ limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })) }, strict);

export const SettlementOverview = Type.Object(
  {
    currency: Type.String(),
    mode: Type.Union([Type.Literal('rtgs'), Type.Literal('rtgs-lsm'), Type.Literal('dns')]),
    day: Type.Integer({ minimum: 1, description: 'Business day, from 1; end of day starts the next' }),
    lastEndOfDayAt: Timestamp,
    waiting: Type.Object(
      { count: Type.Integer({ minimum: 0 }), value: AmountOut },
      { ...strict, description: 'Payments not yet settled: queued (rtgs) or accepted into a window (dns); a participant sees its own' },
    ),
    openWindow: Nullable(Type.Integer({ minimum: 1, description: 'dns: the open window’s number' })),
    windowSeconds: Nullable(Type.Integer({ description: 'dns: the open window closes and settles on the tick once this old; null: by the operator only' })),
    queueOrder: Type.Union([...QueueOrder.anyOf, Type.Null()], { description: 'rtgs, rtgs-lsm: fifo or fifo-bypass (see PUT …/queue-order); null for dns' }),
  },
  strict,
);

const WaitingPayment = Type.Object(
  {
    uetr: Type.String(),
    status: Type.Union([Type.Literal('queued'), Type.Literal('accepted')]),
    priority: Type.Union([Type.Literal('urgent'), Type.Literal('normal')]),
    payer: Type.String({ description: 'The participant whose settlement account pays (the debtor agent, or its sponsor)' }),
    position: Type.Integer({ minimum: 1, description: 'rtgs: place in the payer’s queue (urgent first, then first in first out; held payments after the others); dns: place in its window' }),
    held: Type.Boolean({ description: 'rtgs: a party to it is suspended; it stays queued (PDNG) but does not settle until the suspension is lifted, then takes its place again' }),
    window: Nullable(Type.Integer({ description: 'dns: the window it was accepted into' })),
    debtorAgent: Type.String(),
    creditorAgent: Type.String(),
    amount: AmountOut,
    since: Timestamp,
  },
  strict,
);
export const SettlementQueue = Type.Object({ currency: Type.String(), mode: Type.String(), total: Type.Integer({ minimum: 0 }), payments: Type.Array(WaitingPayment) }, strict);

export const WindowReportView = Type.Object(
  {
    currency: Type.String(),
    windowId: Type.Integer({ minimum: 1 }),
    status: WindowStatus,
    history: Type.Array(Type.Object({ status: WindowStatus, at: Timestamp }, strict)),
    reason: Nullable(Type.Object({ code: Type.String(), description: Type.String() }, strict)),
    payments: Type.Integer({ minimum: 0 }),
    gross: AmountOut,
    net: Type.Object(AmountOut.properties, { ...strict, description: 'Sum of the net debit positions (= sum of the net credit positions)' }),
    participants: Type.Array(
      Type.Object({ participant: Type.String(), sent: AmountOut, received: AmountOut, net: Type.Object(AmountOut.properties, { ...strict, description: 'Positive: receives; negative: pays. The nets of all participants sum to zero.' }) }, strict),
      { description: 'One row per participant (a participant sees its own row only)' },
    ),
  },
  strict,
);
const WindowReportCsv = Type.String({
  description: 'With ?format=csv (RFC 4180, CRLF line ends): the header `window,participant,sent,received,net`, one row per participant (amounts in major units, net negative for a net debtor), then a TOTAL row with gross, gross and net',
  pattern: '^window,participant,sent,received,net\\r\\n',
});
export const WindowList = Type.Object({ currency: Type.String(), windows: Type.Array(WindowReportView, { description: 'The open window first, then the others, newest first' }) }, strict);

const ScheduleInput = Type.Object(
  { windowSeconds: Type.Union([Type.Integer({ minimum: 60, maximum: 86_400 }), Type.Null()], { description: 'Seconds a window stays open before the tick closes and settles it; null: only the operator does' }) },
  strict,
);

const ReserveParams = Type.Object({ currency: CurrencyCode, bic: Bic }, strict);
const ReserveInput = Type.Object({ urgent: DecimalAmount }, strict);
export const UrgentReserve = Type.Object(
  {
    participant: Type.String(),
    currency: Type.String(),
    urgent: Type.Object(AmountOut.properties, { ...strict, description: 'Normal payments must leave this much of the liquidity untouched; urgent payments may use it' }),
    liquidity: Type.Object(AmountOut.properties, { ...strict, description: 'Settlement balance plus credit line, now' }),
  },
  strict,
);

// ---- reading the state ----------------------------------------------------------------------

function stateOf(services: Services): NodeState {
  return { ledger: services.node.state, network: services.node.network };
}

/** The currency's settlement, if the caller may see it: the operator always, a participant when it holds the currency. */
function visibleSettlement(network: NetworkState, principal: Principal, code: string): CurrencySettlement {
  const cs = network.settlement.get(code);
  if (cs === undefined) throw principal.kind === 'operator' ? resultProblem('currency_unknown') : new ProblemError('not-found', `no currency ${code} for this key`);
  if (principal.kind === 'participant' && network.participants.get(principal.bic)?.currencies.includes(code) !== true) {
    throw new ProblemError('not-found', `no currency ${code} for this key`);
  }
  return cs;
}

/** The participants whose payments a participant sees waiting: those it sent, and those of its agent or sponsor side. */
function onDebtorSide(state: NodeState, principal: Principal, uetr: string): boolean {
  if (principal.kind === 'operator') return true;
  const p = state.network.payments.get(uetr)!;
  return debtorSide(state.network, p).includes(principal.bic);
}

interface Waiting {
  readonly record: EngineRecord;
  readonly position: number;
}

/** Every payment waiting in the currency's engine, in settlement order: per payer urgent then normal queue; dns windows in acceptance order. */
function waitingPayments(cs: CurrencySettlement): Waiting[] {
  const engine = cs.engine;
  const out: Waiting[] = [];
  if (cs.mode === 'dns') {
    for (const window of engine.closing === null ? [engine.open] : [engine.closing, engine.open]) {
      let position = 0;
      for (const record of window.payments) if (record.status === 'accepted') out.push({ record, position: (position += 1) });
    }
    return out;
  }
  const held = new Map<number, EngineRecord[]>();
  for (const record of engine.payments.values()) {
    if (record.status !== 'held') continue;
    const list = held.get(record.from);
    if (list === undefined) held.set(record.from, [record]);
    else list.push(record);
  }
  for (const participant of engine.participants) {
    let position = 0;
    const queued = [...liveRecords(participant.urgent), ...liveRecords(participant.normal), ...(held.get(participant.index) ?? [])];
    for (const record of queued) out.push({ record, position: (position += 1) });
  }
  return out;
}

function overview(state: NodeState, principal: Principal, cs: CurrencySettlement): Static<typeof SettlementOverview> {
  const waiting = waitingPayments(cs).filter((w) => onDebtorSide(state, principal, w.record.id));
  const value = waiting.reduce((sum, w) => sum + w.record.amount, 0n);
  return {
    currency: cs.currency,
    mode: cs.mode,
    day: cs.day,
    lastEndOfDayAt: isoMicros(cs.lastEndOfDayAt),
    waiting: { count: waiting.length, value: amountView(state.network, cs.currency, value) },
    openWindow: cs.mode === 'dns' ? openWindowId(cs) : null,
    windowSeconds: cs.windowSeconds,
    queueOrder: queueOrderView(state.network, cs.currency),
  };
}

/** The open window as a report: its positions so far. */
function openWindowRecord(cs: CurrencySettlement): SettlementWindowRecord {
  const report = windowReport(cs.engine, cs.engine.open);
  return {
    id: openWindowId(cs),
    status: 'open',
    history: [{ status: 'open', at: cs.openedAt }],
    reason: null,
    payments: report.payments,
    gross: report.gross,
    net: report.net,
    participants: report.participants.map((p) => ({ ...p })),
  };
}

function findWindow(cs: CurrencySettlement, id: number): SettlementWindowRecord | undefined {
  if (cs.mode !== 'dns') return undefined;
  return id === openWindowId(cs) ? openWindowRecord(cs) : windowRecord(cs, id);
}

/** A participant sees its own row of a report only (the totals stay the window's). */
function rowsFor(principal: Principal, record: SettlementWindowRecord): SettlementWindowRecord['participants'] {
  return principal.kind === 'operator' ? record.participants : record.participants.filter((p) => p.id === principal.bic);
}

function windowView(network: NetworkState, principal: Principal, cs: CurrencySettlement, record: SettlementWindowRecord): Static<typeof WindowReportView> {
  const money = (minor: bigint) => amountView(network, cs.currency, minor);
  return {
    currency: cs.currency,
    windowId: record.id,
    status: record.status,
    history: record.history.map((step) => ({ status: step.status, at: isoMicros(step.at) })),
    reason: reasonView(record.reason),
    payments: record.payments,
    gross: money(record.gross),
    net: money(record.net),
    participants: rowsFor(principal, record).map((p) => ({ participant: p.id, sent: money(p.sent), received: money(p.received), net: money(p.net) })),
  };
}

function windowCsv(network: NetworkState, principal: Principal, cs: CurrencySettlement, record: SettlementWindowRecord): string {
  const currency = network.currencies.get(cs.currency)!;
  const report: EngineWindowReport = { windowId: record.id, status: record.status, payments: record.payments, gross: record.gross, net: record.net, participants: rowsFor(principal, record) };
  return windowReportCsv(report, { code: currency.code, numeric: currency.ledger, exponent: currency.exponent, name: currency.code });
}

function windowIdOf(text: string): number {
  return Number(text);
}

// ---- routes ---------------------------------------------------------------------------------

const getSettlement: RouteSpec = {
  method: 'GET',
  path: '/v1/settlement/{currency}',
  operationId: 'getSettlement',
  summary: 'A currency’s settlement: its mode, business day, what waits, its open window',
  tag: 'settlement',
  access: 'any',
  params: CurrencyParams,
  responses: { 200: SettlementOverview },
  problems: [404, 422],
  async handler({ principal, params, services }) {
    await services.node.readBarrier();
    const state = stateOf(services);
    return { status: 200, body: overview(state, principal, visibleSettlement(state.network, principal, params.currency!)) };
  },
};

const getQueue: RouteSpec = {
  method: 'GET',
  path: '/v1/settlement/{currency}/queue',
  operationId: 'getSettlementQueue',
  summary: 'Payments not yet settled: queued for liquidity (rtgs), or accepted into a window (dns)',
  description: 'The operator sees every payer’s queue; a participant sees the payments on its debtor side (sent by it, by its debtor agent or on its sponsor’s account). In settlement order; `limit` (default 100, at most 1000) cuts the list, `total` counts it all.',
  tag: 'settlement',
  access: 'any',
  params: CurrencyParams,
  query: LimitQuery,
  responses: { 200: SettlementQueue },
  problems: [404, 422],
  async handler({ principal, params, query, services }) {
    const limit = pageLimit(query.limit, 100, 1000);
    await services.node.readBarrier();
    const state = stateOf(services);
    const network = state.network;
    const cs = visibleSettlement(network, principal, params.currency!);
    const waiting = waitingPayments(cs).filter((w) => onDebtorSide(state, principal, w.record.id));
    const payments = waiting.slice(0, limit).map(({ record, position }) => {
      const p = network.payments.get(record.id)!;
      return {
        uetr: p.uetr,
        status: record.status === 'accepted' ? ('accepted' as const) : ('queued' as const),
        held: record.status === 'held',
        priority: record.urgent ? ('urgent' as const) : ('normal' as const),
        payer: cs.engine.participants[record.from]!.id,
        position,
        window: cs.mode === 'dns' ? cs.windowBase + record.windowId : null,
        debtorAgent: p.debtorAgent,
        creditorAgent: p.creditorAgent,
        amount: amountView(network, p.currency, p.amount),
        since: isoMicros(p.history.at(-1)!.at),
      };
    });
    return { status: 200, body: { currency: cs.currency, mode: cs.mode, total: waiting.length, payments } };
  },
};

const cancelQueuedPayment: RouteSpec = {
  method: 'POST',
  path: '/v1/payments/{uetr}/cancel',
  operationId: 'cancelQueuedPayment',
  summary: 'Take back a payment that has not settled (queued, accepted into the open dns window, or held by screening)',
  description:
    'By the debtor side (the sender, the debtor agent or its sponsor). The payment ends rejected with reason DS02 and what queued behind it may settle now; a retry answers the same. A payment held by screening is cancelled likewise: its hold closes as withdrawn by the sender, and no compliance officer can decide it any more. A settled payment is asked back with POST …/cancellation (camt.056) instead: 409 not-cancellable, as for one rejected, or in a window that already closed.',
  tag: 'payments',
  access: 'participant',
  params: Type.Object({ uetr: Uetr }, strict),
  responses: { 200: Payment },
  problems: [404, 409],
  async handler({ principal, params, services }) {
    if (principal.kind !== 'participant') throw new ProblemError('forbidden', 'only a participant may do this');
    const command = { type: 'cancel_payment', sender: principal.bic, uetr: params.uetr!, held: true } as const;
    await submitChecked(services, command, cancelPaymentRefusal, (refusal) =>
      refusal === 'payment_unknown' ? new ProblemError('not-found', `no payment ${params.uetr} on the debtor side of this key`) : resultProblem(refusal),
    );
    return { status: 200, body: paymentView(services.node.network, services.node.network.payments.get(params.uetr!)!) };
  },
};

const listWindows: RouteSpec = {
  method: 'GET',
  path: '/v1/settlement/{currency}/windows',
  operationId: 'listSettlementWindows',
  summary: 'dns settlement windows with their reports: the open one, then the others, newest first',
  description: 'Empty for an rtgs currency. A participant sees its own row of each report. `limit` (default 100, at most 1000).',
  tag: 'settlement',
  access: 'any',
  params: CurrencyParams,
  query: LimitQuery,
  responses: { 200: WindowList },
  problems: [404, 422],
  async handler({ principal, params, query, services }) {
    const limit = pageLimit(query.limit, 100, 1000);
    await services.node.readBarrier();
    const network = services.node.network;
    const cs = visibleSettlement(network, principal, params.currency!);
    const records = cs.mode === 'dns' ? [openWindowRecord(cs), ...cs.windows.slice(-limit).reverse()].slice(0, limit) : [];
    return { status: 200, body: { currency: cs.currency, windows: records.map((r) => windowView(network, principal, cs, r)) } };
  },
};

const getWindow: RouteSpec = {
  method: 'GET',
  path: '/v1/settlement/{currency}/windows/{windowId}',
  operationId: 'getSettlementWindow',
  summary: 'One window’s report: per participant sent, received and net; ?format=csv gives it as text/csv',
  description: 'CSV (RFC 4180): `window,participant,sent,received,net`, one row per participant, then a TOTAL row with gross and net. A participant sees its own row.',
  tag: 'settlement',
  access: 'any',
  params: WindowParams,
  query: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) }, strict),
  responses: { 200: Type.Union([WindowReportView, WindowReportCsv]) },
  responseContent: { 200: { 'application/json': WindowReportView, 'text/csv': WindowReportCsv } },
  problems: [404, 422],
  async handler({ principal, params, query, services }) {
    await services.node.readBarrier();
    const network = services.node.network;
    const cs = visibleSettlement(network, principal, params.currency!);
    const record = findWindow(cs, windowIdOf(params.windowId!));
    if (record === undefined) throw new ProblemError('not-found', `no window ${params.windowId} in ${cs.currency}`);
    if (query.format === 'csv') return { status: 200, body: windowCsv(network, principal, cs, record), headers: { 'content-type': 'text/csv; charset=utf-8' } };
    return { status: 200, body: windowView(network, principal, cs, record) };
  },
};

function windowActionRoute(action: WindowAction): RouteSpec {
  const what = {
    close: 'Close the open window: its net positions are fixed and the next window opens',
    settle: 'Settle a closed window: the net positions move the settlement accounts at once, all or nothing (or the window aborts if a net debtor cannot cover)',
    abort: 'Abort a closed window: nothing of it settles, its payments are rejected (AB04), positions are as before it',
  }[action];
  return {
    method: 'POST',
    path: `/v1/settlement/{currency}/windows/{windowId}/${action}`,
    operationId: `${action}SettlementWindow`,
    summary: what,
    description: 'dns currencies only (422 settlement-mode otherwise). A window not in the state this needs (closing a closed window, settling an open or finished one) is 409 window-state, and nothing changes. The answer is the window’s report.',
    tag: 'settlement',
    access: 'operator',
    params: WindowParams,
    responses: { 200: WindowReportView },
    problems: [404, 409, 422],
    async handler({ principal, params, services }) {
      const id = windowIdOf(params.windowId!);
      const command = { type: 'settlement_window', currency: params.currency!, windowId: id, action } as const;
      await services.node.readBarrier();
      const refusal = settlementWindowRefusal(stateOf(services), command);
      if (refusal !== null) throw resultProblem(refusal);
      await submitNetwork(services, command, ['accepted']);
      const network = services.node.network;
      const cs = network.settlement.get(params.currency!)!;
      return { status: 200, body: windowView(network, principal, cs, findWindow(cs, id)!) };
    },
  };
}

const endOfDay: RouteSpec = {
  method: 'POST',
  path: '/v1/settlement/{currency}/end-of-day',
  operationId: 'endSettlementDay',
  summary: 'End the business day: rtgs queues are rejected (AB03); the open dns window closes and settles; the next day begins',
  description: '409 window-state while a dns window is closed and not yet settled or aborted. The answer is the new day’s overview.',
  tag: 'settlement',
  access: 'operator',
  params: CurrencyParams,
  responses: { 200: SettlementOverview },
  problems: [409, 422],
  async handler({ principal, params, services }) {
    await services.node.readBarrier();
    const cs = visibleSettlement(services.node.network, principal, params.currency!);
    if (cs.mode === 'dns' && cs.engine.closing !== null) throw resultProblem('window_in_progress');
    await submitNetwork(services, { type: 'end_of_day', currency: cs.currency }, ['accepted']);
    return { status: 200, body: overview(stateOf(services), principal, services.node.network.settlement.get(cs.currency)!) };
  },
};

const setSchedule: RouteSpec = {
  method: 'PUT',
  path: '/v1/settlement/{currency}/schedule',
  operationId: 'setSettlementSchedule',
  summary: 'dns: how long a window stays open before the settlement clock closes and settles it',
  tag: 'settlement',
  access: 'operator',
  params: CurrencyParams,
  body: ScheduleInput,
  responses: { 200: SettlementOverview },
  problems: [422],
  async handler({ principal, params, body, services }) {
    const command = { type: 'set_window_schedule', currency: params.currency!, windowSeconds: (body as Static<typeof ScheduleInput>).windowSeconds } as const;
    await submitChecked(services, command, windowScheduleRefusal);
    return { status: 200, body: overview(stateOf(services), principal, services.node.network.settlement.get(params.currency!)!) };
  },
};

const QueueOrderInput = Type.Object({ queueOrder: QueueOrder }, strict);

const setQueueOrder: RouteSpec = {
  method: 'PUT',
  path: '/v1/settlement/{currency}/queue-order',
  operationId: 'setQueueOrder',
  summary: 'rtgs, rtgs-lsm: serve the queues strictly first in first out (fifo), or let a normal payment overtake a blocked head (fifo-bypass, T2)',
  description:
    'Queued payments keep their places (submission order, urgent before normal). To fifo-bypass: the normal payments that may now overtake a blocked head settle in this request (and in rtgs-lsm a gridlock run searches in any order). To fifo: nothing moves; later normal payments wait behind a blocked head. The order holds for the following business days. 422 settlement-mode for a dns currency; setting the current order again changes nothing. The answer is the overview.',
  tag: 'settlement',
  access: 'operator',
  params: CurrencyParams,
  body: QueueOrderInput,
  responses: { 200: SettlementOverview },
  problems: [422],
  async handler({ principal, params, body, services }) {
    const command = { type: 'set_queue_order', currency: params.currency!, queueOrder: (body as Static<typeof QueueOrderInput>).queueOrder } as const;
    await submitChecked(services, command, queueOrderRefusal);
    return { status: 200, body: overview(stateOf(services), principal, services.node.network.settlement.get(params.currency!)!) };
  },
};

/** The participant's urgent reserve in an rtgs currency, if the caller may see it (the operator, or the participant itself). */
function reserveView(services: Services, principal: Principal, code: string, bic: string): Static<typeof UrgentReserve> {
  const network = services.node.network;
  participantOr404(network, principal, bic);
  const cs = visibleSettlement(network, principal, code);
  const index = cs.engine.indexById.get(bic);
  if (index === undefined) throw resultProblem('participant_not_in_currency');
  const p = cs.engine.participants[index]!;
  return { participant: bic, currency: code, urgent: amountView(network, code, p.urgentReserve), liquidity: amountView(network, code, p.balance + p.creditLine) };
}

const reserveDescription =
  'rtgs and rtgs-lsm (T2: liquidity reservation for urgent payments): normal payments must leave the reserve untouched and wait in the queue instead; urgent ones may use it. The operator, or the participant for its own settlement account (an indirect participant has none: 422). A dns currency has no reserves (422 settlement-mode).';

const getUrgentReserve: RouteSpec = {
  method: 'GET',
  path: '/v1/settlement/{currency}/reserves/{bic}',
  operationId: 'getUrgentReserve',
  summary: 'A participant’s liquidity reserved for urgent payments',
  description: reserveDescription,
  tag: 'settlement',
  access: 'any',
  params: ReserveParams,
  responses: { 200: UrgentReserve },
  problems: [404, 422],
  async handler({ principal, params, services }) {
    await services.node.readBarrier();
    return { status: 200, body: reserveView(services, principal, params.currency!, params.bic!) };
  },
};

const setUrgentReserve: RouteSpec = {
  method: 'PUT',
  path: '/v1/settlement/{currency}/reserves/{bic}',
  operationId: 'setUrgentReserve',
  summary: 'Reserve liquidity for urgent payments (0 releases it); lowering it may settle queued normal payments at once',
  description: reserveDescription,
  tag: 'settlement',
  access: 'any',
  params: ReserveParams,
  body: ReserveInput,
  responses: { 200: UrgentReserve },
  problems: [404, 422],
  async handler({ principal, params, body, services }) {
    const network = services.node.network;
    participantOr404(network, principal, params.bic!);
    const cs = visibleSettlement(network, principal, params.currency!);
    const exponent = network.currencies.get(cs.currency)!.exponent;
    const amount = parseAmountIn(exponent, (body as Static<typeof ReserveInput>).urgent, 'urgent', false);
    const command = { type: 'set_urgent_reserve', bic: params.bic!, currency: cs.currency, amount } as const;
    await submitChecked(services, command, urgentReserveRefusal);
    return { status: 200, body: reserveView(services, principal, cs.currency, params.bic!) };
  },
};

export const settlementRoutes: readonly RouteSpec[] = [
  getSettlement,
  getQueue,
  cancelQueuedPayment,
  listWindows,
  getWindow,
  // In this order the auth matrix's positive control walks a window through its life.
  ...(['settle', 'close', 'abort'] as const).map(windowActionRoute),
  endOfDay,
  setSchedule,
  getUrgentReserve,
  setUrgentReserve,
  setQueueOrder,
];

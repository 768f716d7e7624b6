/** Records as the API shows them: amounts as exact decimal strings, times as ISO 8601 with µs. */
import { formatMinorUnits } from '../config/amounts.js';
import { participantVersionSet } from './iso/versions.js';
import { fxDetailsView } from './fx-views.js';
import type { Account, Transfer } from '../core/ledger/types.js';
import { networkResults } from '../core/network/results.js';
import type { NetworkState } from '../core/network/state.js';
import type { CurrencyRecord, InboxEvent, ParticipantRecord, PaymentRecord, PaymentStatus } from '../core/network/types.js';

export interface AmountView {
  readonly value: string;
  readonly currency: string;
}

/** µs since the epoch → "2026-11-29T09:40:00.123456Z". */
export function isoMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  const micros = String(us % 1000).padStart(3, '0');
  // A payment's history and the payments of one batch mostly fall in the same millisecond.
  if (ms !== lastMs) {
    lastMs = ms;
    lastMsText = new Date(ms).toISOString().slice(0, -1);
  }
  return `${lastMsText}${micros}Z`;
}

let lastMs = Number.NaN;
let lastMsText = '';

/** ISO 8601 (any offset) → µs since the epoch; undefined when not a time. Sub-ms digits are kept. */
export function parseIsoMicros(text: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (match === null) return undefined;
  const ms = Date.parse(`${match[1]!}${match[3]!}`);
  if (Number.isNaN(ms)) return undefined;
  return ms * 1000 + Number((match[2] ?? '').padEnd(6, '0'));
}

export function amountView(network: NetworkState, currency: string, minor: bigint): AmountView {
  const exponent = network.currencies.get(currency)?.exponent ?? 0;
  return { value: formatMinorUnits(minor, exponent), currency };
}

/**
 * ISO 20022 transaction status (ExternalPaymentTransactionStatus1Code) for each of ours. A
 * return has none: it is a new movement (pacs.004), not a status of the original.
 */
export const isoStatus: Record<PaymentStatus, string | null> = {
  received: 'RCVD',
  validated: 'ACTC',
  queued: 'PDNG',
  settled: 'ACSC',
  rejected: 'RJCT',
  returned: null,
  // dns: accepted into the open settlement window, settles with it (AcceptedSettlementInProcess).
  accepted: 'ACSP',
  // Held by compliance screening: a pending status says nothing of why (no tipping off).
  held: 'PDNG',
  // Released by a compliance officer: accepted for settlement again (AcceptedTechnicalValidation).
  released: 'ACTC',
};

const reasonMeaning = new Map<string, string>();
for (const info of networkResults) if (info.iso !== null && !reasonMeaning.has(info.iso)) reasonMeaning.set(info.iso, info.meaning);

export function reasonView(code: string | null): { code: string; description: string } | null {
  return code === null ? null : { code, description: reasonMeaning.get(code) ?? code };
}

export function paymentView(network: NetworkState, p: PaymentRecord) {
  return {
    uetr: p.uetr,
    endToEndId: p.endToEndId,
    status: p.status,
    isoStatus: isoStatus[p.status],
    reason: reasonView(p.reason),
    amount: amountView(network, p.currency, p.amount),
    sender: p.sender,
    debtorAgent: p.debtorAgent,
    creditorAgent: p.creditorAgent,
    debtorName: p.debtorName,
    creditorName: p.creditorName,
    remittanceInformation: p.remittanceInformation,
    priority: p.priority,
    // A dns payment has no transfer of its own: its window's net instructions settled it.
    transferId: (p.status === 'settled' || p.status === 'returned') && (p.fx !== null || network.currencies.get(p.currency)?.mode !== 'dns') ? p.transferId : null,
    iso: p.iso,
    cancellation:
      p.cancellation === null
        ? null
        : {
            caseId: p.cancellation.caseId,
            reason: p.cancellation.reason,
            requestedBy: p.cancellation.requestedBy,
            requestedAt: isoMicros(p.cancellation.requestedAt),
            status: p.cancellation.status,
            answeredAt: p.cancellation.answeredAt === null ? null : isoMicros(p.cancellation.answeredAt),
            answerReason: p.cancellation.answerReason,
          },
    returned:
      p.returned === null
        ? null
        : { returnId: p.returned.returnId, amount: amountView(network, p.currency, p.returned.amount), reason: p.returned.reason, at: isoMicros(p.returned.at), transferId: p.returned.transferId },
    fx: fxDetailsView(network, p.currency, p.amount, p.fx),
    history: p.history.map((change) => ({ status: change.status, isoStatus: isoStatus[change.status], at: isoMicros(change.at), reason: reasonView(change.reason), ...(change.by === undefined ? {} : { by: change.by }) })),
  };
}

export function participantView(p: ParticipantRecord, full: boolean) {
  const base = { bic: p.bic, name: p.name, country: p.country, type: p.type, sponsor: p.sponsor, roles: [...p.roles], currencies: [...p.currencies] };
  if (!full) return base;
  return { ...base, suspended: p.suspended, webhook: p.webhook === null ? null : { url: p.webhook.url }, joinedAt: isoMicros(p.joinedAt), isoVersions: { ...participantVersionSet(p) } };
}

export function currencyView(network: NetworkState, c: CurrencyRecord) {
  return { code: c.code, exponent: c.exponent, mode: c.mode, agent: c.agent, queueOrder: queueOrderView(network, c.code) };
}

/** The currency's queue order (its engine's); null for dns, which settles net in windows. */
export function queueOrderView(network: NetworkState, code: string): 'fifo' | 'fifo-bypass' | null {
  const cs = network.settlement.get(code)!;
  return cs.mode === 'dns' ? null : cs.engine.queueOrder;
}

export function accountView(network: NetworkState, account: Account, currency: string) {
  const debits = account.debitsPosted;
  const credits = account.creditsPosted;
  const money = (minor: bigint) => amountView(network, currency, minor);
  return {
    id: account.id,
    participant: account.participant,
    currency,
    kind: account.kind,
    balance: money(credits - debits),
    available: money(credits - debits - account.debitsPending + account.creditLine),
    creditLine: money(account.creditLine),
    netDebitCap: network.netDebitCaps.has(account.id) ? money(network.netDebitCaps.get(account.id)!) : null,
    debitsPosted: money(debits),
    creditsPosted: money(credits),
    debitsPending: money(account.debitsPending),
    creditsPending: money(account.creditsPending),
  };
}

const transferKinds: Record<number, string> = { 1: 'payment', 2: 'funds_in', 3: 'funds_out', 5: 'net_settlement' };

export function transferView(network: NetworkState, transfer: Transfer, accountId: string, currency: string) {
  return {
    id: transfer.id,
    at: isoMicros(transfer.timestamp),
    cursor: String(transfer.timestamp),
    kind: transferKinds[transfer.code] ?? 'other',
    direction: transfer.debitAccountId === accountId ? 'debit' : 'credit',
    amount: amountView(network, currency, transfer.amount),
    uetr: transfer.uetr === '0'.repeat(32) ? null : uuidOfHex(transfer.uetr),
    endToEndId: transfer.endToEndId,
  };
}

export function uuidOfHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function inboxEventView(network: NetworkState, e: InboxEvent) {
  const provider = e.type === 'fx.inventory_moved';
  const payment = e.type.startsWith('payment.') || provider ? network.payments.get(e.subject) : undefined;
  return {
    seq: e.seq,
    id: `${e.seq}`,
    at: isoMicros(e.at),
    type: e.type,
    status: e.status,
    reason: reasonView(e.reason),
    ...(e.by === undefined ? {} : { by: e.by }),
    ...(payment === undefined
      ? { reference: e.subject, amount: e.amount === null || e.currency === null ? null : amountView(network, e.currency, e.amount), payment: null }
      : {
          reference: e.subject,
          // An FX payment's creditor side is told what it received, in its currency.
          amount: e.amount !== null && e.currency !== null ? amountView(network, e.currency, e.amount) : amountView(network, payment.currency, payment.amount),
          payment: {
            uetr: payment.uetr,
            // An FX provider learns the counterparties (the agents), the rate and the legs, not the customers' names or remittance.
            endToEndId: provider ? '' : payment.endToEndId,
            debtorAgent: payment.debtorAgent,
            creditorAgent: payment.creditorAgent,
            debtorName: provider ? '' : payment.debtorName,
            creditorName: provider ? '' : payment.creditorName,
            remittanceInformation: provider ? '' : payment.remittanceInformation,
            fx: fxDetailsView(network, payment.currency, payment.amount, payment.fx),
          },
        }),
  };
}

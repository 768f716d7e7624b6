/**
 * pacs.002 status reports: the answer to a credit transfer or return file, a file refused as a
 * whole, and the settled/rejected notices of the inbox feed. Built from journaled records only,
 * so the same question always gets the same report.
 */
import { isNetworkResult, networkResultInfo } from '../../core/network/results.js';
import type { NetworkState } from '../../core/network/state.js';
import type { MessageRecord, PaymentRecord } from '../../core/network/types.js';
import { isoSettlement } from './fx.js';
import type { IsoPartBuilt } from '../../iso20022/build/document.js';
import { type GroupStatus, type TransactionStatus, buildPacs002 } from '../../iso20022/build/pacs002.js';
import type { StatusReason, StatusReasonCode } from '../../iso20022/build/status-reason.js';
import type { OriginalMessage, OriginalPayment } from '../../iso20022/build/types.js';
import type { VersionSet } from '../../iso20022/build/versions.js';
import { reasonView } from '../views.js';
import type { IncomingTransfer } from './incoming.js';
import { isoDateOfMicros, isoDateTimeOfMicros, isoText, isoTextOr, notProvided } from './text.js';

/** AddtlInf is Max105Text. */
const additionalInfoCharsMax = 105;

/** ISODateTime as the builders accept it (with an offset); other forms of the original are left out. */
const dateTimeWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function originalMessage(messageId: string | null, messageName: string | null, creationDateTime?: string | null): OriginalMessage {
  return {
    messageId: isoTextOr(messageId, 35),
    messageNameId: isoTextOr(messageName, 35),
    ...(creationDateTime !== undefined && creationDateTime !== null && dateTimeWithOffset.test(creationDateTime) ? { creationDateTime } : {}),
  };
}

/** The reason a refused transaction carries: the result's ISO code (NARR when it has none) and its meaning. */
export function reasonOfResult(result: string): StatusReason {
  const info = isNetworkResult(result) ? networkResultInfo(result) : undefined;
  return { code: (info?.iso ?? 'NARR') as StatusReasonCode, additionalInfo: [isoTextOr(info?.meaning ?? result, additionalInfoCharsMax)] };
}

/** A payment's own reason code (AM04, …) with its description. */
export function reasonOfCode(code: string | null): StatusReason {
  const view = reasonView(code ?? 'NARR')!;
  const info = isoText(view.description, additionalInfoCharsMax);
  return { code: view.code as StatusReasonCode, ...(info === undefined ? {} : { additionalInfo: [info] }) };
}

/** The original message a payment came in: its ISO message, or NOTPROVIDED for a JSON payment. */
export function originalOfPayment(p: PaymentRecord): OriginalPayment {
  return {
    message: p.iso === null ? originalMessage(notProvided, notProvided) : originalMessage(p.iso.messageId, p.iso.messageName),
    uetr: p.uetr,
    endToEndId: isoTextOr(p.endToEndId, 35),
    ...optionalIds(p.iso?.instructionId, p.iso?.transactionId),
  };
}

function optionalIds(instructionId: string | null | undefined, transactionId: string | null | undefined): { instructionId?: string; transactionId?: string } {
  const instruction = isoText(instructionId, 35);
  const transaction = isoText(transactionId, 35);
  return { ...(instruction === undefined ? {} : { instructionId: instruction }), ...(transaction === undefined ? {} : { transactionId: transaction }) };
}

/** When the payment settled, from its history. */
export function settledAt(p: PaymentRecord): number | null {
  return p.history.find((change) => change.status === 'settled')?.at ?? null;
}

/**
 * ACSC with the settlement's date, amount and agents; RJCT with the reason; ACSP for a payment
 * accepted into an open dns window (its settlement is in process: it settles with the window);
 * PDNG while it waits in an rtgs queue for liquidity.
 */
export function paymentStatus(network: NetworkState, p: PaymentRecord, original: OriginalPayment): TransactionStatus {
  const settled = settledAt(p);
  if (settled !== null) {
    return {
      original,
      status: 'ACSC',
      acceptanceDateTime: isoDateTimeOfMicros(settled),
      settlementDate: isoDateOfMicros(settled),
      // An FX payment: the amount the creditor agent received, with the instructed amount and rate (pacs.002 SplmtryData).
      ...isoSettlement(p),
      debtorAgent: p.debtorAgent,
      creditorAgent: p.creditorAgent,
    };
  }
  if (p.status === 'rejected') return { original, status: 'RJCT', reasons: [reasonOfCode(p.reason)], debtorAgent: p.debtorAgent, creditorAgent: p.creditorAgent };
  const status = p.status === 'accepted' ? 'ACSP' : 'PDNG';
  return { original, status, debtorAgent: p.debtorAgent, creditorAgent: p.creditorAgent };
}

/** Group status when every transaction has the same one (ISO's PART is not written by buildPacs002: mixed reports carry none). */
function groupOf(original: OriginalMessage, transactions: readonly TransactionStatus[]): GroupStatus | undefined {
  const first = transactions[0];
  if (first === undefined || transactions.some((tx) => tx.status !== first.status)) return undefined;
  if (first.status === 'RJCT') return { original, status: 'RJCT', reasons: first.reasons ?? [] };
  return first.status === 'ACSC' ? { original, status: 'ACSC' } : undefined;
}

/**
 * The answer to a credit transfer message, from its journaled record: each transaction the
 * network accepted has its payment (settled, or rejected AM04), each one it refused in itself
 * the refusal's ISO reason. The report's id and time derive from the record, so a resend of
 * the same file is answered with the same bytes.
 */
export function messageStatusReport(
  network: NetworkState,
  record: MessageRecord,
  transfers: readonly IncomingTransfer[],
  creationOfOriginal: string | null,
  versions: VersionSet,
  reportId: string,
): IsoPartBuilt {
  const original = originalMessage(record.messageId, record.messageName, creationOfOriginal);
  const statuses = record.transactions.map((outcome, index): TransactionStatus => {
    const transfer = transfers[index];
    const ids: OriginalPayment = {
      message: original,
      uetr: outcome.uetr,
      endToEndId: isoTextOr(transfer?.endToEndId, 35),
      ...optionalIds(transfer?.instructionId, transfer?.transactionId),
    };
    const payment = network.payments.get(outcome.uetr);
    const ours = payment !== undefined && payment.iso?.messageId === record.messageId && payment.sender === record.sender;
    if (ours && (outcome.result === 'accepted' || outcome.result === 'insufficient_funds')) return paymentStatus(network, payment, ids);
    return { original: ids, status: 'RJCT', reasons: [reasonOfResult(outcome.result)] };
  });
  const group = groupOf(original, statuses);
  return buildPacs002({ messageId: reportId, creationDateTime: isoDateTimeOfMicros(record.receivedAt), ...(group === undefined ? {} : { group }), transactions: statuses }, versions['pacs.002']);
}

/** A file refused as a whole: group status RJCT with every reason, no transaction statuses. */
export function rejectionReport(original: OriginalMessage, reasons: readonly StatusReason[], reportId: string, creationDateTime: string, versions: VersionSet): IsoPartBuilt {
  return buildPacs002({ messageId: reportId, creationDateTime, group: { original, status: 'RJCT', reasons }, transactions: [] }, versions['pacs.002']);
}

/** Statuses of the transactions of a non-journaled-as-message file (a pacs.004): given per transaction. */
export function statusReport(original: OriginalMessage, transactions: readonly TransactionStatus[], reportId: string, creationDateTime: string, versions: VersionSet): IsoPartBuilt {
  const group = groupOf(original, transactions);
  return buildPacs002({ messageId: reportId, creationDateTime, ...(group === undefined ? {} : { group }), transactions }, versions['pacs.002']);
}

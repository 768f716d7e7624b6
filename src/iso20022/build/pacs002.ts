import { amountElement, checkedFx, minorOf } from './amount.js';
import { type IsoPartBuilt, isoDocument } from './document.js';
import { IsoBuildError } from './errors.js';
import { bic, isoDate, isoDateTime, text } from './fields.js';
import { fxSupplementaryData } from './fx-supplement.js';
import { originalGroupElement, originalPaymentIds } from './original.js';
import { agentElement } from './parties.js';
import { type StatusReason, statusReasonElement } from './status-reason.js';
import type { Bic, FxConversion, IsoAmount, IsoDateText, IsoDateTimeText, OriginalMessage, OriginalPayment } from './types.js';
import { checkedVersion, defaultVersions } from './versions.js';
import { type XmlElement, element, leaf } from './xml.js';
import { transactionsPerMessageMax } from '../limits.js';

/** Settled (ACSC), accepted and settlement in process (ACSP), pending (PDNG, e.g. queued), rejected (RJCT). */
export type PaymentStatus = 'ACSC' | 'ACSP' | 'PDNG' | 'RJCT';

export interface Pacs002Input {
  readonly messageId: string;
  readonly creationDateTime: IsoDateTimeText;
  readonly instructingAgent?: Bic;
  readonly instructedAgent?: Bic;
  /** OrgnlGrpInfAndSts: the status of the whole original message (e.g. a file refused by the intake). */
  readonly group?: GroupStatus;
  readonly transactions: readonly TransactionStatus[];
}

export interface GroupStatus {
  readonly original: OriginalMessage;
  readonly status: PaymentStatus;
  readonly reasons?: readonly StatusReason[];
}

export interface TransactionStatus {
  readonly statusId?: string;
  readonly original: OriginalPayment;
  readonly status: PaymentStatus;
  /** Required for RJCT (ISO: a rejection states why); optional otherwise. */
  readonly reasons?: readonly StatusReason[];
  readonly acceptanceDateTime?: IsoDateTimeText;
  /** FctvIntrBkSttlmDt: the day the payment settled (ACSC). */
  readonly settlementDate?: IsoDateText;
  /** OrgnlTxRef/IntrBkSttlmAmt: the amount as settled. */
  readonly settlementAmount?: IsoAmount;
  /** FX: instructed amount in OrgnlTxRef/Amt/InstdAmt; the rate in SplmtryData (no pacs.002 element holds one). */
  readonly fx?: FxConversion;
  readonly debtorAgent?: Bic;
  readonly creditorAgent?: Bic;
}

/** pacs.002 FI-to-FI payment status report: group and/or transaction statuses. */
export function buildPacs002(input: Pacs002Input, version: string = defaultVersions['pacs.002']): IsoPartBuilt {
  const id = checkedVersion('pacs.002', version);
  if (input.group === undefined && input.transactions.length === 0) throw new IsoBuildError('transactions', 'a status report needs a group status or a transaction');
  if (input.transactions.length > transactionsPerMessageMax) throw new IsoBuildError('transactions', `more than ${transactionsPerMessageMax}`);
  const body = element('FIToFIPmtStsRpt', [
    element('GrpHdr', [
      leaf('MsgId', text(input.messageId, 35, 'messageId')),
      leaf('CreDtTm', isoDateTime(input.creationDateTime, 'creationDateTime')),
      input.instructingAgent !== undefined && agentElement('InstgAgt', input.instructingAgent, 'instructingAgent'),
      input.instructedAgent !== undefined && agentElement('InstdAgt', input.instructedAgent, 'instructedAgent'),
    ]),
    input.group !== undefined && groupElement(input.group),
    ...input.transactions.map((tx, i) => transactionElement(tx, `transactions[${i}]`)),
  ]);
  return isoDocument(id, body);
}

function groupElement(group: GroupStatus): XmlElement {
  const reasons = checkedReasons(group.status, group.reasons ?? [], 'group');
  return originalGroupElement('OrgnlGrpInfAndSts', group.original, 'group.original', [
    leaf('GrpSts', group.status),
    ...reasons.map((reason, i) => statusReasonElement(reason, `group.reasons[${i}]`)),
  ]);
}

function transactionElement(tx: TransactionStatus, field: string): XmlElement {
  const reasons = checkedReasons(tx.status, tx.reasons ?? [], field);
  return element('TxInfAndSts', [
    tx.statusId !== undefined && leaf('StsId', text(tx.statusId, 35, `${field}.statusId`)),
    ...originalPaymentIds(tx.original, `${field}.original`),
    leaf('TxSts', tx.status),
    ...reasons.map((reason, i) => statusReasonElement(reason, `${field}.reasons[${i}]`)),
    tx.acceptanceDateTime !== undefined && leaf('AccptncDtTm', isoDateTime(tx.acceptanceDateTime, `${field}.acceptanceDateTime`)),
    tx.settlementDate !== undefined && element('FctvIntrBkSttlmDt', [leaf('Dt', isoDate(tx.settlementDate, `${field}.settlementDate`))]),
    originalReferenceElement(tx, field),
    tx.fx !== undefined && tx.settlementAmount !== undefined && fxSupplementaryData(tx.fx, tx.settlementAmount.currency, 'TxInfAndSts/OrgnlTxRef'),
  ]);
}

/** ISO: a rejection carries its reason (StatusReasonRule); CBPR+ allows exactly one. */
function checkedReasons(status: PaymentStatus, reasons: readonly StatusReason[], field: string): readonly StatusReason[] {
  if (status === 'RJCT' && reasons.length === 0) throw new IsoBuildError(`${field}.reasons`, 'a rejection needs a reason code');
  return reasons;
}

/** OriginalTransactionReference28, in XSD order: IntrBkSttlmAmt, Amt, DbtrAgt, CdtrAgt. */
function originalReferenceElement(tx: TransactionStatus, field: string): XmlElement | null {
  const { settlementAmount, fx, debtorAgent, creditorAgent } = tx;
  if (fx !== undefined && settlementAmount === undefined) throw new IsoBuildError(`${field}.fx`, 'needs the settlement amount it converts to');
  if (settlementAmount === undefined && debtorAgent === undefined && creditorAgent === undefined) return null;
  if (settlementAmount !== undefined) minorOf(settlementAmount, `${field}.settlementAmount`);
  return element('OrgnlTxRef', [
    settlementAmount !== undefined && amountElement('IntrBkSttlmAmt', settlementAmount, `${field}.settlementAmount`),
    fx !== undefined && settlementAmount !== undefined && element('Amt', [amountElement('InstdAmt', checkedFx(fx, settlementAmount, `${field}.fx`).instructedAmount, `${field}.fx`)]),
    debtorAgent !== undefined && agentElement('DbtrAgt', bic(debtorAgent, `${field}.debtorAgent`), `${field}.debtorAgent`),
    creditorAgent !== undefined && agentElement('CdtrAgt', bic(creditorAgent, `${field}.creditorAgent`), `${field}.creditorAgent`),
  ]);
}

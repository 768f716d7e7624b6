import { transactionsPerMessageMax } from '../limits.js';
import { amountElement } from './amount.js';
import { type IsoPartBuilt, isoDocument } from './document.js';
import { IsoBuildError } from './errors.js';
import { code, isoDate, isoDateTime, text } from './fields.js';
import { originalPaymentIds } from './original.js';
import { agentChoiceElement } from './parties.js';
import type { Bic, IsoAmount, IsoDateText, IsoDateTimeText, OriginalPayment } from './types.js';
import { checkedVersion, defaultVersions } from './versions.js';
import { type XmlElement, element, leaf } from './xml.js';

/** ExternalPaymentCancellationRejection1Code values Corridor gives when it refuses a cancellation. */
export type CancellationRejectionCode =
  | 'AC04' // ClosedAccountNumber
  | 'AGNT' // AgentDecision
  | 'AM04' // InsufficientFunds (the creditor cannot give the money back)
  | 'ARDT' // AlreadyReturned
  | 'ARPL' // AwaitingReply
  | 'CUST' // CustomerDecision
  | 'LEGL' // LegalDecision
  | 'NOAS' // NoAnswerFromCustomer
  | 'NOOR'; // NoOriginalTransactionReceived (unknown UETR)

/** Accepted (ACCR, funds will come back in a pacs.004), rejected (RJCR), pending (PDCR). */
export type CancellationStatus = 'ACCR' | 'RJCR' | 'PDCR';

/** Sts/Conf of the investigation: CNCL cancelled as requested, RJCR rejected, PDCR pending. */
const confirmationOf: Readonly<Record<CancellationStatus, string>> = { ACCR: 'CNCL', RJCR: 'RJCR', PDCR: 'PDCR' };

export interface Camt029Input {
  /** Assgnmt/Id: this resolution's identification. */
  readonly assignmentId: string;
  readonly creationDateTime: IsoDateTimeText;
  /** Who answers (Assgnr) and who asked (Assgne), as agents. */
  readonly assigner: Bic;
  readonly assignee: Bic;
  /** The case the camt.056 opened (its Case/Id and creator). */
  readonly resolvedCase?: { readonly id: string; readonly creator: Bic };
  readonly answers: readonly CancellationAnswer[];
}

export interface CancellationAnswer {
  readonly cancellationStatusId?: string;
  readonly original: OriginalPayment;
  readonly status: CancellationStatus;
  /** Required when the status is RJCR. */
  readonly rejectionReason?: CancellationRejectionCode;
  readonly additionalInfo?: readonly string[];
  readonly originalSettlementAmount?: IsoAmount;
  readonly originalSettlementDate?: IsoDateText;
}

/**
 * camt.029 resolution of investigation answering a cancellation request (camt.056). The
 * investigation status is the answers' common status; mixed answers are pending as a whole.
 */
export function buildCamt029(input: Camt029Input, version: string = defaultVersions['camt.029']): IsoPartBuilt {
  const id = checkedVersion('camt.029', version);
  const count = input.answers.length;
  if (count === 0 || count > transactionsPerMessageMax) throw new IsoBuildError('answers', `has ${count}; 1 to ${transactionsPerMessageMax} allowed`);
  const statuses = new Set(input.answers.map((answer) => answer.status));
  const overall: CancellationStatus = statuses.size === 1 ? (input.answers[0]?.status ?? 'PDCR') : 'PDCR';
  const body = element('RsltnOfInvstgtn', [
    element('Assgnmt', [
      leaf('Id', text(input.assignmentId, 35, 'assignmentId')),
      agentChoiceElement('Assgnr', input.assigner, 'assigner'),
      agentChoiceElement('Assgne', input.assignee, 'assignee'),
      leaf('CreDtTm', isoDateTime(input.creationDateTime, 'creationDateTime')),
    ]),
    input.resolvedCase !== undefined &&
      element('RslvdCase', [
        leaf('Id', text(input.resolvedCase.id, 35, 'resolvedCase.id')),
        agentChoiceElement('Cretr', input.resolvedCase.creator, 'resolvedCase.creator'),
      ]),
    element('Sts', [leaf('Conf', confirmationOf[overall])]),
    element('CxlDtls', input.answers.map((answer, i) => answerElement(answer, `answers[${i}]`))),
  ]);
  return isoDocument(id, body);
}

/** PaymentTransaction102, in XSD order. */
function answerElement(answer: CancellationAnswer, field: string): XmlElement {
  if (answer.status === 'RJCR' && answer.rejectionReason === undefined) throw new IsoBuildError(`${field}.rejectionReason`, 'a rejected cancellation needs a reason');
  const info = answer.additionalInfo ?? [];
  const hasReason = answer.rejectionReason !== undefined || info.length > 0;
  return element('TxInfAndSts', [
    answer.cancellationStatusId !== undefined && leaf('CxlStsId', text(answer.cancellationStatusId, 35, `${field}.cancellationStatusId`)),
    ...originalPaymentIds(answer.original, `${field}.original`),
    leaf('TxCxlSts', answer.status),
    hasReason &&
      element('CxlStsRsnInf', [
        answer.rejectionReason !== undefined && element('Rsn', [leaf('Cd', code(answer.rejectionReason, `${field}.rejectionReason`))]),
        ...info.map((line, i) => leaf('AddtlInf', text(line, 105, `${field}.additionalInfo[${i}]`))),
      ]),
    answer.originalSettlementAmount !== undefined && amountElement('OrgnlIntrBkSttlmAmt', answer.originalSettlementAmount, `${field}.originalSettlementAmount`),
    answer.originalSettlementDate !== undefined && leaf('OrgnlIntrBkSttlmDt', isoDate(answer.originalSettlementDate, `${field}.originalSettlementDate`)),
  ]);
}

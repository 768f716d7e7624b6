/**
 * camt.056 FI-to-FI payment cancellation request, as the network forwards one to the creditor
 * side. src/iso20022/build has no camt.056 builder; this one uses the same checked tree writer
 * and field types, and is validated against its XSD in test/http/iso-flow.test.ts like the rest.
 */
import { amountElement } from '../../iso20022/build/amount.js';
import { type IsoPartBuilt, isoDocument } from '../../iso20022/build/document.js';
import { code, isoDate, isoDateTime, text } from '../../iso20022/build/fields.js';
import { originalPaymentIds } from '../../iso20022/build/original.js';
import { agentChoiceElement } from '../../iso20022/build/parties.js';
import type { Bic, IsoAmount, IsoDateText, IsoDateTimeText, OriginalPayment } from '../../iso20022/build/types.js';
import { element, leaf } from '../../iso20022/build/xml.js';
import { camt056Version } from './versions.js';

export interface Camt056Input {
  /** Assgnmt/Id: this request's identification. */
  readonly assignmentId: string;
  readonly creationDateTime: IsoDateTimeText;
  /** Who asks (the debtor side) and who is asked (the creditor side). */
  readonly assigner: Bic;
  readonly assignee: Bic;
  /** The case the request opens, and the agent that opened it. */
  readonly caseId: string;
  readonly caseCreator: Bic;
  readonly original: OriginalPayment;
  readonly originalSettlementAmount: IsoAmount;
  readonly originalSettlementDate?: IsoDateText;
  /** ExternalCancellationReason1Code: DUPL, CUST, FRAD, TECH, AGNT, … */
  readonly reason: string;
}

/** One payment's cancellation request (FIToFIPaymentCancellationRequestV08, CBPR+ shape: one Undrlyg/TxInf). */
export function buildCamt056(input: Camt056Input): IsoPartBuilt {
  const body = element('FIToFIPmtCxlReq', [
    element('Assgnmt', [
      leaf('Id', text(input.assignmentId, 35, 'assignmentId')),
      agentChoiceElement('Assgnr', input.assigner, 'assigner'),
      agentChoiceElement('Assgne', input.assignee, 'assignee'),
      leaf('CreDtTm', isoDateTime(input.creationDateTime, 'creationDateTime')),
    ]),
    element('Case', [leaf('Id', text(input.caseId, 35, 'caseId')), agentChoiceElement('Cretr', input.caseCreator, 'caseCreator')]),
    element('CtrlData', [leaf('NbOfTxs', '1')]),
    element('Undrlyg', [
      element('TxInf', [
        ...originalPaymentIds(input.original, 'original'),
        amountElement('OrgnlIntrBkSttlmAmt', input.originalSettlementAmount, 'originalSettlementAmount'),
        input.originalSettlementDate !== undefined && leaf('OrgnlIntrBkSttlmDt', isoDate(input.originalSettlementDate, 'originalSettlementDate')),
        element('CxlRsnInf', [element('Rsn', [leaf('Cd', code(input.reason, 'reason'))])]),
      ]),
    ]),
  ]);
  return isoDocument(camt056Version, body);
}

import { transactionsPerMessageMax } from '../limits.js';
import { amountElement, checkedFx } from './amount.js';
import { type IsoPartBuilt, isoDocument } from './document.js';
import { IsoBuildError } from './errors.js';
import { code, exchangeRate, isoDate, isoDateTime, text } from './fields.js';
import { originalGroupElement, originalPaymentIds } from './original.js';
import { agentElement, partyChoiceElement } from './parties.js';
import type { Bic, FxConversion, IsoAmount, IsoDateText, IsoDateTimeText, OriginalMessage, OriginalPayment, Party } from './types.js';
import { checkedVersion, defaultVersions } from './versions.js';
import { type XmlElement, element, leaf } from './xml.js';

/** ExternalReturnReason1Code values a Corridor return uses. */
export type ReturnReasonCode =
  | 'AC01' // IncorrectAccountNumber
  | 'AC04' // ClosedAccountNumber
  | 'AC06' // BlockedAccount
  | 'AG01' // TransactionForbidden
  | 'AM05' // Duplication
  | 'BE04' // MissingCreditorAddress
  | 'DUPL' // DuplicatePayment
  | 'FOCR' // FollowingCancellationRequest (the answer to an accepted camt.056)
  | 'MS03' // NotSpecifiedReasonAgentGenerated
  | 'NARR' // Narrative: the reason is in the additional information
  | 'RR04'; // RegulatoryReason

export interface Pacs004Input {
  readonly messageId: string;
  readonly creationDateTime: IsoDateTimeText;
  readonly settlementMethod?: 'CLRG' | 'INDA' | 'INGA';
  readonly instructingAgent: Bic;
  readonly instructedAgent: Bic;
  /** OrgnlGrpInf at group level, when the whole original message is returned. */
  readonly originalMessage?: OriginalMessage;
  readonly transactions: readonly PaymentReturn[];
}

export interface PaymentReturn {
  readonly returnId?: string;
  readonly original: OriginalPayment;
  readonly originalSettlementAmount?: IsoAmount;
  readonly originalSettlementDate?: IsoDateText;
  readonly returnedAmount: IsoAmount;
  readonly settlementDate: IsoDateText;
  /** FX: the returned amount in the original instructed currency, and the rate applied. */
  readonly fx?: FxConversion;
  readonly chargeBearer?: 'DEBT' | 'CRED' | 'SHAR' | 'SLEV';
  /** RtrChain in the return's direction: the original creditor pays back the original debtor. */
  readonly returnChain?: ReturnChain;
  readonly reason: ReturnReasonCode;
  readonly additionalInfo?: readonly string[];
}

export interface ReturnChain {
  readonly debtor: Party;
  readonly debtorAgent?: Bic;
  readonly creditorAgent?: Bic;
  readonly creditor: Party;
}

/** pacs.004 payment return. */
export function buildPacs004(input: Pacs004Input, version: string = defaultVersions['pacs.004']): IsoPartBuilt {
  const id = checkedVersion('pacs.004', version);
  const count = input.transactions.length;
  if (count === 0 || count > transactionsPerMessageMax) throw new IsoBuildError('transactions', `has ${count}; 1 to ${transactionsPerMessageMax} allowed`);
  const body = element('PmtRtr', [
    element('GrpHdr', [
      leaf('MsgId', text(input.messageId, 35, 'messageId')),
      leaf('CreDtTm', isoDateTime(input.creationDateTime, 'creationDateTime')),
      leaf('NbOfTxs', String(count)),
      element('SttlmInf', [leaf('SttlmMtd', input.settlementMethod ?? 'CLRG')]),
      agentElement('InstgAgt', input.instructingAgent, 'instructingAgent'),
      agentElement('InstdAgt', input.instructedAgent, 'instructedAgent'),
    ]),
    input.originalMessage !== undefined && originalGroupElement('OrgnlGrpInf', input.originalMessage, 'originalMessage'),
    ...input.transactions.map((tx, i) => returnElement(tx, `transactions[${i}]`)),
  ]);
  return isoDocument(id, body);
}

function returnElement(tx: PaymentReturn, field: string): XmlElement {
  const fx = tx.fx === undefined ? undefined : checkedFx(tx.fx, tx.returnedAmount, `${field}.fx`);
  return element('TxInf', [
    tx.returnId !== undefined && leaf('RtrId', text(tx.returnId, 35, `${field}.returnId`)),
    ...originalPaymentIds(tx.original, `${field}.original`),
    tx.originalSettlementAmount !== undefined && amountElement('OrgnlIntrBkSttlmAmt', tx.originalSettlementAmount, `${field}.originalSettlementAmount`),
    tx.originalSettlementDate !== undefined && leaf('OrgnlIntrBkSttlmDt', isoDate(tx.originalSettlementDate, `${field}.originalSettlementDate`)),
    amountElement('RtrdIntrBkSttlmAmt', tx.returnedAmount, `${field}.returnedAmount`),
    leaf('IntrBkSttlmDt', isoDate(tx.settlementDate, `${field}.settlementDate`)),
    fx !== undefined && amountElement('RtrdInstdAmt', fx.instructedAmount, `${field}.fx.instructedAmount`),
    fx !== undefined && leaf('XchgRate', exchangeRate(fx.exchangeRate, `${field}.fx.exchangeRate`)),
    tx.chargeBearer !== undefined && leaf('ChrgBr', tx.chargeBearer),
    tx.returnChain !== undefined && returnChainElement(tx.returnChain, `${field}.returnChain`),
    element('RtrRsnInf', [
      element('Rsn', [leaf('Cd', code(tx.reason, `${field}.reason`))]),
      ...(tx.additionalInfo ?? []).map((line, i) => leaf('AddtlInf', text(line, 105, `${field}.additionalInfo[${i}]`))),
    ]),
  ]);
}

/** TransactionParties7, in XSD order: Dbtr, DbtrAgt, CdtrAgt, Cdtr. */
function returnChainElement(chain: ReturnChain, field: string): XmlElement {
  return element('RtrChain', [
    partyChoiceElement('Dbtr', chain.debtor, `${field}.debtor`),
    chain.debtorAgent !== undefined && agentElement('DbtrAgt', chain.debtorAgent, `${field}.debtorAgent`),
    chain.creditorAgent !== undefined && agentElement('CdtrAgt', chain.creditorAgent, `${field}.creditorAgent`),
    partyChoiceElement('Cdtr', chain.creditor, `${field}.creditor`),
  ]);
}

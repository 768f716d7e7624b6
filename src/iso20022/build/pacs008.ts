import { amountMinorMax, currencyByCode, formatAmount } from '../../core/money/index.js';
import { transactionsPerMessageMax } from '../limits.js';
import { amountElement, checkedFx, minorOf } from './amount.js';
import { type IsoPartBuilt, isoDocument } from './document.js';
import { IsoBuildError } from './errors.js';
import { exchangeRate, isoDate, isoDateTime, text, uetr } from './fields.js';
import { accountElement, agentElement, partyElement } from './parties.js';
import type { Account, Bic, FxConversion, IsoAmount, IsoDateText, IsoDateTimeText, Party } from './types.js';
import { checkedVersion, defaultVersions } from './versions.js';
import { type XmlElement, element, leaf } from './xml.js';

export interface Pacs008Input {
  readonly messageId: string;
  readonly creationDateTime: IsoDateTimeText;
  /** CLRG: settled through Corridor itself, the clearing system. */
  readonly settlementMethod?: 'CLRG' | 'INDA' | 'INGA';
  /** SttlmInf/ClrSys/Prtry: the network's name, when the receiver wants it. */
  readonly clearingSystem?: string;
  readonly instructingAgent: Bic;
  readonly instructedAgent: Bic;
  readonly transactions: readonly CreditTransfer[];
}

/** One payment as settled, forwarded to the creditor agent. */
export interface CreditTransfer {
  readonly uetr: string;
  readonly endToEndId: string;
  readonly instructionId?: string;
  readonly transactionId?: string;
  readonly settlementAmount: IsoAmount;
  readonly settlementDate: IsoDateText;
  /** SttlmPrty (Priority3Code): the settlement priority the payment had; left out when absent. */
  readonly settlementPriority?: 'URGT' | 'HIGH' | 'NORM';
  readonly acceptanceDateTime?: IsoDateTimeText;
  readonly fx?: FxConversion;
  readonly chargeBearer?: 'DEBT' | 'CRED' | 'SHAR' | 'SLEV';
  readonly debtor: Party;
  readonly debtorAccount?: Account;
  readonly debtorAgent: Bic;
  readonly creditorAgent: Bic;
  readonly creditor: Party;
  readonly creditorAccount?: Account;
  /** RmtInf/Ustrd lines, each at most 140 characters. */
  readonly remittanceInformation?: readonly string[];
}

/** pacs.008 FI-to-FI customer credit transfer. */
export function buildPacs008(input: Pacs008Input, version: string = defaultVersions['pacs.008']): IsoPartBuilt {
  const id = checkedVersion('pacs.008', version);
  const count = input.transactions.length;
  if (count === 0 || count > transactionsPerMessageMax) throw new IsoBuildError('transactions', `has ${count}; 1 to ${transactionsPerMessageMax} allowed`);
  const body = element('FIToFICstmrCdtTrf', [
    element('GrpHdr', [
      leaf('MsgId', text(input.messageId, 35, 'messageId')),
      leaf('CreDtTm', isoDateTime(input.creationDateTime, 'creationDateTime')),
      leaf('NbOfTxs', String(count)),
      totalElement(input.transactions),
      element('SttlmInf', [
        leaf('SttlmMtd', input.settlementMethod ?? 'CLRG'),
        input.clearingSystem !== undefined && element('ClrSys', [leaf('Prtry', text(input.clearingSystem, 35, 'clearingSystem'))]),
      ]),
      agentElement('InstgAgt', input.instructingAgent, 'instructingAgent'),
      agentElement('InstdAgt', input.instructedAgent, 'instructedAgent'),
    ]),
    ...input.transactions.map((tx, i) => transactionElement(tx, `transactions[${i}]`)),
  ]);
  return isoDocument(id, body);
}

/**
 * TtlIntrBkSttlmAmt when all transactions settle in one currency (ISO: it must equal their sum)
 * and the sum fits the 18 digits of an amount; it is optional, so otherwise it is left out.
 */
function totalElement(transactions: readonly CreditTransfer[]): XmlElement | null {
  const currency = transactions[0]?.settlementAmount.currency ?? '';
  if (transactions.some((tx) => tx.settlementAmount.currency !== currency)) return null;
  const sum = transactions.reduce((total, tx, i) => total + minorOf(tx.settlementAmount, `transactions[${i}].settlementAmount`), 0n);
  const known = currencyByCode(currency);
  if (!known || sum > amountMinorMax) return null;
  return amountElement('TtlIntrBkSttlmAmt', { value: formatAmount(sum, known), currency }, 'total');
}

function transactionElement(tx: CreditTransfer, field: string): XmlElement {
  const fx = tx.fx === undefined ? undefined : checkedFx(tx.fx, tx.settlementAmount, `${field}.fx`);
  const remittance = tx.remittanceInformation ?? [];
  return element('CdtTrfTxInf', [
    element('PmtId', [
      tx.instructionId !== undefined && leaf('InstrId', text(tx.instructionId, 35, `${field}.instructionId`)),
      leaf('EndToEndId', text(tx.endToEndId, 35, `${field}.endToEndId`)),
      tx.transactionId !== undefined && leaf('TxId', text(tx.transactionId, 35, `${field}.transactionId`)),
      leaf('UETR', uetr(tx.uetr, `${field}.uetr`)),
    ]),
    amountElement('IntrBkSttlmAmt', tx.settlementAmount, `${field}.settlementAmount`),
    leaf('IntrBkSttlmDt', isoDate(tx.settlementDate, `${field}.settlementDate`)),
    tx.settlementPriority !== undefined && leaf('SttlmPrty', tx.settlementPriority),
    tx.acceptanceDateTime !== undefined && leaf('AccptncDtTm', isoDateTime(tx.acceptanceDateTime, `${field}.acceptanceDateTime`)),
    fx !== undefined && amountElement('InstdAmt', fx.instructedAmount, `${field}.fx.instructedAmount`),
    fx !== undefined && leaf('XchgRate', exchangeRate(fx.exchangeRate, `${field}.fx.exchangeRate`)),
    leaf('ChrgBr', tx.chargeBearer ?? 'SHAR'),
    partyElement('Dbtr', tx.debtor, `${field}.debtor`),
    tx.debtorAccount !== undefined && accountElement('DbtrAcct', tx.debtorAccount, `${field}.debtorAccount`),
    agentElement('DbtrAgt', tx.debtorAgent, `${field}.debtorAgent`),
    agentElement('CdtrAgt', tx.creditorAgent, `${field}.creditorAgent`),
    partyElement('Cdtr', tx.creditor, `${field}.creditor`),
    tx.creditorAccount !== undefined && accountElement('CdtrAcct', tx.creditorAccount, `${field}.creditorAccount`),
    remittance.length > 0 && element('RmtInf', remittance.map((line, i) => leaf('Ustrd', text(line, 140, `${field}.remittanceInformation[${i}]`)))),
  ]);
}

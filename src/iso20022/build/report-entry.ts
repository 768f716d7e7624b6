import { amountElement, checkedFx, currencyCode } from './amount.js';
import { bic, code, exchangeRate, isoDate, isoDateTime, text, uetr } from './fields.js';
import { accountIdElement, agentElement, partyChoiceElement } from './parties.js';
import type { Account, Bic, CreditDebit, FxConversion, IsoAmount, IsoDateText, IsoDateTimeText, Party } from './types.js';
import { type XmlElement, element, leaf } from './xml.js';

/** The account a statement or notification is about (CashAccount39). */
export interface StatementAccount {
  readonly id: Account;
  readonly currency: string;
  /** Ownr: the participant holding the account. */
  readonly owner?: Bic;
  /** Svcr: the network's operator, who services it. */
  readonly servicer?: Bic;
}

/** ISO bank transaction code, e.g. PMNT / RCDT / XBCT (received cross-border credit transfer). */
export interface BankTransactionCode {
  readonly domain: string;
  readonly family: string;
  readonly subFamily: string;
}

/** One booked movement on the account, and the payment behind it. */
export interface StatementEntry {
  /** NtryRef: unique per account, e.g. the ledger transfer id. */
  readonly reference?: string;
  readonly amount: IsoAmount;
  readonly side: CreditDebit;
  /** True when the entry reverses an earlier one (a return, a void). */
  readonly reversal?: boolean;
  readonly bookingDateTime: IsoDateTimeText;
  readonly valueDate: IsoDateText;
  /** AcctSvcrRef: Corridor's own reference for the movement. */
  readonly servicerReference?: string;
  /** Defaults to PMNT/RCDT/XBCT for credits, PMNT/ICDT/XBCT for debits. */
  readonly bankTransactionCode?: BankTransactionCode;
  readonly payment?: EntryPayment;
}

export interface EntryPayment {
  readonly messageId?: string;
  readonly instructionId?: string;
  readonly endToEndId?: string;
  readonly uetr?: string;
  readonly transactionId?: string;
  readonly fx?: FxConversion;
  readonly debtor?: Party;
  readonly debtorAccount?: Account;
  readonly creditor?: Party;
  readonly creditorAccount?: Account;
  readonly debtorAgent?: Bic;
  readonly creditorAgent?: Bic;
  readonly remittanceInformation?: readonly string[];
}

export function accountElement39(account: StatementAccount, field: string): XmlElement {
  return element('Acct', [
    accountIdElement(account.id, `${field}.id`),
    leaf('Ccy', currencyCode(account.currency, `${field}.currency`)),
    account.owner !== undefined && element('Ownr', [element('Id', [element('OrgId', [leaf('AnyBIC', bic(account.owner, `${field}.owner`))])])]),
    account.servicer !== undefined && agentElement('Svcr', account.servicer, `${field}.servicer`),
  ]);
}

/** ReportEntry10, identical in camt.053.001.08 and camt.054.001.08; always booked (BOOK). */
export function entryElement(entry: StatementEntry, field: string): XmlElement {
  const btc = entry.bankTransactionCode ?? { domain: 'PMNT', family: entry.side === 'CRDT' ? 'RCDT' : 'ICDT', subFamily: 'XBCT' };
  return element('Ntry', [
    entry.reference !== undefined && leaf('NtryRef', text(entry.reference, 35, `${field}.reference`)),
    amountElement('Amt', entry.amount, `${field}.amount`),
    leaf('CdtDbtInd', entry.side),
    entry.reversal === true && leaf('RvslInd', 'true'),
    element('Sts', [leaf('Cd', 'BOOK')]),
    element('BookgDt', [leaf('DtTm', isoDateTime(entry.bookingDateTime, `${field}.bookingDateTime`))]),
    element('ValDt', [leaf('Dt', isoDate(entry.valueDate, `${field}.valueDate`))]),
    entry.servicerReference !== undefined && leaf('AcctSvcrRef', text(entry.servicerReference, 35, `${field}.servicerReference`)),
    element('BkTxCd', [
      element('Domn', [
        leaf('Cd', code(btc.domain, `${field}.bankTransactionCode.domain`)),
        element('Fmly', [leaf('Cd', code(btc.family, `${field}.bankTransactionCode.family`)), leaf('SubFmlyCd', code(btc.subFamily, `${field}.bankTransactionCode.subFamily`))]),
      ]),
    ]),
    entry.payment !== undefined && element('NtryDtls', [transactionDetails(entry, entry.payment, `${field}.payment`)]),
  ]);
}

/** EntryTransaction10, in XSD order: Refs, Amt, CdtDbtInd, AmtDtls, RltdPties, RltdAgts, RmtInf. */
function transactionDetails(entry: StatementEntry, payment: EntryPayment, field: string): XmlElement {
  const remittance = payment.remittanceInformation ?? [];
  return element('TxDtls', [
    references(payment, field),
    amountElement('Amt', entry.amount, `${field}.amount`),
    leaf('CdtDbtInd', entry.side),
    payment.fx !== undefined && amountDetails(payment.fx, entry.amount, `${field}.fx`),
    parties(payment, field),
    agents(payment, field),
    remittance.length > 0 && element('RmtInf', remittance.map((line, i) => leaf('Ustrd', text(line, 140, `${field}.remittanceInformation[${i}]`)))),
  ]);
}

function references(payment: EntryPayment, field: string): XmlElement | null {
  const refs = element('Refs', [
    payment.messageId !== undefined && leaf('MsgId', text(payment.messageId, 35, `${field}.messageId`)),
    payment.instructionId !== undefined && leaf('InstrId', text(payment.instructionId, 35, `${field}.instructionId`)),
    payment.endToEndId !== undefined && leaf('EndToEndId', text(payment.endToEndId, 35, `${field}.endToEndId`)),
    payment.uetr !== undefined && leaf('UETR', uetr(payment.uetr, `${field}.uetr`)),
    payment.transactionId !== undefined && leaf('TxId', text(payment.transactionId, 35, `${field}.transactionId`)),
  ]);
  return refs.children.length > 0 ? refs : null;
}

/** AmtDtls: the instructed amount with the conversion to the entry's currency, and the entry amount. */
function amountDetails(fx: FxConversion, amount: IsoAmount, field: string): XmlElement {
  checkedFx(fx, amount, field);
  return element('AmtDtls', [
    element('InstdAmt', [
      amountElement('Amt', fx.instructedAmount, `${field}.instructedAmount`),
      element('CcyXchg', [
        leaf('SrcCcy', fx.instructedAmount.currency),
        leaf('TrgtCcy', amount.currency),
        leaf('XchgRate', exchangeRate(fx.exchangeRate, `${field}.exchangeRate`)),
      ]),
    ]),
    element('TxAmt', [amountElement('Amt', amount, `${field}.amount`)]),
  ]);
}

function parties(payment: EntryPayment, field: string): XmlElement | null {
  const { debtor, debtorAccount, creditor, creditorAccount } = payment;
  if (!debtor && !debtorAccount && !creditor && !creditorAccount) return null;
  return element('RltdPties', [
    debtor !== undefined && partyChoiceElement('Dbtr', debtor, `${field}.debtor`),
    debtorAccount !== undefined && element('DbtrAcct', [accountIdElement(debtorAccount, `${field}.debtorAccount`)]),
    creditor !== undefined && partyChoiceElement('Cdtr', creditor, `${field}.creditor`),
    creditorAccount !== undefined && element('CdtrAcct', [accountIdElement(creditorAccount, `${field}.creditorAccount`)]),
  ]);
}

function agents(payment: EntryPayment, field: string): XmlElement | null {
  if (payment.debtorAgent === undefined && payment.creditorAgent === undefined) return null;
  return element('RltdAgts', [
    payment.debtorAgent !== undefined && agentElement('DbtrAgt', payment.debtorAgent, `${field}.debtorAgent`),
    payment.creditorAgent !== undefined && agentElement('CdtrAgt', payment.creditorAgent, `${field}.creditorAgent`),
  ]);
}

import { type XmlElement, attributeOf, child, childElements, childrenNamed, textAt, trimmedText } from './dom.js';
import { transactionsPerMessageMax } from './limits.js';

/** An amount as written: decimal text and currency code, never a number. */
export interface AmountText {
  readonly value: string;
  readonly currency: string;
  readonly line: number;
}

export interface LocatedText {
  readonly text: string;
  readonly line: number;
}

export interface PaymentTransaction {
  readonly line: number;
  readonly uetr: LocatedText | null;
  readonly endToEndId: string | null;
  readonly instructionId: string | null;
  readonly transactionId: string | null;
  readonly interbankSettlementAmount: AmountText | null;
  readonly instructedAmount: AmountText | null;
  readonly exchangeRate: string | null;
  readonly debtorAgent: LocatedText | null;
  readonly creditorAgent: LocatedText | null;
  /** pacs.009 only: the debtor and creditor are institutions identified by BIC. */
  readonly debtorBic: LocatedText | null;
  readonly creditorBic: LocatedText | null;
  readonly debtorName: string | null;
  readonly creditorName: string | null;
  readonly debtorIban: LocatedText | null;
  readonly creditorIban: LocatedText | null;
}

/** The business content of a credit transfer (pacs.008) or FI credit transfer (pacs.009). */
export interface PaymentMessage {
  readonly messageId: LocatedText | null;
  readonly creationDateTime: string | null;
  readonly numberOfTransactions: LocatedText | null;
  readonly controlSum: LocatedText | null;
  readonly totalInterbankSettlementAmount: AmountText | null;
  readonly settlementMethod: string | null;
  readonly instructingAgent: LocatedText | null;
  readonly instructedAgent: LocatedText | null;
  readonly transactions: readonly PaymentTransaction[];
}

/** pacs.008 and pacs.009 both carry their transactions as CdtTrfTxInf. */
export function isCreditTransfer(message: string): boolean {
  return message === 'pacs.008' || message === 'pacs.009';
}

function located(element: XmlElement | null): LocatedText | null {
  return element === null ? null : { text: trimmedText(element), line: element.line };
}

function amountAt(element: XmlElement | null): AmountText | null {
  if (element === null) return null;
  return { value: trimmedText(element), currency: attributeOf(element, 'Ccy') ?? '', line: element.line };
}

/** Versions up to 06 name the BIC element BIC; later ones BICFI. */
function agentBic(party: XmlElement | null): LocatedText | null {
  return located(child(party, 'FinInstnId', 'BICFI') ?? child(party, 'FinInstnId', 'BIC'));
}

/** pacs.008 parties are persons or organisations (Nm); pacs.009 parties are institutions (FinInstnId/Nm). */
function partyName(party: XmlElement | null): string | null {
  return textAt(party, 'Nm') ?? textAt(party, 'FinInstnId', 'Nm');
}

function transactionOf(tx: XmlElement): PaymentTransaction {
  const debtor = child(tx, 'Dbtr');
  const creditor = child(tx, 'Cdtr');
  return {
    line: tx.line,
    uetr: located(child(tx, 'PmtId', 'UETR')),
    endToEndId: textAt(tx, 'PmtId', 'EndToEndId'),
    instructionId: textAt(tx, 'PmtId', 'InstrId'),
    transactionId: textAt(tx, 'PmtId', 'TxId'),
    interbankSettlementAmount: amountAt(child(tx, 'IntrBkSttlmAmt')),
    // pacs.009 COV carries the covered customer payment's instructed amount in UndrlygCstmrCdtTrf.
    instructedAmount: amountAt(child(tx, 'InstdAmt') ?? child(tx, 'UndrlygCstmrCdtTrf', 'InstdAmt')),
    exchangeRate: textAt(tx, 'XchgRate'),
    debtorAgent: agentBic(child(tx, 'DbtrAgt')),
    creditorAgent: agentBic(child(tx, 'CdtrAgt')),
    debtorBic: agentBic(debtor),
    creditorBic: agentBic(creditor),
    debtorName: partyName(debtor),
    creditorName: partyName(creditor),
    debtorIban: located(child(tx, 'DbtrAcct', 'Id', 'IBAN')),
    creditorIban: located(child(tx, 'CdtrAcct', 'Id', 'IBAN')),
  };
}

/** A part's tree does not change once scanned: the rules and the edge read it once between them. */
const readMessages = new WeakMap<XmlElement, PaymentMessage>();

/** Reads a schema-valid pacs.008/pacs.009 Document; the schema guarantees the shape. */
export function readPaymentMessage(document: XmlElement): PaymentMessage {
  let payment = readMessages.get(document);
  if (payment === undefined) {
    payment = readPaymentMessageOnce(document);
    readMessages.set(document, payment);
  }
  return payment;
}

function readPaymentMessageOnce(document: XmlElement): PaymentMessage {
  const body = childElements(document)[0] ?? null;
  const header = child(body, 'GrpHdr');
  const transactions = childrenNamed(body, 'CdtTrfTxInf').slice(0, transactionsPerMessageMax).map(transactionOf);
  return {
    messageId: located(child(header, 'MsgId')),
    creationDateTime: textAt(header, 'CreDtTm'),
    numberOfTransactions: located(child(header, 'NbOfTxs')),
    controlSum: located(child(header, 'CtrlSum')),
    totalInterbankSettlementAmount: amountAt(child(header, 'TtlIntrBkSttlmAmt')),
    settlementMethod: textAt(header, 'SttlmInf', 'SttlmMtd'),
    instructingAgent: agentBic(child(header, 'InstgAgt')),
    instructedAgent: agentBic(child(header, 'InstdAgt')),
    transactions,
  };
}

/**
 * What a bank's ISO 20022 file asks of the network, read from a schema-valid message: the
 * credit transfers of a pacs.008/pacs.009, the cancellation requests of a camt.056, the
 * refusals of a camt.029 and the returns of a pacs.004. The XSD has fixed the shape already;
 * this only picks the elements and fits their text to the network's records.
 */
import { parseAmount } from '../../core/money/index.js';
import type { NetworkState } from '../../core/network/state.js';
import { endToEndIdLengthMax, nameLengthMax, remittanceLengthMax } from '../../core/network/text-rules.js';
import type { MessageTransaction } from '../../core/network/types.js';
import type { PaymentParties } from '../../core/network/screening-types.js';
import { addressLineLengthMax, addressLinesMax } from '../../core/network/shape.js';
import { type XmlElement, attributeOf, child, childElements, childrenNamed, textAt, trimmedText } from '../../iso20022/dom.js';
import type { SchemaValidMessage } from '../../iso20022/intake.js';
import { type PaymentMessage, type PaymentTransaction, readPaymentMessage } from '../../iso20022/payments.js';
import { transactionPriority } from './priority.js';
import { derivedUetr, isoText, recordText, resolveBic } from './text.js';

/** The body element of a Document (FIToFICstmrCdtTrf, FIToFIPmtCxlReq, …). */
export function documentBody(message: SchemaValidMessage): XmlElement | null {
  const root = message.document?.root ?? null;
  return root === null ? null : (childElements(root)[0] ?? null);
}

/** The message's own identification: GrpHdr/MsgId, or Assgnmt/Id for investigations. */
export function documentMessageId(message: SchemaValidMessage): string | null {
  const body = documentBody(message);
  return textAt(body, 'GrpHdr', 'MsgId') ?? textAt(body, 'Assgnmt', 'Id');
}

/** AppHdr Fr and To, when both name financial institutions by BIC. */
export function headerParties(message: SchemaValidMessage): { from: string; to: string } | null {
  const root = message.header?.root ?? null;
  const bicOf = (side: string) => textAt(root, side, 'FIId', 'FinInstnId', 'BICFI') ?? textAt(root, side, 'FIId', 'FinInstnId', 'BIC');
  const from = bicOf('Fr');
  const to = bicOf('To');
  return from === null || to === null ? null : { from, to };
}

/** One credit transfer as the network records it, and the identifiers its status report repeats. */
export interface IncomingTransfer {
  readonly command: MessageTransaction;
  /** As written in the message (the pacs.002 quotes them back). */
  readonly endToEndId: string | null;
  readonly instructionId: string | null;
  readonly transactionId: string | null;
}

export interface IncomingCreditTransfers {
  readonly payment: PaymentMessage;
  readonly transfers: readonly IncomingTransfer[];
}

/**
 * The transactions of a pacs.008/pacs.009. Agents are resolved to registered BICs (BIC8 and
 * BIC11 …XXX name the same bank); amounts are parsed exactly in the network's exponent (the
 * business rules have checked the currency is settled here and the decimals). A version without
 * UETR (before 08) gets one derived from the file's hash and the transaction's position.
 */
export function readCreditTransfers(message: SchemaValidMessage, network: NetworkState, requestHash: string): IncomingCreditTransfers {
  const body = documentBody(message)!;
  const payment = readPaymentMessage(message.document!.root);
  const elements = childrenNamed(body, 'CdtTrfTxInf');
  const groupHeader = child(body, 'GrpHdr');
  const transfers = payment.transactions.map((tx, index): IncomingTransfer => {
    const element = elements[index] ?? null;
    const debtorAgent = agentOf(network, tx.debtorAgent?.text ?? tx.debtorBic?.text ?? null);
    const creditorAgent = agentOf(network, tx.creditorAgent?.text ?? tx.creditorBic?.text ?? null);
    const remittance = childrenNamed(child(element, 'RmtInf'), 'Ustrd')
      .map(trimmedText)
      .join(' ');
    return {
      command: {
        uetr: tx.uetr?.text ?? derivedUetr(requestHash, String(index)),
        endToEndId: recordText(tx.endToEndId, endToEndIdLengthMax) || 'NOTPROVIDED',
        instructionId: recordText(tx.instructionId, endToEndIdLengthMax),
        transactionId: recordText(tx.transactionId, endToEndIdLengthMax),
        currency: tx.interbankSettlementAmount?.currency ?? '',
        amount: amountIn(network, tx),
        debtorAgent,
        creditorAgent,
        debtorName: recordText(tx.debtorName, nameLengthMax),
        creditorName: recordText(tx.creditorName, nameLengthMax),
        remittanceInformation: recordText(remittance, remittanceLengthMax),
        priority: transactionPriority(element, groupHeader),
        ...partiesField(element),
        ...fxOf(network, tx),
      },
      endToEndId: tx.endToEndId,
      instructionId: tx.instructionId,
      transactionId: tx.transactionId,
    };
  });
  return { payment, transfers };
}

const structuredAddressParts = ['Dept', 'SubDept', 'StrtNm', 'BldgNb', 'BldgNm', 'Flr', 'PstBx', 'Room', 'PstCd', 'TwnNm', 'TwnLctnNm', 'DstrctNm', 'CtrySubDvsn', 'Ctry'];

/** A postal address as lines to screen: the AdrLine lines, then each structured element on a line of its own (no cutting). */
function addressLines(party: XmlElement | null): string[] {
  const address = child(party, 'PstlAdr');
  if (address === null) return [];
  const lines = childrenNamed(address, 'AdrLine').map(trimmedText);
  for (const part of structuredAddressParts) for (const element of childrenNamed(address, part)) lines.push(trimmedText(element));
  return lines.filter((line) => line !== '').slice(0, addressLinesMax).map((line) => recordText(line, addressLineLengthMax));
}

/**
 * What else of a transaction is screened (docs/screening.md): the debtor's and creditor's
 * addresses, the ultimate parties and the intermediary agents. Absent when the transaction has none.
 */
function partiesField(element: XmlElement | null): { parties?: PaymentParties } {
  const ultimateDebtor = child(element, 'UltmtDbtr');
  const ultimateCreditor = child(element, 'UltmtCdtr');
  const intermediaries = ['IntrmyAgt1', 'IntrmyAgt2', 'IntrmyAgt3']
    .map((name) => textAt(element, name, 'FinInstnId', 'BICFI') ?? textAt(element, name, 'FinInstnId', 'BIC'))
    .filter((bic): bic is string => bic !== null)
    .map((bic) => bic.toUpperCase());
  const parties: Record<string, unknown> = {
    debtorAddress: addressLines(child(element, 'Dbtr')),
    creditorAddress: addressLines(child(element, 'Cdtr')),
    ultimateDebtorName: recordText(textAt(ultimateDebtor, 'Nm'), nameLengthMax),
    ultimateDebtorAddress: addressLines(ultimateDebtor),
    ultimateCreditorName: recordText(textAt(ultimateCreditor, 'Nm'), nameLengthMax),
    ultimateCreditorAddress: addressLines(ultimateCreditor),
    intermediaryAgents: intermediaries,
  };
  for (const key of Object.keys(parties)) {
    const value = parties[key];
    if (value === '' || (Array.isArray(value) && value.length === 0)) delete parties[key];
  }
  return Object.keys(parties).length === 0 ? {} : { parties: parties };
}

/** InstdAmt in a currency of this network other than the settlement amount's: a cross-currency payment. */
function fxOf(network: NetworkState, tx: PaymentTransaction): Pick<MessageTransaction, 'fx'> {
  const instructed = tx.instructedAmount;
  const currency = instructed === null ? undefined : network.currencies.get(instructed.currency);
  if (instructed === null || currency === undefined || instructed.currency === tx.interbankSettlementAmount?.currency) return {};
  const parsed = parseAmount(instructed.value, { code: currency.code, numeric: currency.ledger, exponent: currency.exponent, name: currency.code });
  return { fx: { instructedCurrency: currency.code, instructedMinor: parsed.ok ? parsed.minor : 0n, exchangeRate: tx.exchangeRate } };
}

/** A BIC as registered, or as written when no participant has it (the core then refuses it). */
function agentOf(network: NetworkState, bic: string | null): string {
  if (bic === null) return '';
  return resolveBic(network, bic) ?? bic;
}

function amountIn(network: NetworkState, tx: PaymentTransaction): bigint {
  const amount = tx.interbankSettlementAmount;
  const currency = amount === null ? undefined : network.currencies.get(amount.currency);
  if (amount === null || currency === undefined) return 0n;
  const parsed = parseAmount(amount.value, { code: currency.code, numeric: currency.ledger, exponent: currency.exponent, name: currency.code });
  return parsed.ok ? parsed.minor : 0n;
}

/** One transaction of a camt.056, camt.029 or pacs.004: the payment it is about, by UETR. */
export interface CaseTransaction {
  readonly uetr: string | null;
  /** camt.056: the case; pacs.004: the return's id. */
  readonly reference: string | null;
  /** camt.056 cancellation reason, camt.029 rejection reason, pacs.004 return reason (Cd, or Prtry when it is a code). */
  readonly reason: string | null;
  /** camt.029: TxCxlSts (RJCR, ACCR, PDCR). */
  readonly status: string | null;
  /** pacs.004: the returned amount as written. */
  readonly amount: { readonly value: string; readonly currency: string } | null;
  readonly endToEndId: string | null;
}

function reasonOf(element: XmlElement | null): string | null {
  return textAt(element, 'Rsn', 'Cd') ?? textAt(element, 'Rsn', 'Prtry');
}

/** camt.056: every Undrlyg/TxInf; the case is the transaction's, else the message's, else the cancellation id. */
export function readCancellationRequests(message: SchemaValidMessage): CaseTransaction[] {
  const body = documentBody(message);
  const messageCase = textAt(body, 'Case', 'Id');
  return childrenNamed(body, 'Undrlyg').flatMap((underlying) => {
    const groupCase = textAt(underlying, 'OrgnlGrpInfAndCxl', 'Case', 'Id');
    const groupReason = reasonOf(child(underlying, 'OrgnlGrpInfAndCxl', 'CxlRsnInf'));
    return childrenNamed(underlying, 'TxInf').map((tx) => ({
      uetr: textAt(tx, 'OrgnlUETR'),
      reference: isoText(textAt(tx, 'Case', 'Id') ?? groupCase ?? messageCase ?? textAt(tx, 'CxlId'), endToEndIdLengthMax) ?? null,
      reason: reasonOf(child(tx, 'CxlRsnInf')) ?? groupReason,
      status: null,
      amount: null,
      endToEndId: textAt(tx, 'OrgnlEndToEndId'),
    }));
  });
}

/** camt.029: every CxlDtls/TxInfAndSts with its status and reason. */
export function readCancellationAnswers(message: SchemaValidMessage): CaseTransaction[] {
  const body = documentBody(message);
  return childrenNamed(body, 'CxlDtls').flatMap((details) =>
    childrenNamed(details, 'TxInfAndSts').map((tx) => ({
      uetr: textAt(tx, 'OrgnlUETR'),
      reference: textAt(tx, 'CxlStsId'),
      reason: reasonOf(child(tx, 'CxlStsRsnInf')),
      status: textAt(tx, 'TxCxlSts'),
      amount: null,
      endToEndId: textAt(tx, 'OrgnlEndToEndId'),
    })),
  );
}

/** pacs.004: every TxInf with its return id, amount and reason. */
export function readReturns(message: SchemaValidMessage): CaseTransaction[] {
  const body = documentBody(message);
  return childrenNamed(body, 'TxInf').map((tx) => {
    const amount = child(tx, 'RtrdIntrBkSttlmAmt');
    return {
      uetr: textAt(tx, 'OrgnlUETR'),
      reference: textAt(tx, 'RtrId'),
      reason: reasonOf(child(tx, 'RtrRsnInf')),
      status: null,
      amount: amount === null ? null : { value: trimmedText(amount), currency: attributeOf(amount, 'Ccy') ?? '' },
      endToEndId: textAt(tx, 'OrgnlEndToEndId'),
    };
  });
}

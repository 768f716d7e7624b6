import { type XmlElement, child, childElements, textAt } from './dom.js';
import { readIsoFile } from './intake.js';
import type { MessageId } from './message-id.js';
import { type AmountText, type PaymentTransaction, isCreditTransfer, readPaymentMessage } from './payments.js';
import { type IsoFailure, isoFailure } from './reasons.js';
import type { SchemaStore } from './schemas.js';

/** Amounts stay decimal strings exactly as in the message (DESIGN.md §5). */
export interface AmountJson {
  readonly value: string;
  readonly currency: string;
}

export interface TransactionJson {
  readonly uetr: string | null;
  readonly endToEndId: string | null;
  readonly instructionId: string | null;
  readonly transactionId: string | null;
  readonly interbankSettlementAmount: AmountJson | null;
  readonly instructedAmount: AmountJson | null;
  readonly exchangeRate: string | null;
  readonly debtorAgent: string | null;
  readonly creditorAgent: string | null;
  readonly debtorName: string | null;
  readonly creditorName: string | null;
}

/** The `corridor iso to-json` object: DESIGN.md §5 fields first, a few more after them. */
export interface MessageJson {
  readonly messageType: string;
  readonly messageId: string | null;
  readonly creationDateTime: string | null;
  readonly transactions: readonly TransactionJson[];
  readonly numberOfTransactions: string | null;
  readonly controlSum: string | null;
  readonly totalInterbankSettlementAmount: AmountJson | null;
  readonly settlementMethod: string | null;
}

export type ToJsonResult = { ok: true; json: MessageJson } | { ok: false; reported: MessageId | null; failures: IsoFailure[] };

/**
 * The business content of one message. Requires the secure intake and the XML Schema to pass
 * (so the shape is trustworthy) but not the business rules: to-json shows what a message says,
 * `iso validate` judges it.
 */
export function messageToJson(bytes: Uint8Array, schemas: SchemaStore): ToJsonResult {
  const intake = readIsoFile(bytes, schemas);
  if (!intake.ok) return intake;
  const { document, reported } = intake.message;
  const root = document?.root ?? null;
  if (!document || !root) return { ok: false, reported, failures: [isoFailure('no_iso_message', 'no ISO 20022 Document (only an AppHdr)', null)] };
  if (isCreditTransfer(document.id.message)) return { ok: true, json: creditTransferJson(document.id, readPaymentMessage(root)) };
  return { ok: true, json: headerOnlyJson(document.id, root) };
}

function creditTransferJson(id: MessageId, payment: ReturnType<typeof readPaymentMessage>): MessageJson {
  return {
    messageType: id.id,
    messageId: payment.messageId?.text ?? null,
    creationDateTime: payment.creationDateTime,
    transactions: payment.transactions.map(transactionJson),
    numberOfTransactions: payment.numberOfTransactions?.text ?? null,
    controlSum: payment.controlSum?.text ?? null,
    totalInterbankSettlementAmount: amountJson(payment.totalInterbankSettlementAmount),
    settlementMethod: payment.settlementMethod,
  };
}

function transactionJson(tx: PaymentTransaction): TransactionJson {
  return {
    uetr: tx.uetr?.text ?? null,
    endToEndId: tx.endToEndId,
    instructionId: tx.instructionId,
    transactionId: tx.transactionId,
    interbankSettlementAmount: amountJson(tx.interbankSettlementAmount),
    instructedAmount: amountJson(tx.instructedAmount),
    exchangeRate: tx.exchangeRate,
    debtorAgent: tx.debtorAgent?.text ?? null,
    creditorAgent: tx.creditorAgent?.text ?? null,
    debtorName: tx.debtorName,
    creditorName: tx.creditorName,
  };
}

function amountJson(amount: AmountText | null): AmountJson | null {
  return amount === null ? null : { value: amount.value, currency: amount.currency };
}

/** Other messages: identification only; GrpHdr for pacs/camt.05x, Assgnmt for camt.029/056. */
function headerOnlyJson(id: MessageId, root: XmlElement): MessageJson {
  const body = childElements(root)[0] ?? null;
  const header = child(body, 'GrpHdr') ?? child(body, 'Assgnmt');
  return {
    messageType: id.id,
    messageId: textAt(header, 'MsgId') ?? textAt(header, 'Id'),
    creationDateTime: textAt(header, 'CreDtTm'),
    transactions: [],
    numberOfTransactions: textAt(header, 'NbOfTxs'),
    controlSum: textAt(header, 'CtrlSum'),
    totalInterbankSettlementAmount: null,
    settlementMethod: null,
  };
}

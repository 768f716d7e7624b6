/**
 * Why an ISO 20022 message is refused. Each kind maps to exactly one ISO 20022 external
 * status reason code (ExternalStatusReason1Code), so a pacs.002 rejection can carry it.
 * The table is documented in docs/iso20022.md; keep the two in step.
 */
export type IsoReasonCode =
  | 'FF01' // InvalidFileFormat
  | 'AM03' // NotAllowedCurrency
  | 'AM05' // Duplication (message identification already used)
  | 'AM10' // InvalidControlSum
  | 'AM11' // InvalidTransactionCurrency
  | 'AM12' // InvalidAmount
  | 'AM18' // InvalidNumberOfTransactions
  | 'AC01' // IncorrectAccountNumber
  | 'AC03' // InvalidCreditorAccountNumber
  | 'AGNT' // IncorrectAgent
  | 'RC01' // BankIdentifierIncorrect
  | 'DUPL' // DuplicatePayment
  | 'FF08'; // InvalidEndToEndId (used for the UETR, the end-to-end tracking reference)

export type IsoFailureKind =
  | 'xml_refused' // hostile or over-limit input, refused before parsing
  | 'xml_malformed' // not well-formed XML
  | 'no_iso_message' // no AppHdr or Document in an ISO 20022 namespace
  | 'unknown_message' // namespace names a message Corridor has no schema for
  | 'schema_invalid' // fails the XSD of its namespace
  | 'header_mismatch' // AppHdr MsgDefIdr differs from the Document namespace
  | 'transaction_count_mismatch' // NbOfTxs differs from the transactions present
  | 'control_sum_mismatch' // CtrlSum or TtlIntrBkSttlmAmt differs from the sum of transactions
  | 'currency_unknown' // not an ISO 4217 currency with a minor unit (e.g. XAU)
  | 'amount_invalid' // more decimals than the currency's exponent, zero, or too large
  | 'uetr_invalid' // UETR missing or not a UUID v4
  | 'bic_malformed' // BIC not of the ISO 9362 shape
  | 'iban_invalid' // IBAN fails its ISO 13616 check digits (debtor side)
  | 'creditor_iban_invalid' // same, creditor side
  | 'bic_unknown' // network context: agent is not a participant
  | 'currency_not_settled' // network context: the network does not settle this currency
  | 'duplicate_message' // network context: MsgId already seen
  | 'duplicate_payment'; // network context: UETR already seen

export const isoReasonCodeOf: Readonly<Record<IsoFailureKind, IsoReasonCode>> = {
  xml_refused: 'FF01',
  xml_malformed: 'FF01',
  no_iso_message: 'FF01',
  unknown_message: 'FF01',
  schema_invalid: 'FF01',
  header_mismatch: 'FF01',
  transaction_count_mismatch: 'AM18',
  control_sum_mismatch: 'AM10',
  currency_unknown: 'AM11',
  amount_invalid: 'AM12',
  uetr_invalid: 'FF08',
  bic_malformed: 'RC01',
  iban_invalid: 'AC01',
  creditor_iban_invalid: 'AC03',
  bic_unknown: 'AGNT',
  currency_not_settled: 'AM03',
  duplicate_message: 'AM05',
  duplicate_payment: 'DUPL',
};

/** One reason a message is refused; `line` is the line in the file as received. */
export interface IsoFailure {
  readonly kind: IsoFailureKind;
  readonly code: IsoReasonCode;
  readonly detail: string;
  readonly line: number | null;
}

export function isoFailure(kind: IsoFailureKind, detail: string, line: number | null): IsoFailure {
  return { kind, code: isoReasonCodeOf[kind], detail, line };
}

import { currencyByCode, parseAmount } from '../core/money/index.js';
import { amountExponent, controlSumScaleMax, fractionDigits, scaledDecimal } from './decimal-sum.js';
import { isIbanChecksumValid } from './iban.js';
import type { MessageId } from './message-id.js';
import { versionNumber } from './message-id.js';
import type { AmountText, PaymentMessage, PaymentTransaction } from './payments.js';
import { type IsoFailure, isoFailure } from './reasons.js';
import { isUuidV4 } from './uuid.js';

/** UETR entered pacs.008 and pacs.009 in version 08 (2019); earlier versions cannot carry one. */
const uetrFirstVersion = 8;

/** Business rules of a credit transfer (pacs.008 / pacs.009) after its schema passed. */
export function paymentFailures(id: MessageId, payment: PaymentMessage): IsoFailure[] {
  return [
    ...countFailures(payment),
    ...controlSumFailures(payment),
    ...totalAmountFailures(payment),
    ...payment.transactions.flatMap((tx) => transactionFailures(id, tx)),
  ];
}

/** ISO rule: NbOfTxs is the number of individual transactions in the message. */
function countFailures(payment: PaymentMessage): IsoFailure[] {
  const stated = payment.numberOfTransactions;
  if (stated === null) return [];
  const present = payment.transactions.length;
  if (stated.text === String(present)) return [];
  return [isoFailure('transaction_count_mismatch', `NbOfTxs is ${stated.text} but the message has ${present} transaction(s)`, stated.line)];
}

/** ISO rule: CtrlSum is the total of all individual amounts, irrespective of currencies. */
function controlSumFailures(payment: PaymentMessage): IsoFailure[] {
  const stated = payment.controlSum;
  if (stated === null) return [];
  const amounts = payment.transactions.flatMap((tx) => (tx.interbankSettlementAmount ? [tx.interbankSettlementAmount] : []));
  const scale = Math.min(controlSumScaleMax, Math.max(fractionDigits(stated.text), ...amounts.map((a) => amountExponent(a.value, a.currency))));
  const expected = sumAtScale(amounts, scale);
  const actual = scaledDecimal(stated.text, scale);
  if (expected !== null && actual === expected) return [];
  return [isoFailure('control_sum_mismatch', `CtrlSum ${stated.text} is not the sum of the transactions' IntrBkSttlmAmt`, stated.line)];
}

/**
 * ISO cross-element rules TotalInterbankSettlementAmountRule and ...AndCurrencyRule: when
 * TtlIntrBkSttlmAmt is present, every IntrBkSttlmAmt has its currency and they sum to it.
 */
function totalAmountFailures(payment: PaymentMessage): IsoFailure[] {
  const total = payment.totalInterbankSettlementAmount;
  if (total === null) return [];
  const amounts = payment.transactions.flatMap((tx) => (tx.interbankSettlementAmount ? [tx.interbankSettlementAmount] : []));
  const foreign = amounts.find((amount) => amount.currency !== total.currency);
  if (foreign) {
    return [isoFailure('control_sum_mismatch', `IntrBkSttlmAmt in ${foreign.currency} but TtlIntrBkSttlmAmt in ${total.currency}`, foreign.line)];
  }
  const scale = amountExponent(total.value, total.currency);
  const expected = sumAtScale(amounts, scale);
  if (expected !== null && expected === scaledDecimal(total.value, scale)) return [];
  return [isoFailure('control_sum_mismatch', `TtlIntrBkSttlmAmt ${total.value} ${total.currency} is not the sum of the transactions' IntrBkSttlmAmt`, total.line)];
}

function sumAtScale(amounts: readonly AmountText[], scale: number): bigint | null {
  let sum = 0n;
  for (const amount of amounts) {
    const value = scaledDecimal(amount.value, scale);
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

function transactionFailures(id: MessageId, tx: PaymentTransaction): IsoFailure[] {
  const failures: IsoFailure[] = [];
  if (versionNumber(id) >= uetrFirstVersion && (tx.uetr === null || !isUuidV4(tx.uetr.text))) {
    const shown = tx.uetr === null ? 'missing' : `${JSON.stringify(tx.uetr.text)} is not a UUID v4`;
    failures.push(isoFailure('uetr_invalid', `UETR ${shown}`, tx.uetr?.line ?? tx.line));
  }
  const zero = settlementAmountZero(tx.interbankSettlementAmount);
  if (zero) failures.push(zero);
  if (tx.debtorIban && !isIbanChecksumValid(tx.debtorIban.text)) {
    failures.push(isoFailure('iban_invalid', `debtor IBAN ${tx.debtorIban.text} fails its check digits`, tx.debtorIban.line));
  }
  if (tx.creditorIban && !isIbanChecksumValid(tx.creditorIban.text)) {
    failures.push(isoFailure('creditor_iban_invalid', `creditor IBAN ${tx.creditorIban.text} fails its check digits`, tx.creditorIban.line));
  }
  return failures;
}

/** A payment moves money: its settlement amount may not be zero (decimals are checked for all amounts). */
function settlementAmountZero(amount: AmountText | null): IsoFailure | null {
  const currency = amount ? currencyByCode(amount.currency) : undefined;
  if (!amount || !currency) return null;
  const parsed = parseAmount(amount.value, currency);
  if (parsed.ok || parsed.error !== 'amount_zero') return null;
  return isoFailure('amount_invalid', 'IntrBkSttlmAmt is zero', amount.line);
}

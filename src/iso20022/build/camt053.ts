import { amountElement, isoAmount, minorOf } from './amount.js';
import { type IsoPartBuilt, isoDocument } from './document.js';
import { IsoBuildError } from './errors.js';
import { isoDate, isoDateTime, text } from './fields.js';
import { type StatementAccount, type StatementEntry, accountElement39, entryElement } from './report-entry.js';
import type { CreditDebit, IsoAmount, IsoDateText, IsoDateTimeText } from './types.js';
import { checkedVersion, defaultVersions } from './versions.js';
import { type XmlElement, element, leaf } from './xml.js';

/**
 * Entries in one statement. A day of a busy account beyond this needs pagination (StmtPgntn),
 * which Corridor does not write yet; the intake reads at most xmlElementsMax elements, about
 * 8,000 entries of this shape.
 */
export const statementEntriesMax = 5_000;

/** A booked balance: the amount is never negative; the side says which way it stands. */
export interface BookedBalance {
  readonly amount: IsoAmount;
  readonly side: CreditDebit;
  readonly date: IsoDateText;
}

export interface Camt053Input {
  readonly messageId: string;
  readonly creationDateTime: IsoDateTimeText;
  readonly statementId: string;
  /** ElctrncSeqNb: the statement's number in the account's sequence, so gaps show. */
  readonly sequenceNumber?: bigint;
  readonly from: IsoDateTimeText;
  readonly to: IsoDateTimeText;
  readonly account: StatementAccount;
  /** OPBD and CLBD; the closing balance must be the opening plus credits minus debits. */
  readonly openingBalance: BookedBalance;
  readonly closingBalance: BookedBalance;
  readonly entries: readonly StatementEntry[];
}

/** camt.053 end-of-day statement of one account. */
export function buildCamt053(input: Camt053Input, version: string = defaultVersions['camt.053']): IsoPartBuilt {
  const id = checkedVersion('camt.053', version);
  if (input.entries.length > statementEntriesMax) throw new IsoBuildError('entries', `has ${input.entries.length}, more than ${statementEntriesMax}`);
  checkBalances(input);
  const sequence = input.sequenceNumber;
  if (sequence !== undefined && (sequence < 0n || sequence >= 10n ** 18n)) throw new IsoBuildError('sequenceNumber', 'is not 0 to 18 digits');
  const body = element('BkToCstmrStmt', [
    element('GrpHdr', [leaf('MsgId', text(input.messageId, 35, 'messageId')), leaf('CreDtTm', isoDateTime(input.creationDateTime, 'creationDateTime'))]),
    element('Stmt', [
      leaf('Id', text(input.statementId, 35, 'statementId')),
      sequence !== undefined && leaf('ElctrncSeqNb', sequence.toString()),
      leaf('CreDtTm', input.creationDateTime),
      element('FrToDt', [leaf('FrDtTm', isoDateTime(input.from, 'from')), leaf('ToDtTm', isoDateTime(input.to, 'to'))]),
      accountElement39(input.account, 'account'),
      balanceElement('OPBD', input.openingBalance, 'openingBalance'),
      balanceElement('CLBD', input.closingBalance, 'closingBalance'),
      ...input.entries.map((entry, i) => entryElement(entry, `entries[${i}]`)),
    ]),
  ]);
  return isoDocument(id, body);
}

function balanceElement(type: 'OPBD' | 'CLBD', balance: BookedBalance, field: string): XmlElement {
  return element('Bal', [
    element('Tp', [element('CdOrPrtry', [leaf('Cd', type)])]),
    amountElement('Amt', balance.amount, `${field}.amount`, true),
    leaf('CdtDbtInd', balance.side),
    element('Dt', [leaf('Dt', isoDate(balance.date, `${field}.date`))]),
  ]);
}

/**
 * Every amount is in the account's currency, and closing = opening + credits − debits: a
 * statement that does not add up is a bug upstream, and the receiver's reconciliation would fail.
 */
function checkBalances(input: Camt053Input): void {
  const currency = input.account.currency;
  const amounts = [input.openingBalance.amount, input.closingBalance.amount, ...input.entries.map((entry) => entry.amount)];
  if (amounts.some((amount) => amount.currency !== currency)) throw new IsoBuildError('entries', `every balance and entry must be in the account currency ${currency}`);
  const signed = (amount: IsoAmount, side: CreditDebit, field: string): bigint => (side === 'CRDT' ? 1n : -1n) * minorOf(amount, field, true);
  const moved = input.entries.reduce((sum, entry, i) => sum + signed(entry.amount, entry.side, `entries[${i}].amount`), 0n);
  const opening = signed(input.openingBalance.amount, input.openingBalance.side, 'openingBalance.amount');
  const closing = signed(input.closingBalance.amount, input.closingBalance.side, 'closingBalance.amount');
  if (opening + moved !== closing) throw new IsoBuildError('closingBalance', 'is not the opening balance plus credits minus debits');
}

/** A signed ledger balance in minor units as a booked balance (DBIT when negative). */
export function bookedBalance(minor: bigint, currency: string, date: IsoDateText): BookedBalance {
  return { amount: isoAmount(minor < 0n ? -minor : minor, currency), side: minor < 0n ? 'DBIT' : 'CRDT', date };
}

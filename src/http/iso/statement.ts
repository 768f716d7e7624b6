/**
 * camt.053 end-of-day statement of one account for one UTC day, from the ledger: the opening
 * balance at the day's start, every posted entry of the day, the closing balance at its end,
 * each balance the ledger's accountBalanceAt (credits − debits, posted), like the JSON statement
 * of the period (day start − 1 µs, day end].
 */
import { accountBalanceAt, accountTransfers } from '../../core/ledger/queries.js';
import type { LedgerState } from '../../core/ledger/state.js';
import { transferFlags, type Account, type Transfer } from '../../core/ledger/types.js';
import { transferCodes } from '../../core/network/ids.js';
import type { NetworkState } from '../../core/network/state.js';
import { isoAmount } from '../../iso20022/build/amount.js';
import { bookedBalance, buildCamt053, statementEntriesMax } from '../../iso20022/build/camt053.js';
import type { BankTransactionCode, EntryPayment, StatementEntry } from '../../iso20022/build/report-entry.js';
import type { VersionSet } from '../../iso20022/build/versions.js';
import { uuidOfHex } from '../views.js';
import { renderWithHeader } from './outgoing.js';
import { isoDateTimeOfMicros, isoText, isoTextOr } from './text.js';

const dayMicros = 86_400_000_000;

/** µs of the start of a UTC day given as YYYY-MM-DD; undefined when it is not a real day. */
export function dayStartMicros(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return ms * 1000;
}

export interface DayStatement {
  readonly xml: string;
  /** false when the day had more entries than one statement carries: it then ends after the last one it holds. */
  readonly complete: boolean;
}

const codesOf: Readonly<Record<number, readonly [BankTransactionCode, BankTransactionCode]>> = {
  // [credit, debit]
  [transferCodes.payment]: [
    { domain: 'PMNT', family: 'RCDT', subFamily: 'XBCT' },
    { domain: 'PMNT', family: 'ICDT', subFamily: 'XBCT' },
  ],
  [transferCodes.paymentReturn]: [
    { domain: 'PMNT', family: 'ICDT', subFamily: 'RRTN' },
    { domain: 'PMNT', family: 'RCDT', subFamily: 'RRTN' },
  ],
  [transferCodes.fundsIn]: [
    { domain: 'CAMT', family: 'ACCB', subFamily: 'TOPG' },
    { domain: 'CAMT', family: 'ACCB', subFamily: 'TOPG' },
  ],
  [transferCodes.fundsOut]: [
    { domain: 'CAMT', family: 'ACCB', subFamily: 'SWEP' },
    { domain: 'CAMT', family: 'ACCB', subFamily: 'SWEP' },
  ],
};

/** Reservations and their voids move no posted balance; a statement books posted money only. */
const notPosted = transferFlags.pending | transferFlags.voidPending;

export interface StatementRequest {
  readonly ledger: LedgerState;
  readonly network: NetworkState;
  readonly account: Account;
  readonly currency: string;
  readonly date: string;
  readonly dayStart: number;
  /** The statement's creation time (µs): when it is read. */
  readonly now: number;
  readonly versions: VersionSet;
}

export function dayStatement(request: StatementRequest): DayStatement {
  const { ledger, network, account, currency, date, dayStart, versions } = request;
  const from = dayStart - 1;
  const dayEnd = dayStart + dayMicros - 1;
  const found = accountTransfers(ledger, account.id, { afterTimestamp: from, untilTimestamp: dayEnd, limit: statementEntriesMax + 1 });
  const complete = found.length <= statementEntriesMax;
  const shown = complete ? found : found.slice(0, statementEntriesMax);
  // A day beyond one statement ends, in this statement, with its last entry (no pagination yet).
  const to = complete ? dayEnd : shown.at(-1)!.timestamp;
  const balanceAt = (us: number): bigint => {
    const at = accountBalanceAt(ledger, account.id, us);
    if (!at.ok) throw new Error(`balance of ${account.id}: ${at.error}`);
    return at.balances.creditsPosted - at.balances.debitsPosted;
  };
  const entries = shown.filter((t) => (t.flags & notPosted) === 0).map((t) => entryOf(network, account.id, currency, date, t));
  const agent = network.currencies.get(currency)?.agent;
  const messageId = `S${date.replaceAll('-', '')}${account.id}`.slice(0, 35);
  const creation = isoDateTimeOfMicros(request.now);
  const document = buildCamt053(
    {
      messageId,
      creationDateTime: creation,
      statementId: messageId,
      from: isoDateTimeOfMicros(dayStart),
      to: isoDateTimeOfMicros(to),
      account: { id: { other: account.id }, currency, owner: account.participant, ...(agent === undefined ? {} : { servicer: agent }) },
      openingBalance: bookedBalance(balanceAt(from), currency, date),
      closingBalance: bookedBalance(balanceAt(to), currency, date),
      entries,
    },
    versions['camt.053'],
  );
  return { xml: renderWithHeader(document, agent ?? account.participant, account.participant, messageId, creation, versions), complete };
}

function entryOf(network: NetworkState, accountId: string, currency: string, date: string, t: Transfer): StatementEntry {
  const side = t.creditAccountId === accountId ? 'CRDT' : 'DBIT';
  const codes = codesOf[t.code];
  return {
    reference: t.id,
    amount: isoAmount(t.amount, currency),
    side,
    bookingDateTime: isoDateTimeOfMicros(t.timestamp),
    valueDate: date,
    ...(codes === undefined ? {} : { bankTransactionCode: codes[side === 'CRDT' ? 0 : 1] }),
    ...paymentOf(network, t),
  };
}

/** The payment behind a payment or return transfer; a funding's reference as the servicer's reference. */
function paymentOf(network: NetworkState, t: Transfer): { payment?: EntryPayment; servicerReference?: string } {
  if (t.code === transferCodes.fundsIn || t.code === transferCodes.fundsOut) {
    const reference = isoText(t.endToEndId, 35);
    return reference === undefined ? {} : { servicerReference: reference };
  }
  if (t.uetr === '0'.repeat(32)) return {};
  const p = network.payments.get(uuidOfHex(t.uetr));
  if (p === undefined) return {};
  const returning = t.code === transferCodes.paymentReturn;
  const debtorName = isoTextOr(returning ? p.creditorName : p.debtorName, 140);
  const creditorName = isoTextOr(returning ? p.debtorName : p.creditorName, 140);
  const instruction = isoText(p.iso?.instructionId, 35);
  const remittance = isoText(p.remittanceInformation, 140);
  return {
    payment: {
      endToEndId: isoTextOr(p.endToEndId, 35),
      uetr: p.uetr,
      ...(instruction === undefined ? {} : { instructionId: instruction }),
      debtor: { name: debtorName },
      creditor: { name: creditorName },
      debtorAgent: returning ? p.creditorAgent : p.debtorAgent,
      creditorAgent: returning ? p.debtorAgent : p.creditorAgent,
      ...(remittance === undefined ? {} : { remittanceInformation: [remittance] }),
    },
  };
}

import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderPart } from './document.js';
import { buildCamt029 } from './camt029.js';
import { buildCamt053 } from './camt053.js';
import { buildCamt054 } from './camt054.js';
import { buildPacs002 } from './pacs002.js';
import { buildPacs004 } from './pacs004.js';
import { buildPacs008 } from './pacs008.js';
import { isoAmount, minorOf } from './amount.js';
import type { CreditDebit, IsoAmount } from './types.js';
import type { StatementEntry } from './report-entry.js';
import { assertValid } from './test-support/check.js';
import * as arb from './test-support/arbitraries.js';

/** Each run compiles an XSD in libxml2 (a few ms): enough runs to cover the shapes, few enough for 2 cores. */
const runs = { numRuns: 60 };
const createdAt = '2024-05-02T09:30:00+00:00';

const fxFor = (settlement: string) =>
  fc.option(
    fc.record({ instructedAmount: arb.currency.filter((c) => c !== settlement).chain((c) => arb.amountIn(c)), exchangeRate: arb.exchangeRate }),
    { nil: undefined },
  );

const creditTransfer = arb.currency.chain((settlementCurrency) =>
  fc.record(
    {
      uetr: arb.uetr,
      endToEndId: arb.id35,
      instructionId: arb.id35,
      transactionId: arb.id35,
      settlementAmount: arb.amountIn(settlementCurrency),
      settlementDate: arb.isoDate,
      fx: fxFor(settlementCurrency),
      chargeBearer: fc.constantFrom('DEBT' as const, 'CRED' as const, 'SHAR' as const, 'SLEV' as const),
      debtor: arb.party,
      debtorAccount: arb.account,
      debtorAgent: arb.bic,
      creditorAgent: arb.bic,
      creditor: arb.party,
      creditorAccount: arb.account,
      remittanceInformation: fc.array(arb.isoText(140), { maxLength: 3 }),
    },
    { requiredKeys: ['uetr', 'endToEndId', 'settlementAmount', 'settlementDate', 'debtor', 'debtorAgent', 'creditorAgent', 'creditor'] },
  ),
);

describe('builders produce valid messages for any valid input', () => {
  it('pacs.008: any payments (awkward names, JPY/KWD/EUR amounts, FX or not) pass intake, XSD and rules', () => {
    fc.assert(
      fc.property(fc.array(creditTransfer, { minLength: 1, maxLength: 4 }), arb.id35, arb.bic, arb.bic, (transactions, messageId, from, to) => {
        assertValid(renderPart(buildPacs008({ messageId, creationDateTime: createdAt, instructingAgent: from, instructedAgent: to, transactions })));
      }),
      runs,
    );
  });

  it('pacs.002: any status with reasons, amounts and FX passes', () => {
    const status = arb.currency.chain((settlementCurrency) =>
      fc.record({
        original: arb.originalPayment,
        status: fc.constantFrom('ACSC' as const, 'ACSP' as const, 'PDNG' as const, 'RJCT' as const),
        reasons: fc.array(fc.record({ code: fc.constantFrom('AM04' as const, 'FF01' as const, 'DUPL' as const), additionalInfo: fc.array(arb.isoText(105), { maxLength: 2 }) }), { minLength: 1, maxLength: 2 }),
        settlementDate: arb.isoDate,
        settlementAmount: arb.amountIn(settlementCurrency),
        fx: fxFor(settlementCurrency),
        debtorAgent: arb.bic,
        creditorAgent: arb.bic,
      }),
    );
    fc.assert(
      fc.property(fc.array(status, { minLength: 1, maxLength: 3 }), arb.id35, (transactions, messageId) => {
        assertValid(renderPart(buildPacs002({ messageId, creationDateTime: createdAt, transactions })));
      }),
      runs,
    );
  });

  it('pacs.004: any return passes', () => {
    const paymentReturn = arb.currency.chain((c) =>
      fc.record({
        returnId: arb.id35,
        original: arb.originalPayment,
        returnedAmount: arb.amountIn(c),
        settlementDate: arb.isoDate,
        fx: fxFor(c),
        returnChain: fc.record({ debtor: arb.party, creditor: arb.party, debtorAgent: arb.bic }),
        reason: fc.constantFrom('AC04' as const, 'FOCR' as const, 'NARR' as const),
        additionalInfo: fc.array(arb.isoText(105), { maxLength: 2 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(paymentReturn, { minLength: 1, maxLength: 3 }), arb.bic, arb.bic, (transactions, from, to) => {
        assertValid(renderPart(buildPacs004({ messageId: 'RTR', creationDateTime: createdAt, instructingAgent: from, instructedAgent: to, transactions })));
      }),
      runs,
    );
  });

  it('camt.029: any cancellation answer passes', () => {
    const answer = fc.record({
      original: arb.originalPayment,
      status: fc.constant('RJCR' as const),
      rejectionReason: fc.constantFrom('ARDT' as const, 'NOOR' as const, 'CUST' as const),
      additionalInfo: fc.array(arb.isoText(105), { maxLength: 2 }),
      originalSettlementAmount: arb.amount,
    });
    const accepted = fc.record({ original: arb.originalPayment, status: fc.constantFrom('ACCR' as const, 'PDCR' as const) });
    fc.assert(
      fc.property(fc.array(fc.oneof(answer, accepted), { minLength: 1, maxLength: 3 }), arb.id35, arb.bic, arb.bic, (answers, id, from, to) => {
        assertValid(renderPart(buildCamt029({ assignmentId: id, creationDateTime: createdAt, assigner: from, assignee: to, resolvedCase: { id, creator: to }, answers })));
      }),
      runs,
    );
  });

  const entryIn = (c: string): fc.Arbitrary<StatementEntry> =>
    fc.record(
      {
        reference: arb.id35,
        amount: arb.amountIn(c, 1n, 10n ** 12n),
        side: fc.constantFrom('CRDT' as const, 'DBIT' as const),
        bookingDateTime: fc.constant(createdAt),
        valueDate: arb.isoDate,
        payment: fc.record(
          { endToEndId: arb.id35, uetr: arb.uetr, fx: fxFor(c), debtor: arb.party, creditor: arb.party, debtorAccount: arb.account, creditorAgent: arb.bic, remittanceInformation: fc.array(arb.isoText(140), { maxLength: 2 }) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['amount', 'side', 'bookingDateTime', 'valueDate'] },
    );

  it('camt.054: any one entry passes', () => {
    const input = arb.currency.chain((c) => fc.tuple(fc.constant(c), entryIn(c), arb.account, arb.bic));
    fc.assert(
      fc.property(input, ([currency, entry, id, owner]) => {
        assertValid(renderPart(buildCamt054({ messageId: 'NTF', creationDateTime: createdAt, notificationId: 'N1', account: { id, currency, owner }, entry })));
      }),
      runs,
    );
  });

  it('camt.053: any day of 0 to 8 entries passes, closing balance = opening + credits - debits', () => {
    const day = arb.currency.chain((c) => fc.tuple(fc.constant(c), fc.bigInt(-(10n ** 15n), 10n ** 15n), fc.array(entryIn(c), { maxLength: 8 })));
    fc.assert(
      fc.property(day, ([currency, openingMinor, entries]) => {
        const signed = (a: IsoAmount, side: CreditDebit): bigint => (side === 'CRDT' ? 1n : -1n) * minorOf(a, 'test');
        const closingMinor = entries.reduce((sum, e) => sum + signed(e.amount, e.side), openingMinor);
        const balance = (minor: bigint) => ({ amount: isoAmount(minor < 0n ? -minor : minor, currency), side: minor < 0n ? ('DBIT' as const) : ('CRDT' as const), date: '2024-05-02' });
        const input = {
          messageId: 'STM',
          creationDateTime: createdAt,
          statementId: 'S1',
          from: '2024-05-02T00:00:00+00:00',
          to: '2024-05-02T23:59:59+00:00',
          account: { id: { other: `ACC-${currency}` }, currency },
          openingBalance: balance(openingMinor),
          closingBalance: balance(closingMinor),
          entries,
        };
        assertValid(renderPart(buildCamt053(input)));
      }),
      runs,
    );
  });
});

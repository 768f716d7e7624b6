import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildAppHdr } from './head001.js';
import { renderBusinessMessage, renderPart } from './document.js';
import { type CreditTransfer, type Pacs008Input, buildPacs008 } from './pacs008.js';
import type { TransactionJson } from '../to-json.js';
import { toJson } from './test-support/check.js';
import * as arb from './test-support/arbitraries.js';
import { pacs008Sample } from './test-support/samples.js';

/** What `corridor iso to-json` must give back for a transaction we built. */
function expectedJson(tx: CreditTransfer): Partial<TransactionJson> {
  return {
    uetr: tx.uetr,
    endToEndId: tx.endToEndId,
    interbankSettlementAmount: tx.settlementAmount,
    instructedAmount: tx.fx?.instructedAmount ?? null,
    exchangeRate: tx.fx?.exchangeRate ?? null,
    debtorAgent: tx.debtorAgent,
    creditorAgent: tx.creditorAgent,
    debtorName: tx.debtor.name,
    creditorName: tx.creditor.name,
  };
}

function assertRoundTrip(input: Pacs008Input, xml: string): void {
  const json = toJson(xml);
  assert.equal(json.messageType, 'pacs.008.001.08');
  assert.equal(json.messageId, input.messageId);
  assert.equal(json.transactions.length, input.transactions.length);
  input.transactions.forEach((tx, i) => {
    const got = json.transactions[i];
    assert.ok(got);
    const expected = expectedJson(tx);
    const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, got[key as keyof TransactionJson]]));
    assert.deepEqual(actual, expected);
  });
}

describe('pacs.008 round trip through iso to-json', () => {
  it('gives back the UETR, amounts, rate, agents and parties of the sample (names with markup and CJK)', () => {
    assertRoundTrip(pacs008Sample, renderPart(buildPacs008(pacs008Sample)));
  });

  it('reads the same content when the Document travels with its AppHdr in an envelope', () => {
    const part = buildPacs008(pacs008Sample);
    const header = buildAppHdr({ from: 'CORRXXYY', to: 'BANKJPJT', businessMessageId: pacs008Sample.messageId, creationDateTime: pacs008Sample.creationDateTime }, part);
    assertRoundTrip(pacs008Sample, renderBusinessMessage(header, part));
  });

  it('property: any built pacs.008 reads back with the same UETR, amounts and parties', () => {
    const tx = arb.currency.chain((c) =>
      fc.record({
        uetr: arb.uetr,
        endToEndId: arb.id35,
        settlementAmount: arb.amountIn(c),
        settlementDate: arb.isoDate,
        fx: fc.option(fc.record({ instructedAmount: arb.currency.filter((o) => o !== c).chain((o) => arb.amountIn(o)), exchangeRate: arb.exchangeRate }), { nil: undefined }),
        debtor: arb.party,
        debtorAgent: arb.bic,
        creditorAgent: arb.bic,
        creditor: arb.party,
      }),
    );
    fc.assert(
      fc.property(fc.array(tx, { minLength: 1, maxLength: 3 }), arb.id35, (transactions, messageId) => {
        const input: Pacs008Input = { messageId, creationDateTime: '2024-05-02T09:30:00+00:00', instructingAgent: 'CORRXXYY', instructedAgent: 'BANKJPJT', transactions };
        assertRoundTrip(input, renderPart(buildPacs008(input)));
      }),
      { numRuns: 60 },
    );
  });
});

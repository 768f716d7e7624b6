import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildPacs008, renderPart } from '../../iso20022/index.js';
import { child, childElements, childrenNamed } from '../../iso20022/dom.js';
import { scanXml } from '../../iso20022/xml-scan.js';
import { transactionPriority } from './priority.js';

/** The priorities read from a pacs.008 whose transactions carry these fields. */
function prioritiesOf(xml: string): string[] {
  const scan = scanXml(xml);
  if (!scan.ok) throw new Error(scan.failure.detail);
  const body = childElements(scan.parts[0]!.root)[0]!;
  return childrenNamed(body, 'CdtTrfTxInf').map((tx) => transactionPriority(tx, child(body, 'GrpHdr')));
}

function pacs008(settlementPriorities: ('URGT' | 'HIGH' | 'NORM' | undefined)[]): string {
  return renderPart(
    buildPacs008({
      messageId: 'PRIO-1',
      creationDateTime: '2026-03-02T10:00:00+00:00',
      instructingAgent: 'SBININBB',
      instructedAgent: 'HDFCINBB',
      transactions: settlementPriorities.map((priority, i) => ({
        uetr: `0b7e1f4c-9d2a-4c1e-8f3b-5a6d7e8f9a0${i}`,
        endToEndId: `E2E-${i}`,
        settlementAmount: { value: '1.00', currency: 'INR' },
        settlementDate: '2026-03-02',
        ...(priority === undefined ? {} : { settlementPriority: priority }),
        debtor: { name: 'A' },
        debtorAgent: 'SBININBB',
        creditorAgent: 'HDFCINBB',
        creditor: { name: 'B' },
      })),
    }),
  );
}

describe('ISO 20022 settlement priority', () => {
  it('reads SttlmPrty URGT and HIGH as urgent, NORM and nothing as normal', () => {
    assert.deepEqual(prioritiesOf(pacs008(['URGT', 'HIGH', 'NORM', undefined])), ['urgent', 'urgent', 'normal', 'normal']);
  });

  it('reads what the network writes to the creditor side back as the same priority', () => {
    const written = pacs008(['HIGH']);
    assert.match(written, /<SttlmPrty>HIGH<\/SttlmPrty>/);
    assert.deepEqual(prioritiesOf(written), ['urgent']);
  });
});

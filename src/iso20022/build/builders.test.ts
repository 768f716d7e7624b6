import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import libxml from 'libxmljs2';
import { buildAppHdr } from './head001.js';
import { buildCamt029 } from './camt029.js';
import { buildCamt053 } from './camt053.js';
import { buildCamt054 } from './camt054.js';
import { type IsoPartBuilt, renderBusinessMessage, renderPart } from './document.js';
import { IsoBuildError } from './errors.js';
import { buildPacs002 } from './pacs002.js';
import { buildPacs004 } from './pacs004.js';
import { buildPacs008 } from './pacs008.js';
import { statusReasonOfFailure } from './status-reason.js';
import { supportedVersions, versionSet } from './versions.js';
import { isoFailure } from '../reasons.js';
import { assertValid, verdictOf } from './test-support/check.js';
import * as sample from './test-support/samples.js';

const ns = { p: 'urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10' };

/** Every builder with its sample, for each version it claims to write. */
const builders: ReadonlyArray<[string, readonly string[], (version: string) => IsoPartBuilt]> = [
  ['pacs.002 rejected', supportedVersions['pacs.002'], (v) => buildPacs002(sample.pacs002Rejected, v)],
  ['pacs.002 settled FX', supportedVersions['pacs.002'], (v) => buildPacs002(sample.pacs002SettledFx, v)],
  ['pacs.008', supportedVersions['pacs.008'], (v) => buildPacs008(sample.pacs008Sample, v)],
  ['pacs.008 urgent (SttlmPrty)', supportedVersions['pacs.008'], (v) => buildPacs008({ ...sample.pacs008Sample, transactions: sample.pacs008Sample.transactions.map((t) => ({ ...t, settlementPriority: 'HIGH' as const })) }, v)],
  ['pacs.004', supportedVersions['pacs.004'], (v) => buildPacs004(sample.pacs004Sample, v)],
  ['camt.029', supportedVersions['camt.029'], (v) => buildCamt029(sample.camt029Rejected, v)],
  ['camt.054', supportedVersions['camt.054'], (v) => buildCamt054(sample.camt054Sample, v)],
  ['camt.053', supportedVersions['camt.053'], (v) => buildCamt053(sample.camt053Sample, v)],
];

describe('outgoing ISO 20022 builders', () => {
  for (const [name, versions, build] of builders) {
    for (const version of versions) {
      it(`${name} ${version} passes the intake, its XSD and the business rules`, () => {
        const part = build(version);
        assert.equal(part.messageDefinitionId, version);
        assertValid(renderPart(part), version);
      });
      it(`${name} ${version} with its AppHdr in a SWIFT envelope passes, header matching`, () => {
        const part = build(version);
        const header = buildAppHdr({ from: 'CORRXXYY', to: 'BANKDEFFXXX', businessMessageId: 'BIZ-1', creationDateTime: sample.createdAt, businessService: 'corridor.01' }, part);
        assertValid(renderBusinessMessage(header, part), version);
      });
    }
  }

  for (const version of supportedVersions['head.001']) {
    it(`${version} AppHdr with a pacs.008 in a RequestPayload wrapper passes`, () => {
      const part = buildPacs008(sample.pacs008Sample);
      const header = buildAppHdr({ from: 'CORRXXYY', to: 'BANKJPJT', businessMessageId: 'BIZ-2', creationDateTime: sample.createdAt, possibleDuplicate: true }, part, version);
      const xml = renderBusinessMessage(header, part, { name: 'RequestPayload', namespace: null });
      assertValid(xml, 'pacs.008.001.08');
      assert.match(xml, /^<\?xml[^>]*>\n<RequestPayload>\n {2}<AppHdr xmlns=/);
    });
  }

  it('a pacs.002 for a rejected payment carries RJCT, its reason code and the original identifiers', () => {
    const doc = libxml.parseXml(renderPart(buildPacs002(sample.pacs002Rejected)));
    const text = (path: string): string | undefined => doc.get(`//p:TxInfAndSts/p:${path}`, ns)?.toString().replace(/<[^>]+>/g, '');
    assert.equal(text('TxSts'), 'RJCT');
    assert.equal(text('StsRsnInf/p:Rsn/p:Cd'), 'AM04');
    assert.equal(text('OrgnlUETR'), sample.originalPayment.uetr);
    assert.equal(text('OrgnlEndToEndId'), sample.originalPayment.endToEndId);
    assert.equal(text('OrgnlTxId'), 'TX-0001');
    assert.equal(text('OrgnlGrpInf/p:OrgnlMsgId'), sample.originalPayment.message.messageId);
    assert.equal(text('OrgnlGrpInf/p:OrgnlMsgNmId'), 'pacs.008.001.08');
  });

  it('a pacs.002 rejection from an intake failure carries the failure kind\'s ISO code and its detail', () => {
    const failure = isoFailure('control_sum_mismatch', `CtrlSum 10 is not the sum <of> & "more" ${'x'.repeat(300)}`, 41);
    const reason = statusReasonOfFailure(failure);
    const xml = renderPart(
      buildPacs002({
        messageId: 'STS-2',
        creationDateTime: sample.createdAt,
        group: { original: sample.originalPayment.message, status: 'RJCT', reasons: [reason] },
        transactions: [],
      }),
    );
    assertValid(xml);
    assert.match(xml, /<GrpSts>RJCT<\/GrpSts>\s*<StsRsnInf>\s*<Rsn>\s*<Cd>AM10<\/Cd>/);
    assert.match(xml, /<AddtlInf>line 41: CtrlSum 10 is not the sum &lt;of&gt; &amp; "more" x+<\/AddtlInf>/);
  });

  it('a settled FX pacs.002 carries both amounts and the rate', () => {
    const xml = renderPart(buildPacs002(sample.pacs002SettledFx));
    assert.match(xml, /<IntrBkSttlmAmt Ccy="JPY">1523000<\/IntrBkSttlmAmt>/);
    assert.match(xml, /<InstdAmt Ccy="EUR">9000.00<\/InstdAmt>/);
    assert.match(xml, /<XchgRate>169.22222222<\/XchgRate>/);
  });

  it('a participant version set picks the pacs.002 version', () => {
    const versions = versionSet({ 'pacs.002': 'pacs.002.001.12' });
    const xml = renderPart(buildPacs002(sample.pacs002Rejected, versions['pacs.002']));
    assertValid(xml, 'pacs.002.001.12');
    assert.equal(versions['pacs.008'], 'pacs.008.001.08');
  });

  it('escapes markup in names so the message stays one well-formed document', () => {
    const xml = renderPart(buildPacs008(sample.pacs008Sample));
    assert.match(xml, /<Nm>Müller &amp; Söhne &lt;GmbH&gt;<\/Nm>/);
    assert.match(xml, /<Nm>株式会社 "山田" '商店'<\/Nm>/);
  });
});

describe('outgoing builders refuse input outside the ISO types', () => {
  const refuses = (what: string, build: () => unknown, field: RegExp): void => {
    it(`refuses ${what}`, () => {
      assert.throws(build, (error: unknown) => error instanceof IsoBuildError && field.test(error.field));
    });
  };
  const tx = sample.pacs008Sample.transactions[0];
  assert.ok(tx);
  refuses('a rejection without a reason', () => buildPacs002({ ...sample.pacs002Rejected, transactions: [{ original: sample.originalPayment, status: 'RJCT' }] }), /reasons/);
  refuses('a malformed BIC', () => buildPacs008({ ...sample.pacs008Sample, instructedAgent: 'bank' }), /instructedAgent/);
  refuses('a name over 140 characters', () => buildPacs008({ ...sample.pacs008Sample, transactions: [{ ...tx, debtor: { name: '李'.repeat(141) } }] }), /debtor\.name/);
  refuses('a control character in a name', () => buildPacs008({ ...sample.pacs008Sample, transactions: [{ ...tx, creditor: { name: 'A\u0001B' } }] }), /creditor\.name/);
  refuses('more decimals than the currency has', () => buildPacs008({ ...sample.pacs008Sample, transactions: [{ ...tx, settlementAmount: { value: '100.5', currency: 'JPY' } }] }), /settlementAmount/);
  refuses('a zero payment amount', () => buildPacs008({ ...sample.pacs008Sample, transactions: [{ ...tx, settlementAmount: { value: '0', currency: 'JPY' } }] }), /settlementAmount/);
  refuses('an exchange rate between one currency', () => buildPacs008({ ...sample.pacs008Sample, transactions: [{ ...tx, fx: { instructedAmount: { value: '5', currency: 'JPY' }, exchangeRate: '1' } }] }), /fx/);
  refuses('a UETR that is not a UUID v4', () => buildPacs008({ ...sample.pacs008Sample, transactions: [{ ...tx, uetr: 'EB6305C9-1F7F-49DE-AED0-16487C27B42D' }] }), /uetr/);
  refuses('an IBAN with wrong check digits', () => buildPacs008({ ...sample.pacs008Sample, transactions: [{ ...tx, debtorAccount: { iban: 'DE88370400440532013000' } }] }), /debtorAccount/);
  refuses('a statement that does not add up', () => buildCamt053({ ...sample.camt053Sample, entries: [] }), /closingBalance/);
  refuses('a version Corridor does not write', () => buildPacs008(sample.pacs008Sample, 'pacs.008.001.02'), /version/);
  refuses('a header for another document', () => {
    const header = buildAppHdr({ from: 'CORRXXYY', to: 'BANKDEFF', businessMessageId: 'B', creationDateTime: sample.createdAt }, buildPacs004(sample.pacs004Sample));
    return renderBusinessMessage(header, buildPacs008(sample.pacs008Sample));
  }, /header/);

  it('the intake refuses a message whose AppHdr was altered to name another version', () => {
    const part = buildPacs008(sample.pacs008Sample);
    const header = buildAppHdr({ from: 'CORRXXYY', to: 'BANKDEFF', businessMessageId: 'B', creationDateTime: sample.createdAt }, part);
    const xml = renderBusinessMessage(header, part).replace('<MsgDefIdr>pacs.008.001.08<', '<MsgDefIdr>pacs.008.001.09<');
    const verdict = verdictOf(xml);
    assert.equal(verdict.ok, false);
  });
});

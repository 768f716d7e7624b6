import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { readIsoFile } from './intake.js';
import { xmlBytesMax, xmlDepthMax, xmlElementsMax } from './limits.js';
import { createSchemaStore } from './schemas.js';
import { fixturesDir } from './test-support/sources-table.js';

const schemas = createSchemaStore();
const pacs008 = 'urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08';

function refusal(xml: string | Uint8Array): { kind: string; detail: string } {
  const bytes = typeof xml === 'string' ? new TextEncoder().encode(xml) : xml;
  const result = readIsoFile(bytes, schemas);
  assert.equal(result.ok, false, 'refused');
  if (result.ok) throw new Error('unreachable');
  const failure = result.failures[0];
  assert.ok(failure);
  return { kind: failure.kind, detail: failure.detail };
}

void describe('secure XML intake refuses hostile input before libxml2 sees it', () => {
  const security = `${fixturesDir}samples/rust-iso__rust_iso20022/fixtures/security/xml/`;
  const expected: Record<string, [string, RegExp]> = {
    'dtd.xml': ['xml_refused', /DOCTYPE/],
    'entity-expansion.xml': ['xml_refused', /DOCTYPE/],
    'xinclude.xml': ['xml_refused', /XInclude/],
    'non-utf8-declaration.xml': ['xml_refused', /UTF-8/],
    'unbound-namespace.xml': ['xml_malformed', /prefix/],
    'malformed.xml': ['xml_malformed', /does not match/],
    'invalid-unicode.xml': ['xml_malformed', /not an XML character/],
  };
  for (const [file, [kind, detail]] of Object.entries(expected)) {
    void it(`refuses the rust_iso20022 security fixture ${file} with a clear reason`, () => {
      const refused = refusal(readFileSync(security + file));
      assert.equal(refused.kind, kind);
      assert.match(refused.detail, detail);
    });
  }

  void it('refuses an entity reference even without a DOCTYPE', () => {
    assert.equal(refusal(`<Document xmlns="${pacs008}">&xxe;</Document>`).kind, 'xml_refused');
  });

  void it('refuses an external entity declared in an internal subset', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document xmlns="${pacs008}">&xxe;</Document>`;
    assert.match(refusal(xml).detail, /DOCTYPE/);
  });

  void it('refuses an entity reference inside an attribute value', () => {
    assert.equal(refusal(`<Document xmlns="${pacs008}" a="&x;"/>`).kind, 'xml_refused');
  });

  void it('refuses XInclude bound to any prefix', () => {
    assert.match(refusal(`<Document xmlns="${pacs008}"><w xmlns:q="http://www.w3.org/2001/XInclude"/></Document>`).detail, /XInclude/);
  });

  void it(`refuses nesting deeper than xmlDepthMax (${xmlDepthMax})`, () => {
    const depth = xmlDepthMax + 1;
    assert.match(refusal('<a>'.repeat(depth) + '</a>'.repeat(depth)).detail, /nested deeper/);
  });

  void it(`refuses more than xmlElementsMax (${xmlElementsMax}) elements`, () => {
    assert.match(refusal(`<a>${'<b/>'.repeat(xmlElementsMax)}</a>`).detail, /more than .* elements/);
  });

  void it(`refuses a file over xmlBytesMax (${xmlBytesMax} bytes)`, () => {
    assert.match(refusal(new Uint8Array(xmlBytesMax + 1)).detail, /limit/);
  });

  void it('refuses UTF-16 and invalid UTF-8', () => {
    assert.match(refusal(new Uint8Array([0xff, 0xfe, 0x3c, 0x00])).detail, /UTF-16/);
    assert.match(refusal(new Uint8Array([0x3c, 0x61, 0xc3, 0x28, 0x2f, 0x3e])).detail, /UTF-8/);
  });

  void it('refuses a second root, text outside the root and an empty file', () => {
    assert.match(refusal('<a/><b/>').detail, /more than one root/);
    assert.match(refusal('<a/>junk').detail, /outside the root/);
    assert.match(refusal('').detail, /no root element/);
  });

  void it('reports a file without an ISO 20022 part as such', () => {
    assert.equal(refusal('<Document xmlns="urn:example"><x/></Document>').kind, 'no_iso_message');
  });

  void it('never throws, whatever the bytes (property: intake is total)', () => {
    const fragments = fc.constantFrom('<', '>', '/', '&', ';', '"', '=', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '<!DOCTYPE', 'a', 'xmlns:p="u"', ' ', '\n', `xmlns="${pacs008}"`, 'Document', 'p:', '&#0;', '&amp;');
    fc.assert(
      fc.property(fc.array(fragments, { maxLength: 40 }), (parts) => {
        const result = readIsoFile(new TextEncoder().encode(parts.join('')), schemas);
        assert.equal(typeof result.ok, 'boolean');
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildPacs008, renderPart } from './build/index.js';
import { decodeXmlBytes } from './decode.js';
import { readIsoFile } from './intake.js';
import { schemaCompileAfterUses } from './limits.js';
import { messageIdOfNamespace } from './message-id.js';
import { createSchemaStore } from './schemas.js';
import { fixturesDir, readSampleRows } from './test-support/sources-table.js';
import { parsePart, partText } from './xml-part.js';
import { scanXml } from './xml-scan.js';
import { schemaFailures } from './xsd.js';

const store = createSchemaStore();

/** Asks for the compiled schema until the store compiles it. */
function compiled(id: NonNullable<ReturnType<typeof messageIdOfNamespace>>) {
  for (let i = 0; i <= schemaCompileAfterUses; i += 1) {
    const schema = store.compiledFor(id);
    if (schema !== null) return schema;
  }
  throw new Error(`${id.id} not compiled after ${schemaCompileAfterUses + 1} uses`);
}

function pacs008(name: string): string {
  return renderPart(
    buildPacs008({
      messageId: 'MSG-1',
      creationDateTime: '2026-11-29T10:00:00+00:00',
      instructingAgent: 'BKAAINBB',
      instructedAgent: 'RBISINBB',
      transactions: [
        {
          uetr: '8a562c67-ca16-48ba-b074-65581be6f011',
          endToEndId: 'E2E-1',
          settlementAmount: { value: '12.50', currency: 'INR' },
          settlementDate: '2026-11-29',
          debtor: { name },
          debtorAgent: 'BKAAINBB',
          creditorAgent: 'BKABINBB',
          creditor: { name: 'Pune Textiles' },
          remittanceInformation: ['Invoice 2026-001'],
        },
      ],
    }),
  );
}

describe('the compiled XSD validator (libxml2-wasm) agrees with libxmljs2', () => {
  it('on every well-formed part of every sample in SOURCES.md, valid and invalid alike', () => {
    let valid = 0;
    let invalid = 0;
    for (const row of readSampleRows()) {
      const decoded = decodeXmlBytes(readFileSync(fixturesDir + row.path));
      if (!decoded.ok) continue;
      const scan = scanXml(decoded.text);
      if (!scan.ok) continue;
      for (const span of scan.parts) {
        const id = messageIdOfNamespace(span.namespace);
        const schema = id === null ? null : store.schemaFor(id);
        if (id === null || schema === null || !schema.ok) continue;
        const text = partText(decoded.text, span);
        const parsed = parsePart(text);
        if (!parsed.ok) continue;
        const slow = schemaFailures(parsed.doc, schema.schema).length === 0;
        assert.equal(compiled(id).isValid(text), slow, `${row.path} ${span.localName} ${id.id}`);
        if (slow) valid += 1;
        else invalid += 1;
      }
    }
    // Both verdicts were exercised, so the comparison could have failed either way.
    assert.ok(valid > 50 && invalid > 5, `valid ${valid}, invalid ${invalid}`);
  });

  it('says invalid for text that is not well-formed, and keeps answering afterwards', () => {
    const good = pacs008('Asha Traders');
    const id = messageIdOfNamespace(/xmlns="([^"]+)"/.exec(good)![1]!)!;
    const schema = compiled(id);
    assert.equal(schema.isValid(good), true);
    assert.equal(schema.isValid(good.slice(0, -20)), false);
    assert.equal(schema.isValid('<!DOCTYPE x [<!ENTITY e "x">]><x>&e;</x>'), false);
    assert.equal(schema.isValid(good), true);
  });

  it('leaves the reported errors and their lines as they were once the schema is compiled', () => {
    const fresh = createSchemaStore();
    const bad = Buffer.from(pacs008('Asha Traders').replace('<Nm>Asha Traders</Nm>', '<Nm></Nm><Unexpected/>'), 'utf8');
    const first = readIsoFile(bad, fresh);
    // Enough valid files to have the schema compiled, then the same invalid one again.
    const good = Buffer.from(pacs008('Asha Traders'), 'utf8');
    for (let i = 0; i <= schemaCompileAfterUses + 1; i += 1) assert.equal(readIsoFile(good, fresh).ok, true);
    const again = readIsoFile(bad, fresh);
    assert.equal(first.ok, false);
    assert.deepEqual(again, first);
    assert.ok(!first.ok && first.failures.length > 0 && first.failures.every((f) => f.kind === 'schema_invalid' && f.line !== null));
  });
});

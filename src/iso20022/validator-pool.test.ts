import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type IntakeResult, readIsoFile, readIsoFileWithPool } from './intake.js';
import { parseMessageId } from './message-id.js';
import { createSchemaStore } from './schemas.js';
import { fixturesDir, readSampleRows } from './test-support/sources-table.js';
import { createValidatorPool } from './validator-pool.js';

const pool = createValidatorPool({ threads: 2 });
after(() => pool.close());
// Until a thread has loaded, the pool answers null and the intake judges alone: wait, so that the threads judge.
const poolReady = await pool.whenReady();

/** What a sender is told: the verdict, the identifier and every failure; the parsed trees aside. */
function told(result: IntakeResult): unknown {
  return result.ok ? { ok: true, reported: result.message.reported.id, parts: [result.message.header?.id.id, result.message.document?.id.id] } : { ok: false, reported: result.reported?.id ?? null, failures: result.failures };
}

describe('the intake with a pool of validator threads', () => {
  it('starts its threads', () => {
    assert.equal(poolReady, true);
  });

  it('tells every sample in SOURCES.md what the intake on one thread tells it', async () => {
    const alone = createSchemaStore();
    const pooled = createSchemaStore();
    let passed = 0;
    let refused = 0;
    for (const row of readSampleRows()) {
      const bytes = readFileSync(fixturesDir + row.path);
      const expected = told(readIsoFile(bytes, alone));
      assert.deepEqual(told(await readIsoFileWithPool(bytes, pooled, pool)), expected, row.path);
      if ((expected as { ok: boolean }).ok) passed += 1;
      else refused += 1;
    }
    assert.ok(passed > 50 && refused > 20, `passed ${passed}, refused ${refused}`);
  });

  it('answers from several files at once, each with its own verdict', async () => {
    const rows = readSampleRows().slice(0, 40);
    const store = createSchemaStore();
    const expected = rows.map((row) => told(readIsoFile(readFileSync(fixturesDir + row.path), createSchemaStore())));
    const results = await Promise.all(rows.map((row) => readIsoFileWithPool(readFileSync(fixturesDir + row.path), store, pool)));
    assert.deepEqual(results.map(told), expected);
  });

  it('gives no verdict once closed, and the intake then judges on its own thread', async () => {
    const closed = createValidatorPool({ threads: 1 });
    await closed.close();
    assert.equal(await closed.whenReady(), false);
    const id = parseMessageId('pacs.008.001.08')!;
    assert.equal(await closed.isValid(id, '<Document/>'), null);
    const row = readSampleRows().find((r) => r.path.endsWith('.xml'))!;
    const bytes = readFileSync(fixturesDir + row.path);
    assert.deepEqual(told(await readIsoFileWithPool(bytes, createSchemaStore(), closed)), told(readIsoFile(bytes, createSchemaStore())));
  });

  it('says not valid for a message it has no schema for, or for text that is not XML', async () => {
    assert.equal(await pool.isValid(parseMessageId('pacs.008.001.99')!, '<Document/>'), false);
    assert.equal(await pool.isValid(parseMessageId('pacs.008.001.08')!, '<Document'), false);
  });
});

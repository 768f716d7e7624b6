/**
 * Property: the sequencer on PostgreSQL behaves exactly as on SQLite. Random batches of
 * transfers (plain, pending, post, void, some refused) with the same clock give the same
 * outcomes and the same state on both stores; a cold reopen of the PostgreSQL journal (snapshot
 * and tail, or the whole journal) is the live state, and the chain verifies.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { transferFlags } from '../../core/ledger/index.js';
import { account, settlementAccount, transfer } from '../../core/ledger/test-support/commands.js';
import type { NodeCommand } from '../../core/network/apply.js';
import { LedgerNode } from '../../sequencer/ledger-node.js';
import { tempDir } from '../../sequencer/test-support/temp-db.js';
import { verifyJournal } from '../../sequencer/verify.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { openPostgresStore } from './postgres-store.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from './test-support.js';

const available = await postgresAvailable();
const schemas: string[] = [];
const dir = tempDir();
after(async () => {
  dir.cleanup();
  for (const schema of schemas) await dropSchema(schema);
});

/** One transfer step: accounts 2..5 (4 is an agent that may go negative), pending ones posted or voided later. */
const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('plain' as const, 'pending' as const, 'post' as const, 'void' as const),
  from: fc.integer({ min: 2, max: 5 }),
  to: fc.integer({ min: 2, max: 5 }),
  amount: fc.bigInt({ min: 1n, max: 400n }),
  pick: fc.nat(),
});
const batches = fc.array(fc.array(step, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 10 });

interface Step {
  readonly kind: 'plain' | 'pending' | 'post' | 'void';
  readonly from: number;
  readonly to: number;
  readonly amount: bigint;
  readonly pick: number;
}

function commandsOf(plan: readonly (readonly Step[])[]): NodeCommand[][] {
  let next = 1_000n;
  const pendings: bigint[] = [];
  return plan.map((batch) =>
    batch.map((s) => {
      next += 1n;
      if ((s.kind === 'post' || s.kind === 'void') && pendings.length > 0) {
        const pendingId = pendings[s.pick % pendings.length]!;
        return transfer(next, 0n, 0n, 0n, { pendingId, flags: s.kind === 'post' ? transferFlags.postPending : transferFlags.voidPending, amount: 0n });
      }
      if (s.kind === 'pending') pendings.push(next);
      return transfer(next, BigInt(s.from), BigInt(s.to), s.amount, { flags: s.kind === 'pending' ? transferFlags.pending : 0 });
    }),
  );
}

const setup: NodeCommand[][] = [
  [account(1n, { kind: 'agent' }), settlementAccount(2n), settlementAccount(3n), account(4n, { kind: 'agent' }), settlementAccount(5n, 100n)],
  [transfer(100n, 1n, 2n, 1_000n), transfer(101n, 1n, 3n, 1_000n), transfer(102n, 1n, 5n, 500n)],
];

/** Runs the batches one after another (one journal entry each) on a clock that only the test moves. */
async function run(node: LedgerNode, all: NodeCommand[][], snapshotAfter: number): Promise<string[][]> {
  const results: string[][] = [];
  for (const [i, commands] of all.entries()) {
    results.push((await node.submitTogether(commands)).map((o) => String(o.result)));
    if (i === snapshotAfter) await node.snapshot();
  }
  return results;
}

if (!available) {
  describe('ledger on PostgreSQL: properties', () => {
    it('SKIPPED: PostgreSQL is not reachable at ' + testPostgresUrl, { skip: true }, () => undefined);
  });
} else {
  describe('ledger on PostgreSQL: properties', () => {
    it('gives the outcomes and the state of SQLite, and a cold reopen equals the live node', { timeout: 240_000 }, async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(batches, fc.nat(), async (plan, snapshotPick) => {
          runs += 1;
          const all = [...setup, ...commandsOf(plan)];
          const snapshotAfter = snapshotPick % (all.length + 1);
          let clockUs = 1_700_000_000_000_000;
          const nowUs = (): number => (clockUs += 1_000);
          const schema = uniqueSchema('ledgerprop');
          schemas.push(schema);
          const onPostgres = await LedgerNode.open({ store: await openPostgresStore({ connectionString: testPostgresUrl, schema, lease: { nodeId: 'prop' } }), nowUs, invariantsEveryBatches: 1 });
          const pgResults = await run(onPostgres, all, snapshotAfter);
          const pgHash = onPostgres.stateHash();
          await onPostgres.close({ snapshot: false });

          clockUs = 1_700_000_000_000_000;
          const onSqlite = await LedgerNode.open({ store: openSqliteStore({ path: dir.path(`prop-${runs}.db`) }), nowUs, invariantsEveryBatches: 1 });
          const sqliteResults = await run(onSqlite, all, snapshotAfter);
          assert.deepEqual(pgResults, sqliteResults, 'the same outcomes on both stores');
          assert.deepEqual(onSqlite.stateHash(), pgHash, 'the same state on both stores');
          await onSqlite.close({ snapshot: false });

          const reopened = await LedgerNode.open({ store: await openPostgresStore({ connectionString: testPostgresUrl, schema, lease: { nodeId: 'prop' } }) });
          assert.deepEqual(reopened.stateHash(), pgHash, 'a cold reopen is the live state');
          await reopened.close({ snapshot: false });
          const report = await verifyJournal(await openPostgresStore({ connectionString: testPostgresUrl, schema, readonly: true }));
          assert.equal(report.ok, true, report.ok ? '' : report.where);
          await dropSchema(schema);
        }),
        { numRuns: 12 },
      );
    });
  });
}

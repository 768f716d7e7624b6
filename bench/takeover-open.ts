/**
 * How long a new leader takes to open the sequencer on PostgreSQL, cold (latest snapshot, chain
 * check, tail replay) beside hot (the standby's follower hands its state over; only the tail
 * after it is replayed), on the same journal: N transfers over 10,000 accounts, a snapshot, then
 * a tail of small batches the follower has not read.
 *
 *   node --import tsx bench/takeover-open.ts [--transfers N] [--db postgres://…]
 */
import pg from 'pg';
import { JournalFollower } from '../src/cluster/follower.js';
import { accountFlags, batchCommandsMax, idFromBigInt, idZero, type CreateTransferCommand } from '../src/core/ledger/index.js';
import { LedgerNode } from '../src/sequencer/ledger-node.js';
import { parsePostgresLocation } from '../src/store/open-store.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';

const argument = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
};
const transfersTotal = Number(argument('transfers', '300000'));
const accounts = 10_000;
const tailBatches = 20;
const base = argument('db', 'postgres://postgres@127.0.0.1:5432/test');
const schema = `bench_takeover_${process.pid}`;
const location = `${base}?schema=${schema}`;
const { connectionString } = parsePostgresLocation(location);
const lease = { durationMs: 60_000, renewEveryMs: 1_000 };

const transfer = (id: number, from: number, to: number): CreateTransferCommand => ({
  type: 'create_transfer', id: idFromBigInt(BigInt(id)), debitAccountId: idFromBigInt(BigInt(from)), creditAccountId: idFromBigInt(BigInt(to)),
  amount: 1n, pendingId: idZero, ledger: 963, code: 1, flags: 0, timeoutMs: 0, uetr: idZero, endToEndId: '',
});

async function main(): Promise<void> {
  const leader = await LedgerNode.open({ store: await openPostgresStore({ connectionString, schema, lease: { ...lease, nodeId: 'bench-a' } }) });
  await leader.submitTogether([{ type: 'create_account', id: idFromBigInt(1n), ledger: 963, code: 1, kind: 'agent', participant: 'AGENT', flags: 0, creditLine: 0n }]);
  for (let from = 2; from < accounts + 2; from += batchCommandsMax) {
    const batch = [];
    for (let a = from; a < Math.min(from + batchCommandsMax, accounts + 2); a += 1) {
      batch.push({ type: 'create_account' as const, id: idFromBigInt(BigInt(a)), ledger: 963, code: 1, kind: 'settlement' as const, participant: `BANK${a}`, flags: accountFlags.debitsMustNotExceedCredits, creditLine: 0n });
    }
    await leader.submitTogether(batch);
    await leader.submitTogether(batch.map((account, i) => ({ ...transfer(10_000_000 + from + i, 1, Number(BigInt(`0x${account.id}`))), amount: 10n ** 12n })));
  }
  let id = 1;
  let seed = 1;
  const pick = (): number => 2 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % accounts);
  while (id <= transfersTotal) {
    const batch: CreateTransferCommand[] = [];
    for (; batch.length < batchCommandsMax && id <= transfersTotal; id += 1) batch.push(transfer(id, pick(), pick()));
    await leader.submitTogether(batch);
  }
  await leader.snapshot();
  const follower = await JournalFollower.open({ location, pollEveryMs: 600_000 });
  for (let b = 0; b < tailBatches; b += 1) await leader.submitTogether(Array.from({ length: 100 }, () => transfer(id++, pick(), pick())));
  const head = leader.headSeq;
  await leader.close({ snapshot: false });

  let started = performance.now();
  const cold = await LedgerNode.open({ store: await openPostgresStore({ connectionString, schema, lease: { ...lease, nodeId: 'bench-cold' } }) });
  const coldMs = performance.now() - started;
  const coldHash = cold.stateHash();
  await cold.close({ snapshot: false });

  started = performance.now();
  const handed = await follower.handOver();
  if (handed === null) throw new Error('the follower could not hand over');
  const hot = await LedgerNode.openFrom({ store: await openPostgresStore({ connectionString, schema, lease: { ...lease, nodeId: 'bench-hot' } }) }, handed);
  const hotMs = performance.now() - started;
  if (!hot.stateHash().equals(coldHash) || hot.headSeq !== head) throw new Error('hot and cold states differ');
  await hot.close({ snapshot: false });

  process.stdout.write(`${transfersTotal} transfers over ${accounts} accounts, snapshot then ${tailBatches} tail entries (journal head ${head})\n`);
  process.stdout.write(`open cold (snapshot, chain check, tail): ${Math.round(coldMs)} ms\n`);
  process.stdout.write(`open hot (follower's state, tail only):  ${Math.round(hotMs)} ms\n`);
}

try {
  await main();
} finally {
  const client = new pg.Client({ connectionString });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

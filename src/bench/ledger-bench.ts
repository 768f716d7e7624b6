import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountFlags, batchCommandsMax, idFromBigInt, idZero, type CreateAccountCommand, type CreateTransferCommand, type Id } from '../core/ledger/index.js';
import { LedgerNode, type CommandOutcome } from '../sequencer/ledger-node.js';
import { openStore } from '../store/open-store.js';
import { postgresCeilingRowsPerSecond, sqliteCeilingRowsPerSecond } from './ceiling.js';
import { seededRandom } from './prng.js';

export interface LedgerBenchOptions {
  readonly transfers: number;
  readonly accounts: number;
  /** 0: both sides uniform; otherwise every transfer touches one of this many accounts. */
  readonly hotAccounts: number;
  /** Open the accounts with the history flag (balances kept after every change). */
  readonly history?: boolean;
  readonly db?: string;
  readonly onProgress?: (done: number) => void;
}

export interface LedgerBenchReport {
  engine: 'sqlite' | 'postgres';
  transfers: number;
  accounts: number;
  hotAccounts: number;
  seconds: number;
  transfersPerSecond: number;
  ceilingRowsPerSecond: number;
  ratio: number;
  durable: true;
}

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

const xts = 963;
const fundingAccountId = idFromBigInt(1n);
const fundingPerAccount = 10n ** 15n;

/** Durable ledger throughput (the journal commits every batch with fsync) beside the storage ceiling of the same run. */
export async function runLedgerBench(options: LedgerBenchOptions): Promise<LedgerBenchReport> {
  const temporaryDir = options.db === undefined ? mkdtempSync(join(tmpdir(), 'corridor-bench-')) : undefined;
  const location = options.db ?? join(temporaryDir!, 'bench.db');
  try {
    const store = await openStore(location);
    if ((await store.head()) !== null) {
      await store.close();
      throw new BenchUsageError(`the journal at ${location} is not empty: the benchmark writes a fresh one`);
    }
    const node = await LedgerNode.open({ store });
    await setUpAccounts(node, options.accounts, options.history ?? false);
    const transfers = generateTransfers(options);
    const started = performance.now();
    for (let from = 0; from < transfers.length; from += batchCommandsMax) {
      // Clients send batches of up to 8190 transfers, as TigerBeetle's do.
      const chunk = transfers.slice(from, from + batchCommandsMax);
      const outcomes = await node.submitTogether(chunk);
      const refused = outcomes.find((o) => o.result !== 'ok');
      if (refused !== undefined) throw new Error(`benchmark transfer ${JSON.stringify(chunk[outcomes.indexOf(refused)], (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))} refused: ${refused.result}`);
      options.onProgress?.(from + chunk.length);
    }
    const seconds = (performance.now() - started) / 1000;
    await node.close({ snapshot: false });
    const engine = store.engine;
    const ceilingRowsPerSecond =
      engine === 'postgres'
        ? await postgresCeilingRowsPerSecond(location, options.transfers, batchCommandsMax)
        : sqliteCeilingRowsPerSecond(join(temporaryDir ?? mkdtempSync(join(tmpdir(), 'corridor-ceiling-')), 'ceiling.db'), options.transfers, batchCommandsMax);
    const transfersPerSecond = options.transfers / seconds;
    return { engine, transfers: options.transfers, accounts: options.accounts, hotAccounts: options.hotAccounts, seconds, transfersPerSecond, ceilingRowsPerSecond, ratio: transfersPerSecond / ceilingRowsPerSecond, durable: true };
  } finally {
    if (temporaryDir !== undefined) rmSync(temporaryDir, { recursive: true, force: true });
  }
}

/**
 * Settlement accounts (debits limited by credits), each funded from one agent account.
 * Without history by default, as in TigerBeetle's own benchmark; --history adds it.
 */
async function setUpAccounts(node: LedgerNode, count: number, history: boolean): Promise<void> {
  const agent: CreateAccountCommand = { type: 'create_account', id: fundingAccountId, ledger: xts, code: 1, kind: 'agent', participant: 'AGENTXTS', flags: 0, creditLine: 0n };
  expectOk([await node.submit(agent)]);
  for (let from = 0; from < count; from += batchCommandsMax) {
    const ids = Array.from({ length: Math.min(batchCommandsMax, count - from) }, (_, i) => accountId(from + i));
    const flags = accountFlags.debitsMustNotExceedCredits | (history ? accountFlags.history : 0);
    expectOk(await node.submitTogether(ids.map((id, i) => ({ type: 'create_account', id, ledger: xts, code: 1, kind: 'settlement', participant: `BANK${from + i}`, flags, creditLine: 0n }))));
    expectOk(await node.submitTogether(ids.map((id, i) => transferCommand(idFromBigInt(10n ** 12n + BigInt(from + i)), fundingAccountId, id, fundingPerAccount))));
  }
}

function expectOk(outcomes: readonly CommandOutcome[]): void {
  const refused = outcomes.find((o) => o.result !== 'ok');
  if (refused !== undefined) throw new Error(`benchmark set-up refused: ${refused.result}`);
}

function generateTransfers(options: LedgerBenchOptions): CreateTransferCommand[] {
  const random = seededRandom(20_261_129);
  const pick = (n: number): number => Math.floor(random() * n);
  const transfers: CreateTransferCommand[] = new Array<CreateTransferCommand>(options.transfers);
  for (let i = 0; i < options.transfers; i += 1) {
    let debit = pick(options.accounts);
    let credit = pick(options.accounts - 1);
    if (options.hotAccounts > 0) {
      const hot = pick(options.hotAccounts);
      if (random() < 0.5) debit = hot;
      else credit = hot;
    }
    if (credit >= debit && options.hotAccounts === 0) credit += 1;
    if (credit === debit) credit = (credit + 1) % options.accounts;
    // Ids that differ only in their high bits, like time-ordered ids: the case that defeats BigInt-keyed maps.
    transfers[i] = transferCommand(idFromBigInt(BigInt(i + 1) << 64n), accountId(debit), accountId(credit), BigInt(1 + pick(1_000_000)));
  }
  return transfers;
}

function accountId(index: number): Id {
  return idFromBigInt(BigInt(index + 2));
}

function transferCommand(id: Id, debitAccountId: Id, creditAccountId: Id, amount: bigint): CreateTransferCommand {
  return { type: 'create_transfer', id, debitAccountId, creditAccountId, amount, pendingId: idZero, ledger: xts, code: 1, flags: 0, timeoutMs: 0, uetr: idZero, endToEndId: '' };
}

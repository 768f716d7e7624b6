import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currencyByCode, formatAmount, parseAmount, type Currency } from '../core/money/index.js';
import { accountFlags, idFromBigInt, idZero, transferFlags, type CreateTransferCommand, type Id, type LedgerCommand } from '../core/ledger/index.js';
import { LedgerNode } from '../sequencer/ledger-node.js';
import { verifyJournal } from '../sequencer/verify.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { parseVerbArgs } from './args.js';
import { exitOk, exitUsage, wantsHelp, type CliIo, type Verb } from './verb.js';

const help = `Usage: corridor demo [--db FILE]

Runs a small ledger demonstration and prints what it did: two central banks fund three banks
in CNY and INR, payments settle, one is refused for lack of funds, a retry is answered
"exists", a reservation is posted, an FX-style linked chain settles both legs at once, and
the journal is verified. (The full demo network with its HTTP API comes with the network
issue.) Keeps its journal in a temporary SQLite file unless --db is given.`;

interface DemoAccount {
  readonly id: Id;
  readonly name: string;
  readonly currency: Currency;
}

export const demoVerb: Verb = {
  name: 'demo',
  summary: 'run a small ledger demonstration and print what happened',
  help,
  async run(args, io) {
    if (wantsHelp(args)) return io.out(help), exitOk;
    const parsed = parseVerbArgs(args, { db: { type: 'string' }, port: { type: 'string' }, rate: { type: 'string' } });
    if (!parsed.ok) return io.err(`corridor demo: ${parsed.error}`), exitUsage;
    const temporary = typeof parsed.values.db === 'string' ? undefined : mkdtempSync(join(tmpdir(), 'corridor-demo-'));
    const path = typeof parsed.values.db === 'string' ? parsed.values.db : join(temporary!, 'demo.db');
    try {
      await runDemo(path, io);
    } finally {
      if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
    }
    return exitOk;
  },
};

async function runDemo(path: string, io: CliIo): Promise<void> {
  const cny = currencyByCode('CNY')!;
  const inr = currencyByCode('INR')!;
  const node = await LedgerNode.open({ store: openSqliteStore({ path }) });
  let nextId = 1n;
  const newId = (): Id => idFromBigInt(nextId++);
  const open = async (name: string, currency: Currency, kind: 'agent' | 'settlement' | 'fx_inventory'): Promise<DemoAccount> => {
    const account = { id: newId(), name, currency };
    const flags = kind === 'agent' ? 0 : accountFlags.debitsMustNotExceedCredits | accountFlags.history;
    await node.submit({ type: 'create_account', id: account.id, ledger: currency.numeric, code: 1, kind, participant: name, flags, creditLine: 0n });
    return account;
  };
  io.out(`Corridor ledger demo (journal: ${path})`);
  const pboc = await open('PBOCCNBJ', cny, 'agent');
  const rbi = await open('RBISINBB', inr, 'agent');
  const bankA = await open('ICBKCNBJ', cny, 'settlement');
  const bankB = await open('BKCHCNBJ', cny, 'settlement');
  const bankC = await open('SBININBB', inr, 'settlement');
  const fxCny = await open('FXLPCNBJ', cny, 'fx_inventory');
  const fxInr = await open('FXLPCNBJ', inr, 'fx_inventory');
  io.out('Opened central-bank, settlement and FX-inventory accounts in CNY and INR.');

  const move = (from: DemoAccount, to: DemoAccount, amount: string, flags = 0, id = newId()): CreateTransferCommand => {
    const parsed = parseAmount(amount, from.currency);
    if (!parsed.ok) throw new Error(parsed.detail);
    return { type: 'create_transfer', id, debitAccountId: from.id, creditAccountId: to.id, amount: parsed.minor, pendingId: idZero, ledger: from.currency.numeric, code: 1, flags, timeoutMs: 0, uetr: idZero, endToEndId: '' };
  };
  const step = async (label: string, commands: LedgerCommand[]): Promise<void> => {
    const outcomes = await node.submitTogether(commands);
    io.out(`${label}: ${outcomes.map((o) => o.result).join(', ')}`);
  };
  await step('Funds in: PBOC funds ICBC with 1,000,000.00 CNY', [move(pboc, bankA, '1000000.00')]);
  await step('Funds in: RBI funds SBI with 5,000,000.00 INR', [move(rbi, bankC, '5000000.00')]);
  await step('Funds in: both central banks fund the FX provider', [move(pboc, fxCny, '2000000.00'), move(rbi, fxInr, '20000000.00')]);
  const payment = move(bankA, bankB, '35612.21');
  await step('ICBC pays Bank of China 35,612.21 CNY', [payment]);
  await step('The same payment retried', [payment]);
  await step('Bank of China tries to pay 1,000,000.00 CNY it does not have', [move(bankB, bankA, '1000000.00')]);
  const reservation = move(bankA, bankB, '500.00', transferFlags.pending);
  await step('ICBC reserves 500.00 CNY', [reservation]);
  await step('The reservation is posted for 450.00 CNY (the rest released)', [{ ...move(bankA, bankB, '450.00', transferFlags.postPending), debitAccountId: idZero, creditAccountId: idZero, ledger: 0, code: 0, pendingId: reservation.id }]);
  await step('ICBC pays SBI 10,000.00 CNY → 118,500.00 INR: both legs in one linked chain', [
    move(bankA, fxCny, '10000.00', transferFlags.linked),
    move(fxInr, bankC, '118500.00'),
  ]);
  await step('A chain whose INR leg exceeds the provider stock: neither leg settles', [
    move(bankA, fxCny, '10000.00', transferFlags.linked),
    move(fxInr, bankC, '99999999.00'),
  ]);
  io.out('Balances:');
  for (const account of [bankA, bankB, bankC, fxCny, fxInr]) {
    const a = node.state.accounts.get(account.id)!;
    io.out(`  ${account.name} ${account.currency.code} ${formatAmount(a.creditsPosted - a.debitsPosted, account.currency)}`);
  }
  await node.close();
  const report = await verifyJournal(openSqliteStore({ path, readonly: true }));
  io.out(report.ok ? `Journal verified: OK ${report.entries} entries` : `Journal CORRUPT ${report.where}`);
}

import { BenchUsageError, runLedgerBench, type LedgerBenchReport } from '../bench/ledger-bench.js';
import { parseVerbArgs, positiveInteger } from './args.js';
import { exitOk, exitUsage, wantsHelp, type Verb } from './verb.js';

const help = `Usage: corridor bench ledger [--transfers N] [--accounts N] [--hot-accounts N] [--db FILE|postgres://…] [--json] [--history]

Durable ledger throughput: N transfers through the sequencer, every batch committed to the
journal with fsync, beside the storage ceiling measured in the same run (a prepared INSERT
of one row per transfer with a transfer's columns, in transactions of the same size).
Defaults: 1000000 transfers, 10000 accounts, no hot accounts, a temporary SQLite file that
is removed afterwards (with --db the journal stays, so "corridor verify" can read it).
The accounts are settlement accounts whose debits may not exceed their credits; --history
also keeps their balances after every change (for balance-at-a-moment queries).`;

export const benchVerb: Verb = {
  name: 'bench',
  summary: 'measure durable ledger throughput against the storage ceiling',
  help,
  async run(args, io) {
    if (wantsHelp(args)) return io.out(help), exitOk;
    const [what, ...rest] = args;
    if (what !== 'ledger') {
      io.err(`corridor bench: unknown benchmark ${JSON.stringify(what ?? '')}\n\n${help}`);
      return exitUsage;
    }
    const parsed = parseVerbArgs(rest, {
      transfers: { type: 'string' },
      accounts: { type: 'string' },
      'hot-accounts': { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
      history: { type: 'boolean' },
    });
    if (!parsed.ok) return io.err(`corridor bench: ${parsed.error}`), exitUsage;
    const transfers = positiveInteger(parsed.values.transfers, 'transfers', 1_000_000);
    const accounts = positiveInteger(parsed.values.accounts, 'accounts', 10_000);
    const hot = parsed.values['hot-accounts'] === undefined ? 0 : positiveInteger(parsed.values['hot-accounts'], 'hot-accounts', 0);
    for (const value of [transfers, accounts, hot]) if (typeof value === 'string') return io.err(`corridor bench: ${value}`), exitUsage;
    if ((accounts as number) < 2 || (hot as number) > (accounts as number)) return io.err('corridor bench: need at least 2 accounts and no more hot accounts than accounts'), exitUsage;
    const json = parsed.values.json === true;
    let lastShown = 0;
    let report: LedgerBenchReport;
    try {
      report = await runLedgerBench({
      transfers: transfers as number,
      accounts: accounts as number,
      hotAccounts: hot as number,
      history: parsed.values.history === true,
      db: typeof parsed.values.db === 'string' ? parsed.values.db : undefined,
      onProgress: json ? undefined : (done) => {
        if (done - lastShown < 100_000 && done !== transfers) return;
        io.err(`  ${done} transfers committed`);
        lastShown = done;
      },
      });
    } catch (error) {
      if (!(error instanceof BenchUsageError)) throw error;
      io.err(`corridor bench: ${error.message}`);
      return exitUsage;
    }
    if (json) io.out(JSON.stringify(report));
    else {
      io.out(`engine ${report.engine}: ${report.transfers} transfers over ${report.accounts} accounts${report.hotAccounts ? ` (${report.hotAccounts} hot)` : ''} in ${report.seconds.toFixed(2)} s`);
      io.out(`  ${Math.round(report.transfersPerSecond)} transfers/s durable; ceiling ${Math.round(report.ceilingRowsPerSecond)} rows/s; ratio ${report.ratio.toFixed(2)}`);
    }
    return exitOk;
  },
};

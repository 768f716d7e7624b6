import { openStore } from '../store/open-store.js';
import { verifyJournal } from '../sequencer/verify.js';
import { parseVerbArgs } from './args.js';
import { exitNegative, exitOk, exitUsage, wantsHelp, type Verb } from './verb.js';

const help = `Usage: corridor verify --db FILE|postgres://…

Checks the journal's hash chain from the first entry to the last, replays every entry from
empty and compares the outcomes with the recorded ones, and checks every snapshot against
the replayed state. Prints "OK <n> entries" or "CORRUPT <where>"; exits 0 only if intact.`;

export const verifyVerb: Verb = {
  name: 'verify',
  summary: 'check the journal hash chain and that replay equals the stored state',
  help,
  async run(args, io) {
    if (wantsHelp(args)) return io.out(help), exitOk;
    const parsed = parseVerbArgs(args, { db: { type: 'string' } });
    if (!parsed.ok || typeof parsed.values.db !== 'string') {
      io.err(parsed.ok ? 'corridor verify: --db is required' : `corridor verify: ${parsed.error}`);
      return exitUsage;
    }
    let store;
    try {
      store = await openStore(parsed.values.db, { readonly: true });
    } catch (error) {
      io.out(`CORRUPT cannot open ${parsed.values.db}: ${(error as Error).message}`);
      return exitNegative;
    }
    const report = await verifyJournal(store);
    io.out(report.ok ? `OK ${report.entries} entries` : `CORRUPT ${report.where}`);
    return report.ok ? exitOk : exitNegative;
  },
};

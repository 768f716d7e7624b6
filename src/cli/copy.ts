import { openStore, isPostgresLocation } from '../store/open-store.js';
import { copyStore, TargetNotEmptyError } from '../store/copy-store.js';
import type { Store } from '../store/port.js';
import { verifyJournal, type VerifyReport } from '../sequencer/verify.js';
import { parseVerbArgs } from './args.js';
import { exitNegative, exitOk, exitUsage, wantsHelp, type CliIo, type Verb } from './verb.js';

const help = `Usage: corridor copy --from FILE|postgres://… --to FILE|postgres://…

Copies the journal (every entry, byte for byte) and every snapshot from one store to another:
SQLite to PostgreSQL, PostgreSQL to SQLite, or between two of a kind. A postgres:// URL may
name a schema with ?schema=NAME. The target must be empty; a non-empty one is refused.
A PostgreSQL target is written under the sequencer lease, so a running node there refuses it.

Then verifies both ends (hash chain, replay from empty, snapshots) and checks that they end on
the same entry. Prints:
  copied <n> entries and <m> snapshots
  source: OK <n> entries          (or CORRUPT <where>)
  target: OK <n> entries          (or CORRUPT <where>)
  head: entry <n> <hash>          (or DIFFERENT heads …)
Exit status: 0 if both ends verify and match, 1 if the copy was refused or a check failed,
2 on bad usage.`;

/** A postgres:// URL without its password, for printing. */
function shown(location: string): string {
  if (!isPostgresLocation(location)) return location;
  const url = new URL(location);
  if (url.password !== '') url.password = '***';
  return url.toString();
}

async function open(location: string, readonly: boolean, role: string, io: CliIo): Promise<Store | null> {
  try {
    return await openStore(location, { readonly });
  } catch (error) {
    io.out(`FAILED cannot open the ${role} ${shown(location)}: ${(error as Error).message}`);
    return null;
  }
}

/** Copies, closing both stores whatever happens; returns false (having said why) if the copy failed. */
async function copyBetween(from: string, to: string, io: CliIo): Promise<boolean> {
  const source = await open(from, true, 'source', io);
  if (source === null) return false;
  const target = await open(to, false, 'target', io);
  if (target === null) return await source.close(), false;
  try {
    // An empty source is most likely a mistyped path or schema: copying nothing helps no one.
    if ((await source.head()) === null) return io.out(`FAILED the source ${shown(from)} holds no journal`), false;
    const report = await copyStore(source, target);
    io.out(`copied ${report.entries} entries and ${report.snapshots} snapshots`);
    return true;
  } catch (error) {
    const why = error instanceof TargetNotEmptyError ? `refused: ${error.message}` : `${(error as Error).name}: ${(error as Error).message}`;
    io.out(`FAILED copy to ${shown(to)} ${why}`);
    return false;
  } finally {
    await Promise.allSettled([source.close(), target.close()]);
  }
}

async function verifyEnd(location: string, role: string, io: CliIo): Promise<VerifyReport> {
  const store = await open(location, true, role, io);
  const report: VerifyReport = store === null ? { ok: false, where: 'cannot open' } : await verifyJournal(store);
  io.out(`${role}: ${report.ok ? `OK ${report.entries} entries` : `CORRUPT ${report.where}`}`);
  return report;
}

async function sameHead(from: string, to: string, io: CliIo): Promise<boolean> {
  const heads = [];
  for (const location of [from, to]) {
    const store = await openStore(location, { readonly: true });
    heads.push(await store.head().finally(() => store.close()));
  }
  const [a, b] = heads;
  const same = a?.seq === b?.seq && (a === null || a === undefined || a.hash.equals(b!.hash));
  const text = (h: typeof a): string => (h ? `entry ${h.seq} ${h.hash.toString('hex')}` : 'empty');
  io.out(same ? `head: ${text(a)}` : `DIFFERENT heads: source ${text(a)}, target ${text(b)}`);
  return same;
}

export const copyVerb: Verb = {
  name: 'copy',
  summary: 'copy the journal and snapshots from one store to another, then verify both',
  help,
  async run(args, io) {
    if (wantsHelp(args)) return io.out(help), exitOk;
    const parsed = parseVerbArgs(args, { from: { type: 'string' }, to: { type: 'string' } });
    if (!parsed.ok) return io.err(`corridor copy: ${parsed.error}`), exitUsage;
    const { from, to } = parsed.values;
    if (typeof from !== 'string' || typeof to !== 'string') return io.err('corridor copy: --from and --to are required'), exitUsage;
    if (from === to) return io.err('corridor copy: --from and --to name the same store'), exitUsage;
    if (!(await copyBetween(from, to, io))) return exitNegative;
    const source = await verifyEnd(from, 'source', io);
    const target = await verifyEnd(to, 'target', io);
    const matching = source.ok && target.ok && (await sameHead(from, to, io));
    return matching ? exitOk : exitNegative;
  },
};

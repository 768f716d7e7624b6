/**
 * One node of a PostgreSQL cluster under load, to be killed or paused.
 * Usage: cluster-child.ts POSTGRES_URL NODE_ID RUN
 * Prints "STANDBY" while it waits for the lease, "LEADER <epoch> <waited ms> <open ms>" once it holds it, "READY"
 * when it serves writes, and "ACK <transfer id> <result>" only after an outcome is durable.
 * Losing the lease (or a refused append) prints "LOST …" and ends the process with exit code 3.
 */
import { accountFlags, idFromBigInt, transferFlags, type CreateTransferCommand, type LedgerCommand } from '../../src/core/ledger/index.js';
import { runLedgerStandby } from '../../src/cluster/standby.js';
import { loadTransfer, settlementAccounts, xts } from '../support/load.js';

export const exitLeaseLost = 3;
const [location, nodeId, runText] = process.argv.slice(2);
if (location === undefined || nodeId === undefined || runText === undefined) throw new Error('usage: cluster-child.ts POSTGRES_URL NODE_ID RUN');
const run = BigInt(runText);
const inFlightMax = 300;
/** Small snapshots often, so a taking-over standby replays a short tail. */
const snapshotEveryJournalBytes = 1024 * 1024;

function stop(message: string): never {
  process.stdout.write(`LOST ${message.replace(/\n/g, ' ')}\n`);
  process.exit(exitLeaseLost);
}

const leader = await runLedgerStandby({
  location,
  nodeId,
  lease: { onWaiting: () => process.stdout.write('STANDBY\n') },
  ledger: { snapshotEveryJournalBytes },
});
process.stdout.write(`LEADER ${leader.epoch} ${Math.round(leader.waitedMs)} ${Math.round(leader.openedMs)}\n`);
void leader.lost.then((error) => stop(error.message));
const node = leader.node;

const accounts: LedgerCommand[] = [
  { type: 'create_account', id: idFromBigInt(1n), ledger: xts, code: 1, kind: 'agent', participant: 'AGENT', flags: 0, creditLine: 0n },
  ...Array.from({ length: settlementAccounts }, (_, i): LedgerCommand => ({
    type: 'create_account', id: idFromBigInt(BigInt(i + 2)), ledger: xts, code: 1, kind: 'settlement',
    participant: `BANK${i}`, flags: accountFlags.debitsMustNotExceedCredits, creditLine: 0n,
  })),
];
// Every run creates them; after the first, the answer is `exists`.
await node.submitTogether(accounts).catch((error: unknown) => stop((error as Error).message));

let sequence = 0n;
function nextTransfer(flags = 0): CreateTransferCommand {
  sequence += 1n;
  return loadTransfer(run, sequence, flags);
}

/** Load at a bounded rate, so the test runs the same on a quiet and on a busy machine. */
const groupsPerTick = 25;
const tickMs = 10;
let inFlight = 0;
function submitSome(): void {
  for (let i = 0; i < groupsPerTick && inFlight < inFlightMax; i += 1) {
    // Every fifth: a linked pair, both legs or neither, like the two legs of an FX payment.
    const group = sequence % 5n === 0n ? [nextTransfer(transferFlags.linked), nextTransfer()] : [nextTransfer()];
    inFlight += group.length;
    node.submitTogether(group).then(
      (outcomes) => {
        inFlight -= group.length;
        outcomes.forEach((o, i) => process.stdout.write(`ACK ${group[i]!.id} ${o.result}\n`));
      },
      (error: unknown) => stop(`${(error as Error).name}: ${(error as Error).message}`),
    );
  }
}
process.stdout.write('READY\n');
submitSome();
setInterval(submitSome, tickMs);

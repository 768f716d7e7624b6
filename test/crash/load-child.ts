/**
 * A ledger under load, to be killed. Usage: load-child.ts DB RUN (DB: a SQLite file or a postgres:// URL)
 * Prints "ACK <transfer id> <result>" only after the outcome is durable, so whatever it
 * printed must survive the SIGKILL that ends it.
 */
import { accountFlags, idFromBigInt, transferFlags, type CreateTransferCommand } from '../../src/core/ledger/index.js';
import { LedgerNode } from '../../src/sequencer/ledger-node.js';
import { openStore } from '../../src/store/open-store.js';
import { loadTransfer, settlementAccounts, xts } from '../support/load.js';

const [path, runText] = process.argv.slice(2);
if (path === undefined || runText === undefined) throw new Error('usage: load-child.ts DB RUN');
const run = BigInt(runText);
const inFlightMax = 300;

const node = await LedgerNode.open({ store: await openStore(path), snapshotEveryJournalBytes: 64 * 1024 });
await node.submitTogether([
  { type: 'create_account', id: idFromBigInt(1n), ledger: xts, code: 1, kind: 'agent', participant: 'AGENT', flags: 0, creditLine: 0n },
  ...Array.from({ length: settlementAccounts }, (_, i) => ({
    type: 'create_account' as const, id: idFromBigInt(BigInt(i + 2)), ledger: xts, code: 1, kind: 'settlement' as const,
    participant: `BANK${i}`, flags: accountFlags.debitsMustNotExceedCredits, creditLine: 0n,
  })),
]);

let sequence = 0n;
function nextTransfer(flags = 0): CreateTransferCommand {
  sequence += 1n;
  return loadTransfer(run, sequence, flags);
}

let inFlight = 0;
function acknowledge(id: string, result: string): void {
  process.stdout.write(`ACK ${id} ${result}\n`);
}

function submitMore(): void {
  while (inFlight < inFlightMax) {
    if (sequence % 5n === 0n) {
      // A linked pair: both legs or neither, like the two legs of an FX payment.
      const legs = [nextTransfer(transferFlags.linked), nextTransfer()];
      inFlight += 2;
      void node.submitTogether(legs).then((outcomes) => {
        inFlight -= 2;
        outcomes.forEach((o, i) => acknowledge(legs[i]!.id, o.result));
        submitMore();
      });
    } else {
      const transfer = nextTransfer();
      inFlight += 1;
      void node.submit(transfer).then((o) => {
        inFlight -= 1;
        acknowledge(transfer.id, o.result);
        submitMore();
      });
    }
  }
}
process.stdout.write('READY\n');
submitMore();

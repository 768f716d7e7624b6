/**
 * Payment-versus-payment survives SIGKILL: a node settling cross-currency payments under load is
 * killed at random moments, between any reservation and post included; after each restart every
 * chain is fully posted or absent, every acknowledged payment is there with its outcome, the
 * journal verifies, and the state equals its replay from empty.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LedgerNode } from '../../src/sequencer/ledger-node.js';
import { verifyJournal } from '../../src/sequencer/verify.js';
import { tempDir } from '../../src/sequencer/test-support/temp-db.js';
import { openStore } from '../../src/store/open-store.js';
import { assertNetworkInvariants } from '../../src/core/network/invariants.js';
import { fxReserveTransferId } from '../../src/core/network/ids.js';
import { auditJournal } from '../support/journal-audit.js';

const crashes = 8;
const childScript = fileURLToPath(new URL('./fx-load-child.ts', import.meta.url));
const dir = tempDir('corridor-fx-crash-');
after(dir.cleanup);

function loadAndKill(path: string, run: number, killAfterMs: number): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, path, String(run)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged = new Map<string, string>();
    let timer: NodeJS.Timeout | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, id, result] = line.split(' ');
      if (kind === 'READY' && timer === undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      if (kind === 'ACK' && id !== undefined && result !== undefined) acknowledged.set(id, result);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`fx load child ended with ${code ?? signal} before it was killed`));
      else resolve(acknowledged);
    });
  });
}

describe('FX crash safety', () => {
  it(`SQLite: every FX chain fully posted or absent across ${crashes} SIGKILLs under load`, { timeout: 300_000 }, async () => {
    const location = dir.path('fx-crash.db');
    const acknowledged = new Map<string, string>();
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 1; run <= crashes; run += 1) {
      for (const [id, result] of await loadAndKill(location, run, 150 + Math.floor(random() * 600))) acknowledged.set(id, result);
    }
    const results = new Map<string, number>();
    for (const result of acknowledged.values()) results.set(result, (results.get(result) ?? 0) + 1);
    assert.ok((results.get('accepted') ?? 0) > 100, `FX payments settled under load (${JSON.stringify([...results])})`);
    // The providers' JPY runs out mid-load: whole chains are refused from then on.
    assert.ok((results.get('fx_inventory_insufficient') ?? 0) > 0, `inventory ran out (${JSON.stringify([...results])})`);

    const report = await verifyJournal(await openStore(location, { readonly: true }));
    assert.equal(report.ok, true, report.ok ? '' : report.where);
    // Opening checks the ledger's and the network's deep invariants (invariant 5 included) after replay.
    const node = await LedgerNode.open({ store: await openStore(location) });
    try {
      const state = { ledger: node.state, network: node.network };
      assertNetworkInvariants(state, { deep: true });
      for (const account of node.state.accounts.values()) assert.equal(account.debitsPending + account.creditsPending, 0n, `no reservation left on ${account.id}`);
      for (const [uetr, result] of acknowledged) {
        const payment = node.network.payments.get(uetr);
        if (result === 'accepted') assert.equal(payment?.status, 'settled', `acknowledged settled payment ${uetr} survived`);
        if (result === 'fx_inventory_insufficient' || result === 'insufficient_funds') {
          assert.equal(payment?.status, 'rejected', `acknowledged rejection of ${uetr} survived`);
          assert.equal(node.state.transfers.has(fxReserveTransferId(uetr, 0)), false, `rejected ${uetr} reserved nothing`);
        }
      }
      const { replayHash } = await auditJournal(location);
      assert.ok(node.stateHash().equals(replayHash), 'state equals the replay from empty');
    } finally {
      await node.close({ snapshot: false });
    }
  });
});

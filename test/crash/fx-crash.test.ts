/**
 * Payment-versus-payment survives SIGKILL: a node settling cross-currency payments under load is
 * killed at random moments, between any reservation and post included (some payments wait in a
 * queue, their provider legs reserved, until a funding releases them); after each restart every
 * chain is fully posted, fully voided, or (still waiting) fully reserved with its payer leg
 * queued; every acknowledged payment is there with its outcome, the journal verifies, and the
 * state equals its replay from empty.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { LedgerNode } from '../../src/sequencer/ledger-node.js';
import { verifyJournal } from '../../src/sequencer/verify.js';
import { tempDir } from '../../src/sequencer/test-support/temp-db.js';
import { openStore } from '../../src/store/open-store.js';
import { assertNetworkInvariants } from '../../src/core/network/invariants.js';
import { fxReserveTransferId } from '../../src/core/network/ids.js';
import { crashRepeatedly } from '../support/crash-harness.js';
import { auditJournal } from '../support/journal-audit.js';

const crashes = 8;
const childScript = fileURLToPath(new URL('./fx-load-child.ts', import.meta.url));
const dir = tempDir('corridor-fx-crash-');
after(dir.cleanup);

describe('FX crash safety', () => {
  it(`SQLite: every FX chain fully posted or absent across ${crashes} SIGKILLs under load`, { timeout: 300_000 }, async () => {
    const location = dir.path('fx-crash.db');
    const acknowledged = await crashRepeatedly(childScript, location, crashes, { seed: 11, killAfterMinMs: 150, killAfterSpreadMs: 600 });
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
      // The only reservations left are those of payments still waiting, each fully reserved (the deep invariants check each chain).
      let reserved = 0n;
      let pending = 0n;
      for (const p of node.network.payments.values()) if (p.status === 'queued') for (const id of p.fx!.wait!.reserved) reserved += node.state.transfers.get(id)!.amount;
      for (const account of node.state.accounts.values()) pending += account.debitsPending;
      assert.equal(pending, reserved, 'no reservation outside a waiting payment');
      const ends = new Map<string, number>();
      for (const [uetr, result] of acknowledged) {
        const payment = node.network.payments.get(uetr);
        if (result === 'accepted' && payment?.fx?.wait !== undefined) ends.set(payment.status, (ends.get(payment.status) ?? 0) + 1);
        // Accepted: settled at once, or it waited (and then settled, still waits, or ended whole).
        if (result === 'accepted') assert.ok(payment?.status === 'settled' || payment?.fx?.wait !== undefined, `acknowledged payment ${uetr} survived`);
        if (result === 'fx_inventory_insufficient' || result === 'insufficient_funds') {
          assert.equal(payment?.status, 'rejected', `acknowledged rejection of ${uetr} survived`);
          assert.equal(node.state.transfers.has(fxReserveTransferId(uetr, 0)), false, `rejected ${uetr} reserved nothing`);
        }
      }
      assert.ok((ends.get('settled') ?? 0) > 0, `waiting payments were released by funding (${JSON.stringify([...ends])}; ${JSON.stringify([...results])})`);
      const { replayHash } = await auditJournal(location);
      assert.ok(node.stateHash().equals(replayHash), 'state equals the replay from empty');
    } finally {
      await node.close({ snapshot: false });
    }
  });
});

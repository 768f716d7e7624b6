/**
 * The node builds the screening index of a newly active 100,000-entry list ahead, in slices, off
 * the sequencer's path: it answers other requests while the build is under way (shown by pausing
 * the build between two slices, not by timing), a payment that comes before the build ends
 * finishes it, a build that ends first is in place before any payment needs it, and either way
 * the decisions are those of an index built on the spot from the same lists.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { activeLists, buildScreeningIndex, screenPayment, type WatchListEntry } from '../../src/core/screening/index.js';
import { changeList, importList, listEntry } from '../../src/core/network/test-support/screening-commands.js';
import { call, expectStatus, onboardSmallNetwork, sendPayment, startTestNode, type TestNode } from './support.js';

const entriesCount = 100_000;

/** Distinct generated names (seeded), and one that payments below will name. */
function bigList(listId: string): WatchListEntry[] {
  const syllables = ['ka', 'lo', 'mir', 'san', 'tev', 'dor', 'qui', 'ben', 'raf', 'zol', 'mun', 'pet', 'hal', 'gor', 'vis', 'tan'];
  const word = (n: number, parts: number) => {
    let text = '';
    for (let i = 0; i < parts; i += 1, n = Math.floor(n / syllables.length)) text += syllables[n % syllables.length];
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const entries = Array.from({ length: entriesCount - 1 }, (_, i) => listEntry(listId, `B${i}`, `${word(i * 7919, 2)} ${word(i, 4)}`, { aliases: i % 3 === 0 ? [`${word(i, 4)} ${word(i * 31, 3)}`] : [] }));
  entries.push(listEntry(listId, 'B-PETRENKO', 'Viktor PETRENKO', { countries: ['UA'] }));
  return entries;
}

describe('the screening index built ahead by the node', () => {
  let node: TestNode | null = null;
  after(async () => {
    await node?.dispose();
  });

  it('answers requests while a 100,000-entry index is built, and payments get the decisions of an index built on the spot', async () => {
    // The build pauses in its third pause between slices until the test opens the gate.
    let pauses = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let reached!: () => void;
    const paused = new Promise<void>((resolve) => (reached = resolve));
    const betweenSlices = async () => {
      pauses += 1;
      if (pauses === 3) {
        reached();
        await gate;
      } else await nextTurn();
    };
    node = await startTestNode({ webhooks: false, settlementClock: false, screeningIndexAhead: { betweenSlices } });
    const running = node;
    const net = await onboardSmallNetwork(running);
    const ahead = running.screeningIndexAhead;
    assert.ok(ahead !== null);
    const screening = () => running.node.network.screening;

    for (const command of importList('BIG', 'v1', bigList('BIG'), { chunkSize: 1000 })) {
      const outcome = await running.node.submit(command);
      assert.equal(outcome.result, 'accepted', `${command.type}: ${String(outcome.result)}`);
    }
    await paused;
    // The build is under way and stopped between two slices: the node answers all the same.
    assert.ok(ahead.building);
    assert.equal(screening().index, null);
    const lists = await expectStatus<{ lists: { listId: string; active: string; versions: { entries: number }[] }[] }>(200, call(running, 'GET', '/v1/screening/lists', { key: net.operatorKey }));
    assert.deepEqual(lists.lists.map((l) => [l.listId, l.active, l.versions[0]?.entries]), [['BIG', 'v1', entriesCount]]);
    assert.equal((await call(running, 'GET', '/healthz')).status, 200);
    assert.ok(ahead.building, 'still building after answering');
    assert.equal(screening().index, null);

    // A payment now needs the index: it finishes the build on the spot and is held.
    const first = await sendPayment<{ uetr: string; status: string }>(running, net.keys.SBININBB!, { endToEndId: 'ahead-1', amount: { value: '10.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Viktor Petrenco' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.status, 'held');
    assert.ok(screening().index !== null);
    open();
    await ahead.idle();

    // Deactivated and activated again: a new build, unpaused now, is in place before any payment.
    for (const change of [{ kind: 'deactivate' as const }, { kind: 'activate' as const, version: 'v1' }]) {
      assert.equal((await running.node.submit(changeList('BIG', change))).result, 'accepted');
    }
    assert.equal(screening().index, null);
    await ahead.idle();
    const adopted = screening().index;
    assert.ok(adopted !== null, 'built ahead, before any payment');
    const second = await sendPayment<{ uetr: string; status: string }>(running, net.keys.SBININBB!, { endToEndId: 'ahead-2', amount: { value: '10.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Petrenko Viktor', remittanceInformation: 'Invoice 17' });
    const clear = await sendPayment<{ uetr: string; status: string }>(running, net.keys.SBININBB!, { endToEndId: 'ahead-3', amount: { value: '10.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Anna Schmidt' });
    assert.equal(second.body.status, 'held');
    assert.notEqual(clear.body.status, 'held');
    assert.equal(screening().index, adopted, 'the payments used the index built ahead');

    // The decisions are those of an index built on the spot from the same lists.
    const fresh = buildScreeningIndex(activeLists(screening().lists));
    for (const uetr of [first.body.uetr, second.body.uetr]) {
      const hold = screening().holds.get(uetr);
      assert.ok(hold !== undefined);
      const again = screenPayment(fresh, hold.screened, { ...screening().thresholds, listIds: new Set(['BIG']) });
      assert.ok(again.ok);
      assert.deepEqual(again.hits, hold.hits);
      assert.ok(hold.hits.some((h) => h.entryId === 'B-PETRENKO'));
    }
    const clearAgain = screenPayment(fresh, { creditor: { name: 'Anna Schmidt' }, creditorAgent: 'HDFCINBB', debtorAgent: 'SBININBB' }, { ...screening().thresholds, listIds: new Set(['BIG']) });
    assert.ok(clearAgain.ok && clearAgain.decision === 'clear');
  });
});

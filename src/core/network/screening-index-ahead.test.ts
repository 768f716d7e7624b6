/**
 * The screening index built ahead, in slices (the node's shell does this between other work),
 * is the very index the sequencer would build on the spot: the same structure however it is
 * sliced, taken only for the lists it was built from, and giving the same decisions.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { activateListVersion, activeLists, buildScreeningIndex, loadListVersion, screenPayment, type ListSet, type WatchListEntry } from '../screening/index.js';
import { startIndexBuild } from '../screening/name-index.js';
import { listEntry, sanctionsList } from './test-support/screening-commands.js';
import { adoptScreeningIndex, createScreeningState, prepareScreeningIndex, screeningIndexOf, type ScreeningState } from './screening-state.js';

function loaded(set: ListSet, listId: string, version: string, entries: readonly WatchListEntry[]): ListSet {
  const change = loadListVersion(set, { listId, entries }, version, { kind: 'all' });
  assert.ok(change.ok);
  const active = activateListVersion(change.set, listId, version);
  assert.ok(active.ok);
  return active.set;
}

function stateWith(...lists: [string, string, WatchListEntry[]][]): ScreeningState {
  const screening = createScreeningState();
  for (const [listId, version, entries] of lists) screening.lists = loaded(screening.lists, listId, version, entries);
  return screening;
}

const payments = [
  { creditor: { name: 'Виктор Петренко' } },
  { debtor: { name: 'Sber Bank' }, creditorAgent: 'SABRRUMMXXX' },
  { remittanceInformation: ['goods for Oceanic Shadow Trading'] },
  { creditor: { name: 'Ahmad Rostami' }, debtor: { name: 'Innocent Person', addressLines: ['12 Main Street'] } },
  { creditor: { name: 'Nobody Listed' } },
];

const name = fc.array(fc.constantFrom('ivan', 'petrov', 'sber', 'bank', 'oceanic', 'trading', 'llc', 'al', 'noor', 'ahmad', 'karimi', '17'), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const entries = fc.array(fc.record({ primaryName: name, aliases: fc.array(name, { maxLength: 2 }) }), { minLength: 1, maxLength: 40 })
  .map((list) => list.map((e, i) => listEntry('P', `P${i}`, e.primaryName, { aliases: e.aliases })));

void describe('the screening index built ahead', () => {
  void it('is the same index however the build is sliced', () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 50 }), (list, entriesPerSlice, wordsPerSlice) => {
        const lists = [{ version: 'v1', list: { listId: 'P', entries: list } }];
        const build = startIndexBuild(lists, { entriesPerSlice, wordsPerSlice });
        let slices = 0;
        while (!build.step()) slices += 1;
        assert.ok(slices >= Math.floor(list.length / entriesPerSlice));
        assert.deepEqual(build.finish(), buildScreeningIndex(lists));
      }),
      { numRuns: 60 },
    );
  });

  void it('is taken by the first payment that needs it, finished on the spot, with the decisions of an index built there', () => {
    const screening = stateWith(['SANCT', 'v1', sanctionsList()]);
    const build = prepareScreeningIndex(screening, { entriesPerSlice: 1, wordsPerSlice: 3 });
    assert.ok(build !== null);
    assert.equal(prepareScreeningIndex(screening), build, 'one build per set of lists');
    assert.equal(build.step(), false);
    assert.equal(build.done, false);
    const index = screeningIndexOf(screening);
    assert.ok(build.done);
    assert.equal(index, build.finish());
    const fresh = buildScreeningIndex(activeLists(screening.lists));
    for (const payment of payments) assert.deepEqual(screenPayment(index, payment), screenPayment(fresh, payment));
    assert.ok(payments.some((p) => screenPayment(index, p).ok && (screenPayment(index, p) as { decision: string }).decision === 'hit'));
    assert.equal(prepareScreeningIndex(screening), null, 'nothing to build once the index is there');
  });

  void it('is adopted when finished ahead, and not when the active lists changed meanwhile', () => {
    const screening = stateWith(['SANCT', 'v1', sanctionsList()]);
    const build = prepareScreeningIndex(screening, { entriesPerSlice: 1, wordsPerSlice: 3 });
    assert.ok(build !== null);
    assert.equal(adoptScreeningIndex(screening, build), false, 'not before it is done');
    while (!build.step());
    assert.ok(adoptScreeningIndex(screening, build));
    assert.equal(screeningIndexOf(screening), build.finish());

    // The lists change (as a journaled activation does: the index is dropped) while a build runs.
    screening.index = null;
    const stale = prepareScreeningIndex(screening);
    assert.ok(stale !== null);
    screening.lists = loaded(screening.lists, 'EXTRA', 'v1', [listEntry('EXTRA', 'X-1', 'Marlon Quist')]);
    while (!stale.step());
    assert.equal(adoptScreeningIndex(screening, stale), false);
    const index = screeningIndexOf(screening);
    assert.notEqual(index, stale.finish());
    const payment = { creditor: { name: 'Marlon Quist' } };
    assert.deepEqual(screenPayment(index, payment), screenPayment(buildScreeningIndex(activeLists(screening.lists)), payment));
    assert.equal((screenPayment(index, payment) as { decision: string }).decision, 'hit');
  });
});

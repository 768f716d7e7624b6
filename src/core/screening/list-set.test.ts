import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activateListVersion, activeLists, deactivateList, emptyListSet, listsForJurisdiction, loadListVersion, removeListVersion, setListScope, type ListSet, type ListSetChange } from './list-set.js';
import { entry, list } from './test-support.js';

const all = { kind: 'all' } as const;
const euOnly = { kind: 'jurisdictions', jurisdictions: new Set(['DE', 'FR']) } as const;

function ok(change: ListSetChange): ListSet {
  assert.ok(change.ok, change.ok ? '' : change.code);
  return change.set;
}

function code(change: ListSetChange): string {
  return change.ok ? 'ok' : change.code;
}

const un1 = list([entry({ entryId: '1', primaryName: 'A' })], 'UN').list;
const un2 = list([entry({ entryId: '1', primaryName: 'A' }), entry({ entryId: '2', primaryName: 'B' })], 'UN').list;
const eu = list([entry({ entryId: 'X', primaryName: 'C' })], 'EU').list;

void describe('list set', () => {
  void it('screens against a version only once activated, and switches versions at once', () => {
    let set = ok(loadListVersion(emptyListSet, un1, '2024-01-01', all));
    assert.deepEqual(activeLists(set), []);
    set = ok(activateListVersion(set, 'UN', '2024-01-01'));
    set = ok(loadListVersion(set, un2, '2024-02-01', all));
    assert.deepEqual(activeLists(set).map((a) => [a.list.listId, a.version, a.list.entries.length]), [['UN', '2024-01-01', 1]]);
    set = ok(activateListVersion(set, 'UN', '2024-02-01'));
    assert.deepEqual(activeLists(set).map((a) => a.version), ['2024-02-01']);
    assert.equal(code(removeListVersion(set, 'UN', '2024-02-01')), 'version_active');
    set = ok(removeListVersion(set, 'UN', '2024-01-01'));
    assert.equal(code(activateListVersion(set, 'UN', '2024-01-01')), 'version_unknown');
  });

  void it('gives each participant the active lists of its jurisdiction', () => {
    let set = ok(loadListVersion(emptyListSet, un1, 'v1', all));
    set = ok(loadListVersion(set, eu, 'v1', euOnly));
    set = ok(activateListVersion(ok(activateListVersion(set, 'UN', 'v1')), 'EU', 'v1'));
    assert.deepEqual(listsForJurisdiction(set, 'DE'), ['EU', 'UN']);
    assert.deepEqual(listsForJurisdiction(set, 'SG'), ['UN']);
    set = ok(setListScope(set, 'EU', { kind: 'jurisdictions', jurisdictions: new Set(['SG']) }));
    assert.deepEqual(listsForJurisdiction(set, 'SG'), ['EU', 'UN']);
    set = ok(deactivateList(set, 'UN'));
    assert.deepEqual(listsForJurisdiction(set, 'DE'), []);
  });

  void it('refuses bad changes with one code each and leaves the set as it was', () => {
    const set = ok(loadListVersion(emptyListSet, un1, 'v1', all));
    assert.equal(code(loadListVersion(set, un1, 'v1', all)), 'version_exists');
    assert.equal(code(loadListVersion(set, un1, 'bad version', all)), 'version_invalid');
    assert.equal(code(loadListVersion(set, un1, 'v2', { kind: 'jurisdictions', jurisdictions: new Set() })), 'jurisdictions_invalid');
    assert.equal(code(loadListVersion(set, un1, 'v2', { kind: 'jurisdictions', jurisdictions: new Set(['Germany']) })), 'jurisdictions_invalid');
    assert.equal(code(activateListVersion(set, 'EU', 'v1')), 'list_unknown');
    assert.equal(code(deactivateList(set, 'EU')), 'list_unknown');
    let full = set;
    for (let v = 2; v <= 16; v += 1) full = ok(loadListVersion(full, un1, `v${v}`, all));
    assert.equal(code(loadListVersion(full, un1, 'v17', all)), 'too_many_versions');
    assert.equal(set.lists.get('UN')?.versions.size, 1);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeState, encodeState } from '../journal/index.js';
import type { NodeCommand } from './apply.js';
import { assertNetworkInvariants } from './invariants.js';
import { bank, fundIn, message, payment, standardNode, TestNode, transaction } from './test-support/commands.js';
import { addOfficerKey, changeList, decide, importList, listEntry, sanctionsList } from './test-support/screening-commands.js';
import { listedPayment, screeningNode } from './test-support/screening-scenarios.js';

const { A, B } = bank;

function statuses(node: TestNode, uetr: string): string[] {
  return node.state.network.payments.get(uetr)!.history.map((h) => h.status);
}

describe('screening of payments in the network', () => {
  it('holds a payment naming a listed party: status held, no money moved, every hit explained, the creditor told nothing', () => {
    const node = screeningNode();
    const p = listedPayment('held');
    assert.equal(node.one(p), 'accepted');
    assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'held']);
    assert.equal(node.balance(A), 1000n);
    assert.equal(node.balance(B), 1000n);
    const hold = node.state.network.screening.holds.get(p.uetr)!;
    assert.equal(hold.decision, null);
    assert.deepEqual(hold.lists, ['SANCT@v1']);
    const hit = hold.hits[0]!;
    assert.equal(hit.kind, 'name');
    assert.equal(hit.entryId, 'S-1');
    assert.equal(hit.field, 'creditor.name');
    assert.ok(hit.score >= 0.9 && hit.score < 1, `score ${hit.score}`);
    assert.deepEqual(node.inboxTypes(B).filter((t) => t.startsWith('payment.')), []);
    assertNetworkInvariants(node.state, { deep: true });
  });

  it('a clear payment settles at once, as without screening', () => {
    const node = screeningNode();
    const p = payment({ seed: 'clear', from: A, to: B, amount: 100n });
    node.one(p);
    assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'settled']);
    assert.equal(node.state.network.screening.holds.size, 0);
  });

  it('released by an officer, the payment settles through its engine; the decision keeps who, when and why', () => {
    const node = screeningNode();
    const p = listedPayment('release', 300n);
    node.one(p);
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'release', null, 'same name, other person: born 1985')), 'accepted');
    assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'held', 'released', 'settled']);
    assert.equal(node.balance(A), 700n);
    assert.equal(node.balance(B), 1300n);
    const decision = node.state.network.screening.holds.get(p.uetr)!.decision!;
    assert.equal(decision.officer, 'maria.k');
    assert.equal(decision.keyId, 'OFFICER01');
    assert.equal(decision.note, 'same name, other person: born 1985');
    assert.equal(decision.at, node.state.network.payments.get(p.uetr)!.history[3]!.at);
    assert.deepEqual(node.inboxTypes(B).filter((t) => t.startsWith('payment.')), [`payment.received ${p.uetr}`]);
    // The same decision again is a retry; another one is refused.
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'release')), 'already_applied');
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'reject')), 'hold_decided');
    assertNetworkInvariants(node.state, { deep: true });
  });

  it('rejected by an officer, the sender gets a rejection with the reason and no money moves', () => {
    const node = screeningNode();
    const p = listedPayment('reject');
    node.one(p);
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'reject', 'RR04', 'confirmed match')), 'accepted');
    const record = node.state.network.payments.get(p.uetr)!;
    assert.deepEqual(statuses(node, p.uetr), ['received', 'validated', 'held', 'rejected']);
    assert.equal(record.reason, 'RR04');
    assert.deepEqual(node.inboxTypes(A).filter((t) => t.startsWith('payment.')), [`payment.rejected ${p.uetr}`]);
    assert.deepEqual(node.inboxTypes(B).filter((t) => t.includes(p.uetr)), []);
    assert.equal(node.balance(A), 1000n);
  });

  it('refuses decisions with a revoked or unknown key, a bad reason, or on a payment that was not held', () => {
    const node = screeningNode();
    const p = listedPayment('keys');
    node.one(p);
    assert.equal(node.one(decide('NOSUCHKEY1', p.uetr, 'release')), 'api_key_unknown');
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'reject', 'bad reason')), 'reason_invalid');
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'release', 'RR04')), 'reason_invalid');
    assert.equal(node.one({ type: 'revoke_officer_key', keyId: 'OFFICER01' }), 'accepted');
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'release')), 'api_key_unknown');
    assert.equal(node.status(p.uetr), 'held');
    // Officers and participants share one key id space.
    assert.equal(node.one(addOfficerKey('x', 'OFFICER01')), 'api_key_exists');
  });

  it('a release is judged again: a suspended payer keeps it held', () => {
    const node = screeningNode();
    const p = listedPayment('suspended');
    node.one(p);
    node.one({ type: 'set_suspended', bic: A, suspended: true });
    assert.equal(node.one(decide('OFFICER01', p.uetr, 'release')), 'participant_suspended');
    assert.equal(node.status(p.uetr), 'held');
  });

  it('screens addresses, ultimate parties, remittance text and agents’ BICs', () => {
    const node = screeningNode();
    const cases: [string, Partial<ReturnType<typeof payment>>, string][] = [
      ['ultimate creditor', { parties: { ultimateCreditorName: 'Oceanic Shadow Trading' } }, 'ultimateCreditor.name'],
      ['address', { parties: { debtorAddress: ['c/o Ahmad Karimi Rostami', 'Tehran'] } }, 'debtor.address'],
      ['remittance', { remittanceInformation: 'Invoice 77 for Oceanic Shadow Trading' }, 'remittanceInformation'],
      ['intermediary BIC', { parties: { intermediaryAgents: ['SABRRUMMXXX'] } }, 'intermediaryAgents[0]'],
      ['Cyrillic name', { creditorName: 'Сбербанк' }, 'creditor.name'],
    ];
    for (const [what, fields, field] of cases) {
      const p = { ...payment({ seed: what, from: A, to: B, amount: 1n }), ...fields };
      assert.equal(node.one(p), 'accepted', what);
      assert.equal(node.status(p.uetr), 'held', what);
      assert.ok(node.state.network.screening.holds.get(p.uetr)!.hits.some((h) => h.field === field), `${what}: ${JSON.stringify(node.state.network.screening.holds.get(p.uetr)!.hits)}`);
    }
  });

  it('screens each transaction of an ISO 20022 message on its own', () => {
    const node = screeningNode();
    const listed = { ...transaction({ seed: 'iso-1', from: A, to: B, amount: 5n }), creditorName: 'PETRENKO, Viktor' };
    const clear = transaction({ seed: 'iso-2', from: A, to: B, amount: 5n });
    assert.equal(node.one(message(A, 'MSG-1', [listed, clear])), 'accepted');
    assert.equal(node.status(listed.uetr), 'held');
    assert.equal(node.status(clear.uetr), 'settled');
  });

  it('applies a list only to participants of its jurisdictions', () => {
    const node = standardNode();
    node.apply([fundIn(A, 'EUR', 1000n, 'F-A'), ...importList('RUONLY', 'v1', sanctionsList('RUONLY'), { scope: ['RU'] })]);
    const first = listedPayment('scope-1');
    node.one(first);
    assert.equal(node.status(first.uetr), 'settled');
    // B is in FR: once the list applies to FR, a payment to B is screened against it.
    assert.equal(node.one(changeList('RUONLY', { kind: 'scope', scope: ['RU', 'FR'] })), 'accepted');
    const second = listedPayment('scope-2');
    node.one(second);
    assert.equal(node.status(second.uetr), 'held');
  });

  it('deactivating a list stops screening against it; activating another version switches at once', () => {
    const node = screeningNode();
    assert.equal(node.one(changeList('SANCT', { kind: 'deactivate' })), 'accepted');
    const p1 = listedPayment('off');
    node.one(p1);
    assert.equal(node.status(p1.uetr), 'settled');
    node.apply(importList('SANCT', 'v2', [listEntry('SANCT', 'X-1', 'Completely Different Person')], { activate: true }));
    const p2 = listedPayment('v2');
    node.one(p2);
    assert.equal(node.status(p2.uetr), 'settled');
    const p3 = { ...payment({ seed: 'v2-hit', from: A, to: B, amount: 1n }), creditorName: 'Completely Different Person' };
    node.one(p3);
    assert.equal(node.status(p3.uetr), 'held');
    assert.deepEqual(node.state.network.screening.holds.get(p3.uetr)!.lists, ['SANCT@v2']);
  });

  it('a chunk with a bad entry is refused and the active lists stay as they were', () => {
    const node = screeningNode();
    const listsBefore = node.state.network.screening.lists;
    const bad = importList('SANCT', 'v2', [listEntry('SANCT', 'B-1', 'Good Name'), listEntry('SANCT', 'B-2', 'Bad', { bics: ['NOTABIC'] })], { chunkSize: 2 });
    const results = node.apply(bad).results;
    assert.deepEqual(results, ['accepted', 'list_chunk_invalid', 'list_import_incomplete']);
    assert.equal(node.state.network.screening.lists.lists.get('SANCT')!.active, 'v1');
    assert.equal(node.one({ type: 'abort_list_import', importId: 'SANCT-v2' }), 'accepted');
    // Only the import's own bookkeeping came and went: the list set is the very same.
    assert.equal(node.state.network.screening.lists, listsBefore);
    assert.equal(node.state.network.screening.imports.size, 0);
  });

  it('replay equals live, and a snapshot restores lists, imports in progress and holds (the index is rebuilt from them)', () => {
    const batches: NodeCommand[][] = [
      [fundIn(A, 'EUR', 1000n, 'F-A'), fundIn(B, 'EUR', 1000n, 'F-B')],
      importList('SANCT', 'v1', sanctionsList(), { chunkSize: 1 }),
      [addOfficerKey('maria.k', 'OFFICER01'), listedPayment('r-1'), listedPayment('r-2')],
      [decide('OFFICER01', listedPayment('r-1').uetr, 'release'), listedPayment('r-3')],
      importList('OTHER', 'v1', sanctionsList('OTHER')).slice(0, 2),
    ];
    const live = standardNode();
    for (const batch of batches) live.apply(batch);
    const replayed = standardNode();
    for (const batch of batches) replayed.apply(batch);
    const bytes = encodeState(live.state);
    assert.ok(encodeState(replayed.state).equals(bytes));
    const restored = new TestNode(decodeState(bytes), live.nextTimestamp);
    assert.ok(encodeState(restored.state).equals(bytes));
    assert.equal(restored.state.network.screening.imports.get('OTHER-v1')!.entries.length, 2);
    // The same next commands give the same answers and the same state on both.
    const next: NodeCommand[] = [listedPayment('after'), decide('OFFICER01', listedPayment('r-2').uetr, 'reject')];
    assert.deepEqual(restored.apply(next).results, live.apply(next).results);
    assert.ok(encodeState(restored.state).equals(encodeState(live.state)));
    assert.equal(restored.status(listedPayment('after').uetr), 'held');
  });
});

/** One scenario per screening result code (220–235, 250), for the table test in network.test.ts. */
import type { NodeResult } from '../apply.js';
import type { NetworkResult } from '../results.js';
import { bank, cancelPayment, fundIn, payment, standardNode, type TestNode } from './commands.js';
import { addOfficerKey, changeList, decide, importList, listEntry, sanctionsList } from './screening-commands.js';

const { A, B } = bank;

/** The standard network, funded, with the sanctions list active for all and officer key OFFICER01. */
export function screeningNode(): TestNode {
  const node = standardNode();
  const results = node.apply([fundIn(A, 'EUR', 1000n, 'F-A'), fundIn(B, 'EUR', 1000n, 'F-B'), ...importList('SANCT', 'v1', sanctionsList()), addOfficerKey('maria.k', 'OFFICER01')]).results;
  if (results.some((r) => r !== 'accepted')) throw new Error(`screening setup failed: ${results.join(', ')}`);
  return node;
}

/** A payment from A to B whose creditor is a listed person (a typo of Viktor Petrenko). */
export function listedPayment(seed: string | number, amount = 100n) {
  return { ...payment({ seed, from: A, to: B, amount }), creditorName: 'Viktor Petrenco' };
}

function lastOf(node: TestNode, commands: Parameters<TestNode['apply']>[0]): NodeResult {
  const results = node.apply(commands).results;
  return results[results.length - 1]!;
}

export const screeningScenarios: Partial<Record<NetworkResult, (() => NodeResult) | null>> = {
  list_import_exists: () => {
    const node = standardNode();
    node.one(importList('L', 'v1', sanctionsList('L'))[0]!);
    return node.one({ ...importList('L', 'v2', sanctionsList('L'), { importId: 'L-v1' })[0]! });
  },
  list_import_unknown: () => standardNode().one({ type: 'commit_list_import', importId: 'nothing' }),
  list_import_invalid: () => standardNode().one({ type: 'begin_list_import', importId: 'i', listId: 'L', version: 'v1', scope: 'all', activate: true, entriesTotal: 1, chunksTotal: 0 }),
  list_chunk_invalid: () => {
    const node = standardNode();
    const [begin, , second] = importList('L', 'v1', sanctionsList('L'));
    node.one(begin!);
    return node.one(second!);
  },
  list_import_incomplete: () => {
    const commands = importList('L', 'v1', sanctionsList('L'));
    return lastOf(standardNode(), [commands[0]!, commands[1]!, commands[commands.length - 1]!]);
  },
  list_version_exists: () => {
    const node = standardNode();
    node.apply(importList('L', 'v1', sanctionsList('L')));
    return node.one(importList('L', 'v1', sanctionsList('L'), { importId: 'again' })[0]!);
  },
  list_unknown: () => standardNode().one(changeList('NOPE', { kind: 'deactivate' })),
  list_version_unknown: () => {
    const node = standardNode();
    node.apply(importList('L', 'v1', sanctionsList('L')));
    return node.one(changeList('L', { kind: 'activate', version: 'v9' }));
  },
  list_version_active: () => {
    const node = standardNode();
    node.apply(importList('L', 'v1', sanctionsList('L')));
    return node.one(changeList('L', { kind: 'remove', version: 'v1' }));
  },
  list_limit_reached: () => {
    const node = standardNode();
    const entries = [listEntry('L', 'E1', 'Some Listed Person')];
    for (let v = 1; v <= 16; v += 1) node.apply(importList('L', `v${v}`, entries, { activate: false }));
    return lastOf(node, importList('L', 'v17', entries, { activate: false }));
  },
  jurisdictions_invalid: () => standardNode().one(importList('L', 'v1', sanctionsList('L'), { scope: ['de'] })[0]!),
  screening_thresholds_invalid: () => standardNode().one({ type: 'set_screening_thresholds', nameThreshold: 0.8, tokenThreshold: 0.9 }),
  officer_invalid: () => standardNode().one(addOfficerKey('', 'OFFICER01')),
  hold_unknown: () => {
    const node = screeningNode();
    const clear = payment({ seed: 'clear', from: A, to: B, amount: 10n });
    node.one(clear);
    return node.one(decide('OFFICER01', clear.uetr, 'release'));
  },
  hold_decided: () => {
    const node = screeningNode();
    const held = listedPayment('decided');
    node.one(held);
    node.one(decide('OFFICER01', held.uetr, 'release'));
    return node.one(decide('OFFICER01', held.uetr, 'reject'));
  },
  hold_withdrawn: () => {
    const node = screeningNode();
    const held = listedPayment('withdrawn');
    node.one(held);
    node.one(cancelPayment(A, held.uetr));
    return node.one(decide('OFFICER01', held.uetr, 'release'));
  },
  screening_field_invalid: () => {
    const node = screeningNode();
    // 16 address lines of 70 one-letter words: more words than a screened field may have (256), refused rather than cut.
    const line = 'a '.repeat(70).trim();
    return node.one({ ...payment({ seed: 'long', from: A, to: B, amount: 10n }), parties: { debtorAddress: Array.from({ length: 16 }, () => line) } });
  },
};

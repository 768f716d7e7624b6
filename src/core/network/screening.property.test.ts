import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeState, encodeState } from '../journal/index.js';
import type { NodeCommand } from './apply.js';
import { assertNetworkInvariants } from './invariants.js';
import { bank, fundIn, payment, standardNode, TestNode } from './test-support/commands.js';
import { addOfficerKey, changeList, decide, importList, sanctionsList } from './test-support/screening-commands.js';

const { A, B, C } = bank;
const names = ['Viktor Petrenco', 'PETRENKO Viktor', 'Pune Textiles', 'Oceanic Shadow Trading', 'Anna Schmidt', 'Сбербанк', 'Ahmad Karimi'];

/** One step of a random day: a payment (maybe naming a listed party), a decision on an earlier one, or a list change. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), from: fc.constantFrom(A, B, C), to: fc.constantFrom(A, B, C), name: fc.constantFrom(...names), amount: fc.bigInt({ min: 1n, max: 400n }) }),
  fc.record({ kind: fc.constant('decide' as const), pick: fc.nat(), action: fc.constantFrom('release' as const, 'reject' as const) }),
  fc.record({ kind: fc.constant('list' as const), active: fc.boolean() }),
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function commandsOf(steps: readonly Step[]): NodeCommand[][] {
  const uetrs: string[] = [];
  return steps.map((s, i): NodeCommand[] => {
    if (s.kind === 'pay') {
      const p = { ...payment({ seed: `p${i}`, from: s.from, to: s.to, amount: s.amount }), creditorName: s.name };
      uetrs.push(p.uetr);
      return [p];
    }
    if (s.kind === 'decide') return uetrs.length === 0 ? [] : [decide('OFFICER01', uetrs[s.pick % uetrs.length]!, s.action)];
    return [changeList('SANCT', s.active ? { kind: 'activate', version: 'v1' } : { kind: 'deactivate' })];
  });
}

describe('screening, property', () => {
  it('replay equals live and a snapshot restores it, whatever the payments, decisions and list changes; invariants hold throughout', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), fc.integer({ min: 1, max: 4 }), (steps, batchSize) => {
        const setup: NodeCommand[] = [fundIn(A, 'EUR', 500n, 'F-A'), fundIn(B, 'EUR', 500n, 'F-B'), fundIn(C, 'EUR', 500n, 'F-C'), ...importList('SANCT', 'v1', sanctionsList()), addOfficerKey('maria.k', 'OFFICER01')];
        const commands = commandsOf(steps).flat();
        const batches: NodeCommand[][] = [setup];
        for (let i = 0; i < commands.length; i += batchSize) batches.push(commands.slice(i, i + batchSize));
        const live = standardNode();
        const results = batches.map((batch) => {
          const outcome = live.apply(batch).results;
          assertNetworkInvariants(live.state, { deep: true });
          return outcome;
        });
        const replayed = standardNode();
        assert.deepEqual(batches.map((batch) => replayed.apply(batch).results), results);
        const bytes = encodeState(live.state);
        assert.ok(encodeState(replayed.state).equals(bytes));
        const restored = new TestNode(decodeState(bytes), live.nextTimestamp);
        assert.ok(encodeState(restored.state).equals(bytes));
        // Every payment is held exactly when its hold is open, and a released one went on to its engine.
        for (const p of live.state.network.payments.values()) {
          const hold = live.state.network.screening.holds.get(p.uetr);
          if (hold?.decision?.action === 'release') assert.ok(['settled', 'queued'].includes(p.status), p.status);
          if (hold?.decision?.action === 'reject') assert.equal(p.status, 'rejected');
        }
      }),
      { numRuns: 60 },
    );
  });
});

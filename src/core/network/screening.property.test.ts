import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeState, encodeState } from '../journal/index.js';
import type { NodeCommand } from './apply.js';
import { assertNetworkInvariants } from './invariants.js';
import { bank, cancelPayment, fundIn, payment, requestCancellation, standardNode, TestNode } from './test-support/commands.js';
import { addOfficerKey, changeList, decide, importList, listEntry, sanctionsList } from './test-support/screening-commands.js';
import { screenSubmittedPayment } from './apply-holds.js';

const { A, B, C } = bank;
const names = ['Viktor Petrenco', 'PETRENKO Viktor', 'Pune Textiles', 'Oceanic Shadow Trading', 'Anna Schmidt', 'Сбербанк', 'Ahmad Karimi'];

/** One step of a random day: a payment (maybe naming a listed party), a decision on or a cancellation of an earlier one, a list change, funding. */
const step = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('pay' as const), from: fc.constantFrom(A, B, C), to: fc.constantFrom(A, B, C), name: fc.constantFrom(...names), amount: fc.bigInt({ min: 1n, max: 800n }) }) },
  fc.record({ kind: fc.constant('decide' as const), pick: fc.nat(), action: fc.constantFrom('release' as const, 'reject' as const) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('list' as const), active: fc.boolean() }) },
  // The sender takes back an earlier payment (held, queued or otherwise), by cancel or camt.056.
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), camt056: fc.boolean() }),
  // A new version of another list names the creditor of an earlier payment: waiting payments are screened again.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('newList' as const), pick: fc.nat() }) },
  fc.record({ kind: fc.constant('fund' as const), to: fc.constantFrom(A, B, C), amount: fc.bigInt({ min: 1n, max: 400n }) }),
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function commandsOf(steps: readonly Step[]): NodeCommand[][] {
  const uetrs: string[] = [];
  const senders = new Map<string, string>();
  const creditors: string[] = [];
  return steps.map((s, i): NodeCommand[] => {
    if (s.kind === 'pay') {
      const p = { ...payment({ seed: `p${i}`, from: s.from, to: s.to, amount: s.amount }), creditorName: s.name };
      uetrs.push(p.uetr);
      senders.set(p.uetr, s.from);
      creditors.push(s.name);
      return [p];
    }
    if (s.kind === 'decide') return uetrs.length === 0 ? [] : [decide('OFFICER01', uetrs[s.pick % uetrs.length]!, s.action)];
    if (s.kind === 'cancel') {
      if (uetrs.length === 0) return [];
      const uetr = uetrs[s.pick % uetrs.length]!;
      // Sent by the debtor agent of the picked payment (the seed fixes who that is).
      const sender = senders.get(uetr)!;
      return [s.camt056 ? requestCancellation(sender, uetr, `CASE-${i}`, 'CUST') : cancelPayment(sender, uetr)];
    }
    if (s.kind === 'newList') return creditors.length === 0 ? [] : importList('NEW', `v${i}`, [listEntry('NEW', 'N-1', creditors[s.pick % creditors.length]!)]);
    if (s.kind === 'fund') return [fundIn(s.to, 'EUR', s.amount, `F-${i}`)];
    return [changeList('SANCT', s.active ? { kind: 'activate', version: 'v1' } : { kind: 'deactivate' })];
  });
}

describe('screening, property', () => {
  it('replay equals live and a snapshot restores it, whatever the payments, decisions, cancellations, list changes and re-screenings; money is conserved; invariants hold throughout', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (steps, batchSize) => {
        const setup: NodeCommand[] = [fundIn(A, 'EUR', 300n, 'F-A'), fundIn(B, 'EUR', 300n, 'F-B'), fundIn(C, 'EUR', 300n, 'F-C'), ...importList('SANCT', 'v1', sanctionsList()), addOfficerKey('maria.k', 'OFFICER01')];
        const commands = commandsOf(steps).flat();
        const batches: NodeCommand[][] = [setup];
        for (let i = 0; i < commands.length; i += batchSize) batches.push(commands.slice(i, i + batchSize));
        const live = standardNode();
        let funded = 0n;
        const results = batches.map((batch) => {
          const outcome = live.apply(batch).results;
          for (const c of batch) if (c.type === 'fund') funded += c.amount;
          assertNetworkInvariants(live.state, { deep: true });
          // Money is conserved: holds, withdrawals and re-screening move none of it.
          assert.equal(live.balance(A) + live.balance(B) + live.balance(C), funded);
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
          // (or its sender cancelled it while it queued after release)
          if (hold?.decision?.action === 'release') assert.ok(['settled', 'queued'].includes(p.status) || (p.status === 'rejected' && p.reason === 'DS02'), p.status);
          if (hold?.decision?.action === 'reject') assert.equal(p.status, 'rejected');
          if (hold?.withdrawal !== undefined) assert.deepEqual([p.status, p.reason, hold.decision], ['rejected', 'DS02', null]);
          // Nothing an officer has not seen waits in an engine that the active lists would hit: re-screening found every such payment.
          if ((p.status === 'queued' || p.status === 'accepted') && hold === undefined && live.state.network.screening.rescreen.length === 0) {
            assert.notEqual(screenSubmittedPayment(live.state, p).kind, 'hit', `waiting payment ${p.uetr} is clear under the lists as they are`);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

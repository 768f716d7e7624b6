import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  accountFlags,
  applyBatch,
  assertLedgerInvariants,
  createLedgerState,
  transferFlags,
  u128Max,
  type LedgerCommand,
  type LedgerState,
} from './index.js';
import { decodeBody, decodeState, encodeBody, encodeState } from '../journal/index.js';
import { account, setCreditLine, transfer } from './test-support/commands.js';

/** Few ids, so that retries, collisions and chains over the same accounts happen often. */
const accountId = fc.bigInt({ min: 1n, max: 6n });
const transferId = fc.bigInt({ min: 1n, max: 30n });
const amount = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: 0n, max: 500n }) },
  { weight: 1, arbitrary: fc.constantFrom(u128Max, u128Max - 1n, 2n ** 127n) },
);
const phase = fc.constantFrom(0, transferFlags.pending, transferFlags.postPending, transferFlags.voidPending);

const transferCommand: fc.Arbitrary<LedgerCommand> = fc
  .record({ id: transferId, debit: accountId, credit: accountId, amount, phase, linked: fc.boolean(), netLimits: fc.boolean(), pendingId: transferId, timeoutMs: fc.constantFrom(0, 0, 1, 5), ledger: fc.constantFrom(963, 963, 963, 978) })
  .map((r) => {
    const finishing = r.phase === transferFlags.postPending || r.phase === transferFlags.voidPending;
    return transfer(r.id, finishing ? 0n : r.debit, finishing ? 0n : r.credit, r.amount, {
      flags: r.phase | (r.linked ? transferFlags.linked : 0) | (r.netLimits ? transferFlags.netLimits : 0),
      pendingId: finishing ? r.pendingId : 0n,
      timeoutMs: r.phase === transferFlags.pending ? r.timeoutMs : 0,
      ledger: finishing ? 0 : r.ledger,
    });
  });

const accountCommand: fc.Arbitrary<LedgerCommand> = fc
  .record({ id: accountId, limit: fc.constantFrom(0, accountFlags.debitsMustNotExceedCredits, accountFlags.creditsMustNotExceedDebits), history: fc.boolean(), creditLine: fc.constantFrom(0n, 100n), linked: fc.boolean(), ledger: fc.constantFrom(963, 963, 978) })
  .map((r) =>
    account(r.id, {
      ledger: r.ledger,
      flags: r.limit | (r.history ? accountFlags.history : 0) | (r.linked ? accountFlags.linked : 0),
      creditLine: r.limit === accountFlags.debitsMustNotExceedCredits ? r.creditLine : 0n,
    }),
  );

const creditLineCommand: fc.Arbitrary<LedgerCommand> = fc
  .record({ id: accountId, creditLine: fc.bigInt({ min: 0n, max: 300n }) })
  .map((r) => setCreditLine(r.id, r.creditLine));

const command = fc.oneof({ weight: 2, arbitrary: accountCommand }, { weight: 10, arbitrary: transferCommand }, { weight: 1, arbitrary: creditLineCommand });
const batch = fc.record({ gapUs: fc.integer({ min: 1, max: 4000 }), commands: fc.array(command, { maxLength: 8 }) });
const day = fc.array(batch, { minLength: 1, maxLength: 40 });

interface Journaled {
  readonly timestamp: number;
  readonly body: Buffer;
}

/** Runs a day live, checking the invariants after every batch; returns the journal it would write. */
function runLive(state: LedgerState, batches: { gapUs: number; commands: LedgerCommand[] }[]): Journaled[] {
  const journal: Journaled[] = [];
  for (const b of batches) {
    const timestamp = state.lastTimestamp + b.gapUs;
    const before = recordsOf(state, b.commands);
    const outcome = applyBatch(state, { timestamp, commands: b.commands });
    assertLedgerInvariants(state);
    assertChainsAllOrNothing(b.commands, outcome.results);
    assertFailuresLeaveNoTrace(state, b.commands, outcome.results, before);
    journal.push({ timestamp, body: encodeBody(b.commands, outcome.results, outcome.expired) });
  }
  return journal;
}

/** What each command's id referred to before the batch. */
function recordsOf(state: LedgerState, commands: LedgerCommand[]): unknown[] {
  return commands.map((c) => (c.type === 'create_transfer' ? state.transfers.get(c.id) : c.type === 'create_account' ? state.accounts.get(c.id) : undefined));
}

/** A command that did not apply left its id as it was; one that applied left a record. */
function assertFailuresLeaveNoTrace(state: LedgerState, commands: LedgerCommand[], results: string[], before: unknown[]): void {
  const after = recordsOf(state, commands);
  commands.forEach((c, i) => {
    if (c.type === 'set_credit_line') return;
    if (results[i] === 'ok') assert.ok(after[i] !== undefined && before[i] === undefined, `applied command ${i} left a new record`);
    else if (!commands.some((other, j) => j !== i && results[j] === 'ok' && other.type === c.type && other.id === c.id)) {
      assert.equal(after[i], before[i], `failed command ${i} (${results[i]}) left no trace`);
    }
  });
}

function assertChainsAllOrNothing(commands: LedgerCommand[], results: string[]): void {
  let start = 0;
  for (let i = 0; i < commands.length; i += 1) {
    if ((commands[i]!.flags & 1) !== 0) continue;
    const chain = results.slice(start, i + 1);
    const applied = chain.filter((r) => r === 'ok').length;
    assert.ok(applied === 0 || applied === chain.length, `chain applied all or nothing: ${chain.join(',')}`);
    start = i + 1;
  }
}

describe('ledger properties', () => {
  it('keeps debits equal to credits and every account within its limit after every batch, and chains all-or-nothing', () => {
    fc.assert(fc.property(day, (batches) => void runLive(createLedgerState(), batches)), { numRuns: 300 });
  });

  it('replaying the journal from empty gives exactly the live state and the same outcomes', () => {
    fc.assert(
      fc.property(day, (batches) => {
        const live = createLedgerState();
        const journal = runLive(live, batches);
        const replayed = createLedgerState();
        for (const entry of journal) {
          const decoded = decodeBody(entry.body);
          const outcome = applyBatch(replayed, { timestamp: entry.timestamp, commands: decoded.commands as LedgerCommand[] });
          assert.deepEqual(outcome.results, decoded.results);
          assert.deepEqual(outcome.expired, decoded.expired);
        }
        assert.ok(encodeState(replayed).equals(encodeState(live)));
      }),
      { numRuns: 200 },
    );
  });

  it('a snapshot decodes to a state that continues exactly like the original', () => {
    fc.assert(
      fc.property(day, day, (first, second) => {
        const live = createLedgerState();
        runLive(live, first);
        const restored = decodeState(encodeState(live)).ledger;
        runLive(live, second);
        runLive(restored, second);
        assert.ok(encodeState(restored).equals(encodeState(live)));
      }),
      { numRuns: 150 },
    );
  });

  it('a retry of any applied transfer answers exists and moves no money', () => {
    fc.assert(
      fc.property(day, (batches) => {
        const state = createLedgerState();
        runLive(state, batches);
        const before = encodeState(state);
        for (const c of batches.flatMap((b) => b.commands)) {
          if (c.type !== 'create_transfer') continue;
          const stored = state.transfers.get(c.id);
          if (stored === undefined) continue;
          const retry = { ...c, flags: c.flags & ~transferFlags.linked };
          if (retry.flags !== stored.flags) continue;
          const { results } = applyBatch(state, { timestamp: state.lastTimestamp + 1, commands: [retry] });
          assert.ok(results[0] === 'exists' || results[0]!.startsWith('exists_with_different'), results[0]);
        }
        const after = encodeState(state);
        assert.ok(after.subarray(20).equals(before.subarray(20)), 'balances and records unchanged by retries');
      }),
      { numRuns: 150 },
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { accountFlags, applyBatch, assertLedgerInvariants, createLedgerState, idFromBigInt, type Id, type LedgerCommand, type LedgerState } from '../ledger/index.js';
import { applySettlementEvent, createSettlementState, type SettlementEvent, type SettlementMode, type SettlementState } from './index.js';
import { decisionCommands, type LedgerMapping } from './ledger-chain.js';

const participants = ['A', 'B', 'C', 'D'];
const xts = 963;
const agentAccount = idFromBigInt(1n);

/** Engine and ledger side by side, as the server will run them. */
interface Pair {
  readonly engine: SettlementState;
  readonly ledger: LedgerState;
  readonly mapping: LedgerMapping;
}

function apply(ledger: LedgerState, commands: LedgerCommand[]): string[] {
  if (commands.length === 0) return [];
  const { results } = applyBatch(ledger, { timestamp: ledger.lastTimestamp + 1, commands });
  assertLedgerInvariants(ledger);
  return results;
}

function setUp(mode: SettlementMode, balances: bigint[], creditLines: bigint[]): Pair {
  const created = createSettlementState({ mode, participants: participants.map((id, i) => ({ id, balance: balances[i]!, creditLine: creditLines[i]! })) });
  assert.ok(created.ok);
  const ids = new Map<string, Id>();
  const mapping: LedgerMapping = {
    ledger: xts,
    code: 1,
    accountOf: (p) => idFromBigInt(BigInt(10 + participants.indexOf(p))),
    clearingAccount: idFromBigInt(2n),
    transferIdOf: (key) => {
      if (!ids.has(key)) ids.set(key, idFromBigInt(BigInt(1000 + ids.size)));
      return ids.get(key)!;
    },
  };
  const ledger = createLedgerState();
  const agent = { type: 'create_account', id: agentAccount, ledger: xts, code: 1, kind: 'agent', participant: 'AGENT', flags: 0, creditLine: 0n } as const;
  const clearing = { ...agent, id: mapping.clearingAccount, kind: 'suspense', participant: 'CLEARING' } as const;
  const accounts = participants.map((p, i) => ({ ...agent, id: mapping.accountOf(p), kind: 'settlement', participant: p, flags: accountFlags.debitsMustNotExceedCredits, creditLine: creditLines[i]! }) as const);
  apply(ledger, [agent, clearing, ...accounts]);
  const funding = participants.flatMap((p, i) => (balances[i]! > 0n ? [fund(mapping, `open:${p}`, p, balances[i]!)] : []));
  assert.ok(apply(ledger, funding).every((r) => r === 'ok'));
  return { engine: created.state, ledger, mapping };
}

function fund(mapping: LedgerMapping, key: string, participant: string, amount: bigint): LedgerCommand {
  return { type: 'create_transfer', id: mapping.transferIdOf(key), debitAccountId: agentAccount, creditAccountId: mapping.accountOf(participant), amount, pendingId: idFromBigInt(0n), ledger: xts, code: 1, flags: 0, timeoutMs: 0, uetr: idFromBigInt(0n), endToEndId: '' };
}

/** One event through the engine, its decision through the ledger; DNS windows confirmed or aborted as the ledger answers. */
function step(pair: Pair, event: SettlementEvent, at: number): void {
  const decision = applySettlementEvent(pair.engine, event, at);
  if (!decision.ok) return;
  if (event.type === 'change_liquidity') assert.ok(apply(pair.ledger, [fund(pair.mapping, `funds-in:${at}`, event.participant, event.delta)]).every((r) => r === 'ok'));
  const results = apply(pair.ledger, decisionCommands(decision, pair.engine.mode, pair.mapping));
  assert.ok(results.every((r) => r === 'ok'), `the ledger accepts every decision the engine takes: ${results.join(',')}`);
  // The ledger applied the window's instructions: the server confirms it (end of day settles on its own).
  if (decision.window?.status === 'settling') {
    assert.ok(applySettlementEvent(pair.engine, { type: 'confirm_window', windowId: decision.window.windowId }, at).ok);
  }
}

function assertSameBalances(pair: Pair): void {
  for (const p of pair.engine.participants) {
    const account = pair.ledger.accounts.get(pair.mapping.accountOf(p.id))!;
    assert.equal(account.creditsPosted - account.debitsPosted, p.balance, `${p.id}: ledger balance equals the engine's`);
  }
  const clearing = pair.ledger.accounts.get(pair.mapping.clearingAccount)!;
  assert.equal(clearing.creditsPosted, clearing.debitsPosted, 'the clearing account ends every window at zero');
}

const amount = fc.bigInt({ min: 1n, max: 120n });
const event: fc.Arbitrary<SettlementEvent> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ n: fc.integer({ min: 1, max: 1000 }), from: fc.constantFrom(...participants), to: fc.constantFrom(...participants), amount, urgent: fc.boolean() })
    .map((p) => ({ type: 'submit', payment: { id: `p${p.n}`, from: p.from, to: p.to, amount: p.amount, priority: p.urgent ? 'urgent' : 'normal' } }) as const) },
  { weight: 2, arbitrary: fc.record({ participant: fc.constantFrom(...participants), delta: amount }).map((r) => ({ type: 'change_liquidity', ...r }) as const) },
  { weight: 3, arbitrary: fc.constant({ type: 'tick' } as const) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((windowId) => ({ type: 'close_window', windowId }) as const) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }).map((windowId) => ({ type: 'settle_window', windowId }) as const) },
);

describe('settlement decisions carried out by the ledger', () => {
  it('the ledger accepts every decision as one net-checked chain and ends with the engine balances, in every mode', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SettlementMode>('rtgs', 'rtgs-lsm', 'dns'),
        fc.array(fc.bigInt({ min: 0n, max: 150n }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.constantFrom(0n, 0n, 40n), { minLength: 4, maxLength: 4 }),
        fc.array(event, { maxLength: 60 }),
        (mode, balances, creditLines, events) => {
          const pair = setUp(mode, balances, creditLines);
          events.forEach((e, i) => step(pair, e, i + 1));
          step(pair, { type: 'end_of_day' }, events.length + 1);
          assertSameBalances(pair);
        },
      ),
      { numRuns: 300 },
    );
  });
});

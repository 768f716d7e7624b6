import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applySettlementEvent, assertSettlementInvariants, createSettlementState, liveRecords, type SettlementEvent, type SettlementInstruction, type SettlementMode, type SettlementResult, type SettlementState } from './index.js';
import { snapshot } from './test-support.js';

/** Few participants and ids, so that queues, offsets, gridlocks and collisions happen often. */
const ids = ['A', 'B', 'C', 'D'];
const someone = fc.constantFrom(...ids, ...ids, 'Z');
const paymentId = fc.integer({ min: 1, max: 25 }).map((n) => `p${n}`);
const money = fc.bigInt({ min: 0n, max: 120n });

const event: fc.Arbitrary<SettlementEvent> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ id: paymentId, from: someone, to: someone, amount: fc.oneof(money, fc.constant(-5n)), urgent: fc.boolean() })
    .map((p) => ({ type: 'submit', payment: { id: p.id, from: p.from, to: p.to, amount: p.amount, priority: p.urgent ? 'urgent' : 'normal' } }) as const) },
  { weight: 2, arbitrary: paymentId.map((paymentId) => ({ type: 'cancel', paymentId }) as const) },
  { weight: 2, arbitrary: fc.record({ participant: someone, delta: fc.bigInt({ min: -60n, max: 100n }) }).map((r) => ({ type: 'change_liquidity', ...r }) as const) },
  { weight: 1, arbitrary: fc.record({ participant: someone, creditLine: fc.bigInt({ min: -5n, max: 80n }) }).map((r) => ({ type: 'set_credit_line', ...r }) as const) },
  { weight: 1, arbitrary: fc.record({ participant: someone, amount: fc.bigInt({ min: -5n, max: 60n }) }).map((r) => ({ type: 'reserve_urgent', ...r }) as const) },
  // Holds and releases: random ids (mostly refused), or '@X', which run() turns into what the
  // network does when X is suspended (hold every queued payment from or to X) or resumed.
  { weight: 3, arbitrary: fc.record({ type: fc.constantFrom('hold' as const, 'release' as const), paymentIds: fc.oneof(fc.array(paymentId, { minLength: 1, maxLength: 2 }), someone.map((id) => [`@${id}`])) }) },
  { weight: 3, arbitrary: fc.constant({ type: 'tick' } as const) },
  // The operator switches the queue order mid-day (refused in dns).
  { weight: 1, arbitrary: fc.constantFrom('fifo' as const, 'fifo-bypass' as const).map((queueOrder) => ({ type: 'set_queue_order', queueOrder }) as const) },
  { weight: 3, arbitrary: fc.record({ type: fc.constantFrom('close_window', 'settle_window', 'confirm_window', 'abort_window'), windowId: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'end_of_day' } as const) },
);

/** A whole window cycle in order, so that dns windows often get as far as settled or aborted. */
const windowCycle: fc.Arbitrary<SettlementEvent[]> = fc
  .record({ windowId: fc.integer({ min: 1, max: 3 }), last: fc.constantFrom('confirm_window', 'confirm_window', 'abort_window') })
  .map(({ windowId, last }) => [
    { type: 'close_window', windowId },
    { type: 'settle_window', windowId },
    { type: 'tick' },
    { type: last, windowId },
  ]);
const eventsOf = (size: fc.SizeForArbitrary) =>
  fc.array(fc.oneof({ weight: 8, arbitrary: event.map((e) => [e]) }, { weight: 1, arbitrary: windowCycle }), { maxLength: 50, size }).map((groups) => groups.flat());

const scenarioOf = (size: fc.SizeForArbitrary) => fc.record({
  mode: fc.constantFrom<SettlementMode>('rtgs', 'rtgs-lsm', 'dns'),
  bypass: fc.boolean(),
  balances: fc.array(money, { minLength: 4, maxLength: 4 }),
  creditLines: fc.array(fc.constantFrom(0n, 0n, 30n), { minLength: 4, maxLength: 4 }),
  events: eventsOf(size).chain((list) => fc.tuple(...list.map((event) => fc.record({ gapSeconds: fc.integer({ min: 0, max: 90 }), event: fc.constant(event) })))),
});
const scenario = scenarioOf('small');
/** Longer histories, so that payments queue, get held and are released in the same run. */
const longScenario = scenarioOf('large');
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function start(s: Scenario): SettlementState {
  const created = createSettlementState({
    mode: s.mode,
    queueOrder: s.bypass ? 'fifo-bypass' : 'fifo',
    participants: ids.map((id, i) => ({ id, balance: s.balances[i]!, creditLine: s.creditLines[i]! })),
  });
  assert.ok(created.ok);
  return created.state;
}

/** Applies every event, checking after each one; returns the results. */
function run(s: Scenario, check: (state: SettlementState, before: string, result: SettlementResult, event: SettlementEvent) => void): SettlementResult[] {
  const state = start(s);
  const results: SettlementResult[] = [];
  let now = 0;
  for (const { gapSeconds, event } of s.events) {
    now += gapSeconds;
    const before = snapshot(state);
    const resolved = suspensionResolved(state, event);
    const result = applySettlementEvent(state, resolved, now);
    check(state, before, result, resolved);
    results.push(result);
  }
  return results;
}

/** '@X' in a hold or release: the payments a suspension (or resumption) of X holds (or releases). */
function suspensionResolved(state: SettlementState, event: SettlementEvent): SettlementEvent {
  if ((event.type !== 'hold' && event.type !== 'release') || !event.paymentIds[0]?.startsWith('@')) return event;
  const index = state.indexById.get(event.paymentIds[0].slice(1));
  const status = event.type === 'hold' ? 'queued' : 'held';
  const paymentIds = [...state.payments.values()].filter((r) => r.status === status && (r.from === index || r.to === index)).map((r) => r.id);
  return { type: event.type, paymentIds: paymentIds.length === 0 ? event.paymentIds : paymentIds };
}

void describe('settlement engine properties', () => {
  void it('keeps every invariant after every event: money conserved, no one below minus its credit line, positions within caps and summing to zero', () => {
    fc.assert(fc.property(scenario, (s) => {
      run(s, (state) => assertSettlementInvariants(state));
    }), { numRuns: 400 });
    fc.assert(fc.property(longScenario, (s) => {
      run(s, (state) => {
        assertSettlementInvariants(state);
        assertQueuesInSubmissionOrder(state);
      });
    }), { numRuns: 100 });
  });

  void it('refused events change nothing', () => {
    fc.assert(fc.property(scenario, (s) => {
      run(s, (state, before, result) => {
        if (!result.ok) assert.equal(snapshot(state), before, `${result.error} changed the state`);
      });
    }), { numRuns: 300 });
  });

  void it('a ledger applying only the decisions ends with the engine balances, and nothing settles twice', () => {
    let confirmed = 0;
    fc.assert(fc.property(scenario, (s) => {
      const ledger = new Map(ids.map((id, i) => [id, s.balances[i]!]));
      const settled = new Set<string>();
      const pending: SettlementInstruction[] = [];
      const state = start(s);
      const credit = (id: string, amount: bigint): void => { ledger.set(id, ledger.get(id)! + amount); };
      run(s, (engine, _before, result, event) => {
        if (!result.ok) return;
        if (event.type === 'change_liquidity') credit(event.participant, event.delta);
        for (const p of result.settled) {
          assert.ok(!settled.has(p.paymentId), `${p.paymentId} settled twice`);
          settled.add(p.paymentId);
          if (engine.mode !== 'dns') {
            credit(p.from, -p.amount);
            credit(p.to, p.amount);
          }
        }
        // The server posts a window's instructions when the ledger confirms it (end of day does both at once).
        if (event.type === 'settle_window') pending.splice(0, pending.length, ...result.instructions);
        if (event.type === 'confirm_window') for (const i of pending) credit(i.participant, i.net);
        if (event.type === 'end_of_day') for (const i of result.instructions) credit(i.participant, i.net);
        if (event.type === 'confirm_window') confirmed += 1;
        for (const p of engine.participants) {
          assert.equal(ledger.get(p.id), p.balance, `${p.id} balance`);
          assert.ok(p.balance >= -p.creditLine, `${p.id} within its liquidity`);
        }
      });
      assert.ok(state.participants.length === ids.length);
    }), { numRuns: 300 });
    assert.ok(confirmed > 0, 'some runs confirmed a dns window');
  });

  void it('honours urgent reserves and holds: in rtgs, a payer whose settled payments in a decision were all normal keeps its reserve; a held payment never settles', () => {
    let normalSettled = 0;
    let heldSeen = 0;
    fc.assert(fc.property(longScenario, (s) => {
      let held = new Set<string>();
      run(s, (state, _before, result, event) => {
        if (!result.ok) return;
        for (const p of result.settled) assert.ok(!held.has(p.paymentId) || (event.type === 'release' && event.paymentIds.includes(p.paymentId)), `held ${p.paymentId} settled`);
        held = new Set([...state.payments.values()].filter((r) => r.status === 'held').map((r) => r.id));
        heldSeen += held.size;
        const urgentPayers = new Set<string>();
        const normalPayers = new Set<string>();
        for (const p of result.settled) {
          const record = state.payments.get(p.paymentId)!;
          (record.urgent ? urgentPayers : normalPayers).add(p.from);
        }
        // The reserve is an rtgs liquidity rule; dns positions are bounded by caps instead.
        for (const id of state.mode === 'dns' ? [] : normalPayers) {
          if (urgentPayers.has(id)) continue;
          const payer = state.participants[state.indexById.get(id)!]!;
          assert.ok(payer.balance + payer.creditLine >= payer.urgentReserve, `${id} settled normal payments into its urgent reserve`);
          normalSettled += 1;
        }
      });
    }), { numRuns: 300 });
    assert.ok(normalSettled > 0 && heldSeen > 0, 'some decisions settled normal payments, some payments were held');
  });

  void it('is deterministic: the same events at the same times give the same decisions and state', () => {
    fc.assert(fc.property(scenario, (s) => {
      const states: string[] = [];
      const first = run(s, (state) => states.push(snapshot(state)));
      const again: string[] = [];
      const second = run(s, (state) => again.push(snapshot(state)));
      assert.equal(JSON.stringify(second, big), JSON.stringify(first, big));
      assert.deepEqual(again, states);
    }), { numRuns: 150 });
  });
});

/** Each queue is its payer's queued payments in submission order (what a snapshot rebuilds it from), holds and releases included. */
function assertQueuesInSubmissionOrder(state: SettlementState): void {
  for (const p of state.participants) {
    for (const [urgent, queue] of [[true, p.urgent], [false, p.normal]] as const) {
      const expected = [...state.payments.values()].filter((r) => r.status === 'queued' && r.from === p.index && r.urgent === urgent).map((r) => r.id);
      assert.deepEqual(liveRecords(queue).map((r) => r.id), expected, `${p.id} ${urgent ? 'urgent' : 'normal'} queue in submission order`);
    }
  }
}

function big(_: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

import { assert } from '../assert.js';
import { liquidityOf } from './liquidity.js';
import { liveRecords } from './queue.js';
import { heapPop, heapPush, type ShortfallHeap } from './shortfall-heap.js';
import type { ParticipantState, PaymentRecord, SettlementState } from './state.js';

/**
 * One participant's kept prefix while a run drops tails: cursors into its normal and urgent
 * queues (the next record to look at, walking back from the tail), how many queued payments it
 * keeps, and how many of them are normal (its floor is its reservation while it sends one).
 */
interface Tail {
  normal: number;
  urgent: number;
  kept: number;
  normals: number;
}

/** The working state of one run: positions of the kept set and each participant's tail. */
interface Run {
  readonly state: SettlementState;
  readonly position: bigint[];
  readonly tails: Tail[];
  readonly heap: ShortfallHeap;
  removals: number;
}

/**
 * TARGET2's partial optimisation (the largest FIFO set that fits every participant) computed
 * on the engine's own queues, without copying them. It returns exactly what
 * resolveGridlockFifo returns on the copied queues (property-tested in gridlock-queued.test.ts):
 * the largest FIFO-feasible set is unique, and every step here only drops payments outside it.
 *
 * Why it is cheap: the positions of the full set come from the queue sums kept as payments
 * join and leave (O(participants), not O(queued)); the participant with the largest shortfall
 * drops, in one step, the shortest tail that covers its shortfall, and only the payees of the
 * dropped payments are looked at again. A run costs O(participants · log participants +
 * dropped payments + kept payments): nothing is allocated per queued payment, and the payments
 * that stay queued and are not dropped are never read. Reads the state, changes nothing.
 */
export function largestFifoSet(state: SettlementState): PaymentRecord[] {
  const run: Run = {
    state,
    position: state.participants.map((p) => liquidityOf(p) + p.queuedIn - p.queuedOut),
    tails: state.participants.map((p) => ({ normal: p.normal.items.length - 1, urgent: p.urgent.items.length - 1, kept: p.urgent.live + p.normal.live, normals: p.normal.live })),
    heap: [],
    removals: 0,
  };
  for (const p of state.participants) pushIfShort(run, p.index);
  const touched = new Uint8Array(state.participants.length);
  for (let entry = heapPop(run.heap); entry !== undefined; entry = heapPop(run.heap)) {
    if (shortfallOf(run, entry.index) !== entry.shortfall) continue;
    const payees = dropShortestCoveringTail(run, entry.index, touched);
    for (const payee of payees) {
      touched[payee] = 0;
      pushIfShort(run, payee);
    }
  }
  for (const p of state.participants) assert(shortfallOf(run, p.index) <= 0n, 'the set gridlock resolution returns fits every participant');
  return keptRecords(run);
}

/** What the participant lacks under the kept set: its floor minus its position (≤ 0: covered). */
function shortfallOf(run: Run, index: number): bigint {
  const floor = run.tails[index]!.normals > 0 ? run.state.participants[index]!.urgentReserve : 0n;
  return floor - run.position[index]!;
}

function pushIfShort(run: Run, index: number): void {
  const shortfall = shortfallOf(run, index);
  if (shortfall > 0n) heapPush(run.heap, { shortfall, index });
}

/**
 * Drops the participant's last kept payments until it is covered. Each of them would be
 * dropped by single removals too: the participant stays short while its incoming payments
 * can only shrink. Returns the payees whose position fell (each once; `touched` dedupes).
 */
function dropShortestCoveringTail(run: Run, index: number, touched: Uint8Array): number[] {
  const participant = run.state.participants[index]!;
  const tail = run.tails[index]!;
  const payees: number[] = [];
  // The participant's own position lives in a local while it drops payments: this is the hot loop of a run.
  let position = run.position[index]!;
  let dropped = 0;
  while (position < (tail.normals > 0 ? participant.urgentReserve : 0n)) {
    const record = previousKept(participant, tail);
    assert(record !== undefined, 'a short participant has a queued payment to drop (liquidity is never negative)');
    position += record.amount;
    run.position[record.to] = run.position[record.to]! - record.amount;
    tail.kept -= 1;
    if (!record.urgent) tail.normals -= 1;
    dropped += 1;
    if (touched[record.to] === 0) {
      touched[record.to] = 1;
      payees.push(record.to);
    }
  }
  run.position[index] = position;
  run.removals += dropped;
  assert(dropped > 0 && run.removals <= run.state.queuedCount, 'a run drops each queued payment at most once');
  return payees;
}

/** The last kept queued payment of the participant (normal queue first, then urgent), moving its cursor past it. */
function previousKept(participant: ParticipantState, tail: Tail): PaymentRecord | undefined {
  while (tail.normal >= participant.normal.head) {
    const record = participant.normal.items[tail.normal]!;
    tail.normal -= 1;
    if (record.status === 'queued') return record;
  }
  while (tail.urgent >= participant.urgent.head) {
    const record = participant.urgent.items[tail.urgent]!;
    tail.urgent -= 1;
    if (record.status === 'queued') return record;
  }
  return undefined;
}

/** The kept prefixes in the order the engine settles them: by participant, urgent then normal, FIFO. */
function keptRecords(run: Run): PaymentRecord[] {
  const chosen: PaymentRecord[] = [];
  for (const p of run.state.participants) {
    const kept = run.tails[p.index]!.kept;
    if (kept === 0) continue;
    const urgent = liveRecords(p.urgent, kept);
    // One push per record: spreading a queue of 10^5 records as arguments would overflow the stack.
    for (const record of urgent) chosen.push(record);
    for (const record of liveRecords(p.normal, kept - urgent.length)) chosen.push(record);
  }
  return chosen;
}

import { assert } from '../assert.js';
import { participantAt, type PaymentQueue, type PaymentRecord, type SettlementState } from './state.js';

/** Dead entries at the head beyond which the array is compacted (keeps memory proportional to live entries). */
const compactHeadMin = 1024;

function enqueue(queue: PaymentQueue, record: PaymentRecord): void {
  assert(record.status === 'queued', `payment ${record.id} is queued before it enters a queue`);
  queue.items.push(record);
  queue.live += 1;
}

/** The first record still queued, skipping those that left from the middle (bypass, LSM, cancel). */
export function peek(queue: PaymentQueue): PaymentRecord | undefined {
  while (queue.head < queue.items.length) {
    const record = queue.items[queue.head]!;
    if (record.status === 'queued') return record;
    queue.head += 1;
  }
  compact(queue);
  return undefined;
}

/** Records a departure: the caller already changed the record's status. */
function left(queue: PaymentQueue, record: PaymentRecord): void {
  assert(record.status !== 'queued', `payment ${record.id} changed status before leaving its queue`);
  assert(queue.live > 0, 'a queue with a departure had live entries');
  queue.live -= 1;
  if (queue.head > compactHeadMin && queue.head * 2 > queue.items.length) compact(queue);
}

/** Live records in queue order, at most `max` of them. */
export function liveRecords(queue: PaymentQueue, max: number = queue.live): PaymentRecord[] {
  const records: PaymentRecord[] = [];
  for (let i = queue.head; i < queue.items.length && records.length < max; i++) {
    const record = queue.items[i]!;
    if (record.status === 'queued') records.push(record);
  }
  return records;
}

/**
 * Puts a payment at the tail of its payer's queue and keeps the counts and sums that an LSM
 * run starts from (so a run need not read every queued payment to know the positions).
 */
export function joinQueue(state: SettlementState, record: PaymentRecord): void {
  const payer = participantAt(state, record.from);
  record.status = 'queued';
  enqueue(record.urgent ? payer.urgent : payer.normal, record);
  payer.queuedOut += record.amount;
  participantAt(state, record.to).queuedIn += record.amount;
  state.queuedCount += 1;
  state.lsmDirty = true;
}

/** Takes a payment out of its payer's queue (settled, cancelled or rejected: the caller set the status). */
export function leaveQueue(state: SettlementState, record: PaymentRecord): void {
  const payer = participantAt(state, record.from);
  left(record.urgent ? payer.urgent : payer.normal, record);
  payer.queuedOut -= record.amount;
  participantAt(state, record.to).queuedIn -= record.amount;
  state.queuedCount -= 1;
  state.lsmDirty = true;
  assert(payer.queuedOut >= 0n && state.queuedCount >= 0, 'queue sums and counts stay non-negative');
}

function compact(queue: PaymentQueue): void {
  if (queue.head === 0) return;
  queue.items = queue.items.slice(queue.head).filter((record) => record.status === 'queued');
  queue.head = 0;
  assert(queue.items.length === queue.live, 'live count matches queued records after compaction');
}

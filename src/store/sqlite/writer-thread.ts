import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The SQLite journal writer runs on its own thread, so the fsync of batch N overlaps the
 * sequencer applying batch N+1, and the event loop keeps serving while the disk works.
 * The thread's code is plain JavaScript given as source: it needs nothing but better-sqlite3,
 * and so it loads the same way from the compiled package and under the test runner.
 */
const writerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + workerData.synchronous);
const insertEntry = db.prepare('INSERT INTO journal (seq, timestamp, prev_hash, hash, body) VALUES (?, ?, ?, ?, ?)');
const insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (seq, chain_hash, state_hash, state) VALUES (?, ?, ?, ?)');
const appendEntries = db.transaction((entries) => {
  for (const e of entries) insertEntry.run(e.seq, e.timestamp, e.prevHash, e.hash, e.body);
});
// Group commit: appends that queued up while the disk was busy share one transaction and one fsync.
const waiting = [];
let scheduled = false;
parentPort.on('message', (message) => {
  waiting.push(message);
  if (!scheduled) {
    scheduled = true;
    setImmediate(drain);
  }
});
function drain() {
  scheduled = false;
  const messages = waiting.splice(0);
  let i = 0;
  while (i < messages.length) {
    let j = i;
    while (j < messages.length && messages[j].kind === 'append') j += 1;
    if (j > i) {
      settle(messages.slice(i, j), () => appendEntries(messages.slice(i, j).map((m) => m.entry)));
      i = j;
    } else {
      const message = messages[i];
      settle([message], () => {
        if (message.kind === 'snapshot') insertSnapshot.run(message.snapshot.seq, message.snapshot.chainHash, message.snapshot.stateHash, message.snapshot.state);
        else if (message.kind === 'close') db.close();
      });
      i += 1;
    }
  }
}
function settle(messages, work) {
  try {
    work();
    for (const message of messages) parentPort.postMessage({ id: message.id, ok: true });
  } catch (error) {
    for (const message of messages) parentPort.postMessage({ id: message.id, ok: false, error: String((error && error.message) || error) });
  }
}
`;

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly error?: string;
}

export interface WriterThread {
  request(kind: 'append' | 'snapshot' | 'close', payload: Record<string, unknown>, transfer?: ArrayBuffer[]): Promise<void>;
  terminate(): Promise<void>;
}

export function startWriterThread(path: string, synchronous: 'FULL' | 'NORMAL'): WriterThread {
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(writerSource, { eval: true, workerData: { path, synchronous, driverPath } });
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let broken: Error | null = null;
  const failAll = (error: Error): void => {
    broken = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  // Referenced only while a write is pending: an idle writer never keeps the process alive.
  worker.unref();
  worker.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) waiter?.resolve();
    else waiter?.reject(new Error(`journal write failed: ${reply.error ?? 'unknown'}`));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`journal writer thread exited (${code})`)));
  return {
    request(kind, payload, transfer) {
      if (broken !== null) return Promise.reject(broken);
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        if (pending.size === 0) worker.ref();
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, kind, ...payload }, transfer ?? []);
      });
    },
    async terminate() {
      await worker.terminate();
    },
  };
}

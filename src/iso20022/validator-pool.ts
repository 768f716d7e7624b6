import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MessageId } from './message-id.js';
import { defaultSchemaDir } from './schemas.js';
import type { ValidateReply, ValidateRequest } from './validator-worker.js';

/** Parts waiting for or in a validator thread; beyond this the caller validates on its own thread. */
export const validatorQueueMax = 1024;
/** A part not judged within this time is judged on the caller's thread instead. */
export const validatorTimeoutMs = 5_000;
/** Threads at most, whatever the machine. */
export const validatorThreadsMax = 4;

/**
 * XSD verdicts off the main thread: a small pool of threads with the compiled schemas
 * (validator-worker.ts). `isValid` answers true (valid), false (not valid, or the thread could
 * not compile the schema), or null when the pool could not answer (no thread loaded yet, queue
 * full, timeout, closed):
 * the caller then judges on its own thread. A false or null is never final on its own: the
 * intake judges such a part again with libxmljs2, whose verdict and errors stand.
 */
export interface ValidatorPool {
  isValid(id: MessageId, text: string): Promise<boolean | null>;
  /** Resolves true once a thread takes parts, false if none will (closed, or every thread failed). */
  whenReady(): Promise<boolean>;
  close(): Promise<void>;
}

interface Waiter {
  readonly resolve: (valid: boolean | null) => void;
  readonly timer: NodeJS.Timeout;
  readonly thread: number;
}

export function createValidatorPool(options: { threads?: number; schemaDir?: string } = {}): ValidatorPool {
  const threadCount = Math.max(1, Math.min(validatorThreadsMax, options.threads ?? availableParallelism() - 1));
  const workerData = { schemaDir: options.schemaDir ?? defaultSchemaDir };
  const waiting = new Map<number, Waiter>();
  const busy = new Array<number>(threadCount).fill(0);
  // A thread takes parts once it has loaded (libxml2-wasm, and tsx from source: seconds on a busy machine).
  const ready = new Array<boolean>(threadCount).fill(false);
  let failed = 0;
  let readyWaiters: ((ready: boolean) => void)[] = [];
  const tellReady = (value: boolean): void => {
    for (const resolve of readyWaiters) resolve(value);
    readyWaiters = [];
  };
  let nextId = 1;
  let closed = false;
  // Parts asked for in this turn of the event loop, per thread: sent as one message at its end.
  const outbox: ValidateRequest[][] = Array.from({ length: threadCount }, () => []);
  let flushScheduled = false;
  const flush = (): void => {
    flushScheduled = false;
    if (closed) return;
    for (const [thread, requests] of outbox.entries()) {
      if (requests.length === 0) continue;
      outbox[thread] = [];
      threads[thread]!.postMessage(requests);
    }
  };
  const answer = (id: number, valid: boolean | null): void => {
    const waiter = waiting.get(id);
    if (waiter === undefined) return;
    waiting.delete(id);
    clearTimeout(waiter.timer);
    busy[waiter.thread]! -= 1;
    if (busy[waiter.thread] === 0) threads[waiter.thread]?.unref();
    waiter.resolve(valid);
  };
  const threads = Array.from({ length: threadCount }, (_unused, index) => {
    const worker = startWorker(workerData);
    // Referenced only while it has parts to judge: an idle pool never keeps the process alive.
    worker.unref();
    worker.on('message', (replies: readonly ValidateReply[] | 'ready') => {
      if (replies === 'ready') {
        ready[index] = true;
        tellReady(true);
      } else for (const reply of replies) answer(reply.id, reply.valid);
    });
    worker.on('error', () => {
      ready[index] = false;
      failed += 1;
      if (failed >= threadCount) tellReady(false);
      for (const [id, waiter] of waiting) if (waiter.thread === index) answer(id, null);
    });
    return worker;
  });
  return {
    isValid(id, text) {
      if (closed || waiting.size >= validatorQueueMax) return Promise.resolve(null);
      // The least busy thread of those ready.
      let thread = -1;
      for (let i = 0; i < threadCount; i += 1) if (ready[i] === true && (thread < 0 || busy[i]! < busy[thread]!)) thread = i;
      if (thread < 0) return Promise.resolve(null);
      const requestId = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => answer(requestId, null), validatorTimeoutMs);
        timer.unref();
        waiting.set(requestId, { resolve, timer, thread });
        if (busy[thread] === 0) threads[thread]!.ref();
        busy[thread]! += 1;
        outbox[thread]!.push({ id: requestId, messageId: id.id, text });
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      });
    },
    whenReady() {
      if (ready.includes(true)) return Promise.resolve(true);
      if (closed || failed >= threadCount) return Promise.resolve(false);
      return new Promise((resolve) => readyWaiters.push(resolve));
    },
    async close() {
      closed = true;
      tellReady(false);
      for (const id of [...waiting.keys()]) answer(id, null);
      await Promise.all(threads.map((worker) => worker.terminate()));
    },
  };
}

/**
 * Built, the worker is the .js beside this file. Run from source (tsx: tests, benchmarks), it is
 * the .ts, and a worker thread does not inherit tsx's loader: a bootstrap registers it first.
 */
function startWorker(workerData: { schemaDir: string }): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./validator-worker.js', import.meta.url), { workerData });
  const bootstrap = `const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((api) => { api.register(); return import(workerData.workerUrl); });`;
  const source = { tsxApi: import.meta.resolve('tsx/esm/api'), workerUrl: new URL('./validator-worker.ts', import.meta.url).href };
  return new Worker(bootstrap, { eval: true, workerData: { ...workerData, ...source } });
}

import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { CheapHistogram, DeferredCounter } from './cheap-metrics.js';

/** Prometheus metrics of one server: HTTP, the sequencer's batches and queue, the journal's commits. */
export class HttpMetrics {
  readonly registry = new Registry();
  /** Counted on every request and payment: plain numbers until scraped (cheap-metrics.ts). */
  readonly requests = new DeferredCounter({ name: 'corridor_http_requests_total', help: 'HTTP requests answered', labelNames: ['route', 'method', 'status'], registry: this.registry });
  readonly requestSeconds = new CheapHistogram({
    name: 'corridor_http_request_duration_seconds',
    help: 'Time from request to response',
    labelNames: ['route', 'method'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registry: this.registry,
  });
  readonly batchCommands = new Histogram({
    name: 'corridor_sequencer_batch_commands',
    help: 'Commands per journaled batch',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8190],
    registers: [this.registry],
  });
  readonly commitSeconds = new Histogram({
    name: 'corridor_journal_commit_seconds',
    help: 'Time to make one batch durable in the journal',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly waitingCommands: Gauge;
  readonly payments = new DeferredCounter({ name: 'corridor_payments_total', help: 'Payments by outcome', labelNames: ['currency', 'status'], registry: this.registry });

  constructor(waitingCommands: () => number) {
    this.waitingCommands = new Gauge({
      name: 'corridor_sequencer_waiting_commands',
      help: 'Commands waiting for a batch',
      registers: [this.registry],
      collect() {
        this.set(waitingCommands());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'corridor_' });
  }
}

import { Counter, type Registry } from 'prom-client';

/**
 * Metrics counted on every request, in plain numbers: prom-client validates and hashes the
 * labels of every inc() and observe() (about 2 µs a request together), so counts gather here
 * per label set, found by the label values joined, and prom-client sees them when scraped.
 * The exposition is prom-client's own (a Counter, or a histogram in its format).
 */

/** The label values in the metric's label order, as one map key. */
function keyOf<L extends string>(labelNames: readonly L[], labels: Record<L, string | number>): string {
  let key = '';
  for (const name of labelNames) key += `${labels[name]}\u0000`;
  return key;
}

interface Pending<L extends string> {
  readonly labels: Record<L, string | number>;
  count: number;
}

/** A prom-client Counter whose increments wait in plain numbers until it is collected. */
export class DeferredCounter<L extends string> {
  private readonly pending = new Map<string, Pending<L>>();
  private readonly labelNames: readonly L[];
  readonly counter: Counter<L>;

  constructor(config: { name: string; help: string; labelNames: readonly L[]; registry: Registry }) {
    this.labelNames = config.labelNames;
    const pending = this.pending;
    this.counter = new Counter<L>({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames,
      registers: [config.registry],
      collect() {
        for (const entry of pending.values()) {
          if (entry.count === 0) continue;
          this.inc(entry.labels, entry.count);
          entry.count = 0;
        }
      },
    });
  }

  inc(labels: Record<L, string | number>): void {
    const key = keyOf(this.labelNames, labels);
    const entry = this.pending.get(key);
    if (entry !== undefined) entry.count += 1;
    else this.pending.set(key, { labels: { ...labels }, count: 1 });
  }
}

interface Series<L extends string> {
  readonly labels: Record<L, string | number>;
  /** Per bucket (not cumulative), the last one for values above every bound. */
  readonly buckets: Float64Array;
  sum: number;
  count: number;
}

interface Sample {
  readonly labels: Record<string, string | number>;
  /** The series' labels, written after `labels` (as prom-client's histogram writes them). */
  readonly sharedLabels: Record<string, string | number>;
  readonly value: number;
  readonly metricName: string;
}

/**
 * A histogram registered as a metric of its own, exposed exactly as a prom-client Histogram
 * (name_bucket with le, +Inf, name_sum, name_count, per label set).
 */
export class CheapHistogram<L extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly bounds: readonly number[];
  private readonly labelNames: readonly L[];
  private series = new Map<string, Series<L>>();

  constructor(config: { name: string; help: string; labelNames: readonly L[]; buckets: readonly number[]; registry: Registry }) {
    this.name = config.name;
    this.labelNames = config.labelNames;
    this.help = config.help;
    this.bounds = [...config.buckets].sort((a, b) => a - b);
    config.registry.registerMetric(this as never);
  }

  observe(labels: Record<L, string | number>, value: number): void {
    const key = keyOf(this.labelNames, labels);
    let series = this.series.get(key);
    if (series === undefined) {
      series = { labels: { ...labels }, buckets: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]!) i += 1;
    series.buckets[i]! += 1;
    series.sum += value;
    series.count += 1;
  }

  /** What the registry writes as text: prom-client's histogram layout, line for line. */
  getForPromString(): { name: string; help: string; type: string; values: Sample[]; aggregator: string } {
    const values: Sample[] = [];
    for (const s of this.series.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.bounds.length; i += 1) {
        cumulative += s.buckets[i]!;
        values.push({ labels: { le: this.bounds[i]! }, sharedLabels: s.labels, value: cumulative, metricName: `${this.name}_bucket` });
      }
      values.push({ labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** The same as JSON (registry.getMetricsAsJSON): each sample's labels in one object. */
  get(): { name: string; help: string; type: string; values: { labels: Record<string, string | number>; value: number; metricName: string }[]; aggregator: string } {
    const data = this.getForPromString();
    return { ...data, values: data.values.map((v) => ({ labels: { ...v.labels, ...v.sharedLabels }, value: v.value, metricName: v.metricName })) };
  }

  reset(): void {
    this.series = new Map();
  }
}

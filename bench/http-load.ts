/**
 * One load step of `npm run bench:http`: autocannon against one path, at a fixed offered rate
 * (overallRate) or unthrottled, with every response's latency recorded here (not only
 * autocannon's histogram, see below).
 *
 * Why `phases`: autocannon's rate limiting is a per-connection budget reset once a second, so
 * each connection fires its whole second's budget back to back and then waits; every
 * connection's clock starts at the same moment, so "5,000/s" arrives as one burst at the top of
 * each second. Splitting the step into `phases` autocannon instances that start 1/phases s apart
 * (each with its share of the connections and of the rate) spreads the bursts over the second,
 * closer to a constant offered rate. phases = 1 is plain autocannon.
 *
 * Latency: autocannon's coordinated-omission correction passes Math.ceil(1 / rate) as the
 * expected interval, in ms, where rate is per connection per second: 1 ms whatever the rate, so
 * the "corrected" histogram is synthetic. We turn it off (ignoreCoordinatedOmission) and take
 * percentiles over the measured response times ourselves (ms, from write to last byte).
 */
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';

export interface LoadStep {
  readonly url: string;
  readonly path: string;
  readonly connections: number;
  /** Requests per second offered over all connections; null: as fast as the server answers. */
  readonly rate: number | null;
  readonly seconds: number;
  readonly phases: number;
  /** Each request's headers and body (a fresh Idempotency-Key every time). */
  readonly next: () => { readonly headers: Readonly<Record<string, string>>; readonly body: string };
  /**
   * 'setupRequest': autocannon's documented hook, which rebuilds every request through its
   * request builder (~20 µs of generator CPU each here). 'direct': each client's
   * getRequestBuffer is replaced (setupClient) by one that writes the request text at once; it
   * leans on autocannon 8's Client internals and frees generator CPU for the server on a
   * machine they share.
   */
  readonly generator: 'setupRequest' | 'direct';
  readonly onResponse?: (status: number, body: string, headers: Record<string, string | string[]>) => void;
}

export interface LoadResult {
  /** Responses per second over the window where every phase was running. */
  readonly perSecond: number;
  readonly responses: number;
  readonly ok2xx: number;
  readonly non2xx: number;
  readonly statusCodes: Record<string, number>;
  /** Connection errors and timeouts, as autocannon counts them. */
  readonly errors: number;
  readonly timeouts: number;
  /** Percentiles of 2xx response times, ms. */
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly wallSeconds: number;
}

const binMs = 100;

/** A growable array of doubles. */
class Samples {
  private values = new Float64Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }
  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Splits `total` into `parts` integers as evenly as possible. */
function share(total: number, parts: number, i: number): number {
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

export async function runLoad(step: LoadStep): Promise<LoadResult> {
  const phases = step.rate === null ? 1 : Math.max(1, Math.min(step.phases, step.connections, step.rate));
  const latencies = new Samples();
  const statusCodes: Record<string, number> = {};
  const bins = new Float64Array(Math.ceil(((step.seconds + 3) * 1000) / binMs));
  let ok2xx = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  const started = performance.now();
  const request: autocannon.Request = {
    method: 'POST',
    path: step.path,
    ...(step.generator === 'setupRequest'
      ? {
          setupRequest: (r: autocannon.RequestParams) => {
            const { headers, body } = step.next();
            Object.assign(r.headers!, headers);
            r.body = body;
            return r;
          },
        }
      : {}),
    ...(step.onResponse === undefined ? {} : { onResponse: (status, body, _context, headers) => step.onResponse!(status, body, headers) }),
  };
  const host = new URL(step.url).host;
  const head = `POST ${step.path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\ncontent-type: application/json\r\n`;
  const setupClient = (client: { getRequestBuffer?: () => Buffer }): void => {
    if (typeof client.getRequestBuffer !== 'function') throw new Error('autocannon Client has no getRequestBuffer: use --generator setupRequest');
    client.getRequestBuffer = () => {
      const { headers, body } = step.next();
      let text = head;
      for (const name in headers) text += `${name}: ${headers[name]}\r\n`;
      return Buffer.from(`${text}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, 'latin1');
    };
  };
  const runs: Promise<void>[] = [];
  for (let i = 0; i < phases; i += 1) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1000 / phases - ((performance.now() - started) % (1000 / phases))));
    const connections = share(step.connections, phases, i);
    const options: autocannon.Options = {
      url: step.url,
      connections,
      pipelining: 1,
      duration: step.seconds,
      timeout: 10,
      headers: { 'content-type': 'application/json' },
      requests: [request],
      ...(step.generator === 'direct' ? { setupClient } : {}),
      ...(step.rate === null ? {} : { overallRate: share(step.rate, phases, i), ignoreCoordinatedOmission: true }),
    };
    runs.push(
      new Promise<void>((resolve, reject) => {
        const instance = autocannon(options, (error, result) => {
          if (error !== null) return reject(error);
          errors += result.errors;
          timeouts += result.timeouts;
          resolve();
        });
        instance.on('response', (_client, statusCode, _bytes, responseTime) => {
          const bin = Math.floor((performance.now() - started) / binMs);
          if (bin < bins.length) bins[bin]! += 1;
          statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
          if (statusCode >= 200 && statusCode < 300) {
            ok2xx += 1;
            latencies.push(responseTime);
          } else non2xx += 1;
        });
      }),
    );
  }
  await Promise.all(runs);
  const wallSeconds = (performance.now() - started) / 1000;
  // The steady window: from the start of the last phase to the end of the first one's duration.
  const from = Math.ceil(((phases - 1) * 1000) / phases / binMs);
  const to = Math.floor((step.seconds * 1000) / binMs);
  let inWindow = 0;
  for (let b = from; b < to; b += 1) inWindow += bins[b]!;
  const sorted = latencies.sorted();
  return {
    perSecond: inWindow / (((to - from) * binMs) / 1000),
    responses: ok2xx + non2xx,
    ok2xx,
    non2xx,
    statusCodes,
    errors,
    timeouts,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
    wallSeconds,
  };
}

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { configCommands } from '../config/commands.js';
import { formatMinorUnits } from '../config/amounts.js';
import { demoApiKey, demoConfig, demoConfigWithFx, demoFundingWithFx } from '../demo/network.js';
import { createTraffic, type DemoPayment } from '../demo/traffic.js';
import { createFxTraffic, demoFxCommands, type DemoFxPayment } from '../demo/fx.js';
import { startNode, type RunningNode } from '../node/start-node.js';
import { parseVerbArgs, positiveInteger } from './args.js';
import { portOf, untilSignal } from './serve.js';
import { exitOk, exitUsage, wantsHelp, type CliIo, type Verb } from './verb.js';

const help = `Usage: corridor demo [--port N] [--db FILE] [--rate N] [--seed N] [--seconds N]

Boots a demo network and keeps it busy: six currencies (CNY, RUB, INR, BRL, ZAR, AED), each
with its central bank as settlement agent and several banks (a few large ones), funded by
their central banks; AED settles net (dns) in a window a minute, the others gross; then sends
payments through the HTTP API at --rate per second, with heavy-tailed amounts, and prints
progress every 10 seconds: what became of each payment when it was answered (settled, accepted
into a dns window, queued, held by screening, rejected; refused or failed requests).

  --port N     default 8080 (or PORT); 0 picks a free port
  --db FILE    keep the journal there (default: a temporary SQLite file, removed at exit)
  --rate N     payments per second (default 25; 0 sends none)
  --seed N     traffic seed (default 1): the same seed sends the same payments
  --seconds N  stop after N seconds (default: run until SIGTERM or Ctrl-C)

Prints "Corridor demo listening on http://127.0.0.1:PORT" first, then "Operator key: …",
then the operator dashboard's URL (open it and sign in with that key), then example curl commands. The banks' demo API keys are derived from their BICs (public,
for this demo only); the operator key is random.`;

/** In-flight demo payments at most: a slow disk slows the traffic instead of piling it up. */
const inFlightMax = 256;
const progressEveryMs = 10_000;
/** On stop, the demo waits this long at most for its payments in flight to be answered. */
const stopWaitMsMax = 5_000;
/** Every tenth demo payment crosses currencies. */
const fxEvery = 10;
/** The demo's FX quotes are firm for a day (the longest a firm quote may live). */
const demoFxQuoteTtlMs = 24 * 60 * 60 * 1000 - 60_000;

export const demoVerb: Verb = {
  name: 'demo',
  summary: 'boot a demo network with payment traffic and serve its API',
  help,
  async run(args, io) {
    if (wantsHelp(args)) return io.out(help), exitOk;
    const parsed = parseVerbArgs(args, { db: { type: 'string' }, port: { type: 'string' }, rate: { type: 'string' }, seed: { type: 'string' }, seconds: { type: 'string' } });
    if (!parsed.ok) return io.err(`corridor demo: ${parsed.error}`), exitUsage;
    const port = portOf(parsed.values.port);
    if (port === undefined) return io.err('corridor demo: --port must be an integer from 0 to 65535'), exitUsage;
    const rate = parsed.values.rate === '0' ? 0 : positiveInteger(parsed.values.rate, 'rate', 25);
    const seed = positiveInteger(parsed.values.seed, 'seed', 1);
    const seconds = parsed.values.seconds === undefined ? 0 : positiveInteger(parsed.values.seconds, 'seconds', 1);
    for (const value of [rate, seed, seconds]) if (typeof value === 'string') return io.err(`corridor demo: ${value}`), exitUsage;

    const temporary = typeof parsed.values.db === 'string' ? undefined : mkdtempSync(join(tmpdir(), 'corridor-demo-'));
    const db = typeof parsed.values.db === 'string' ? parsed.values.db : join(temporary!, 'demo.db');
    try {
      await runDemo({ db, port, rate: rate as number, seed: seed as number, seconds: seconds as number }, io);
    } finally {
      if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
    }
    return exitOk;
  },
};

async function runDemo(options: { db: string; port: number; rate: number; seed: number; seconds: number }, io: CliIo): Promise<void> {
  const config = demoConfig();
  const running = await startNode({
    db: options.db,
    port: options.port,
    configCommands: configCommands(demoConfigWithFx()),
    logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2)),
  });
  for (const funding of demoFundingWithFx()) {
    // The reference makes opening funding idempotent when the demo restarts on the same --db.
    await running.node.submit({ type: 'fund', direction: 'in', bic: funding.bic, currency: funding.currency, amount: funding.amountMinor, reference: `demo-open-${funding.bic}-${funding.currency}` });
  }
  // FX providers: inventory and a quote per pair, firm for a day (a restart replaces them).
  for (const command of demoFxCommands(config, demoFundingWithFx(), Date.now(), demoFxQuoteTtlMs)) await running.node.submit(command);
  io.out(`Corridor demo listening on ${running.url}`);
  io.out(`Operator key: ${running.operatorKey}`);
  io.out(`Dashboard: ${running.url}/ (sign in with the operator key)`);
  const example = config.participants.find((p) => p.roles.includes('bank') && p.type === 'direct' && p.currencies.includes('INR'))!;
  const other = config.participants.find((p) => p.roles.includes('bank') && p.type === 'direct' && p.currencies.includes('INR') && p.bic !== example.bic)!;
  const key = demoApiKey(example.bic).key;
  io.out('');
  io.out(`Try (as ${example.name}, ${example.bic}):`);
  io.out(`  curl -s ${running.url}/v1/accounts -H 'Authorization: Bearer ${key}'`);
  io.out(
    `  curl -s -X POST ${running.url}/v1/payments -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -H "Idempotency-Key: $(date +%s%N)" -d '{"endToEndId":"DEMO-1","amount":{"value":"1500.00","currency":"INR"},"creditorAgent":"${other.bic}"}'`,
  );
  io.out(`  curl -s '${running.url}/v1/inbox?after=0&limit=5' -H 'Authorization: Bearer ${key}'`);
  io.out(`  curl -s ${running.url}/v1/participants -H 'Authorization: Bearer ${running.operatorKey}'`);
  io.out(`  curl -s ${running.url}/openapi.json ;  curl -s ${running.url}/metrics`);
  io.out('');

  const traffic = new TrafficSender(running, createTraffic(config, options.seed), createFxTraffic(config, options.seed + 1), options.rate, io);
  traffic.start();
  await untilSignal(running, io, { onStop: () => traffic.stop(), ...(options.seconds > 0 ? { stopAfterMs: options.seconds * 1000 } : {}) });
  io.out(traffic.summary());
}

/** Sends the generated payments through the public API, as banks would, at a steady rate. */
class TrafficSender {
  private timer: NodeJS.Timeout | undefined;
  private progress: NodeJS.Timeout | undefined;
  private credit = 0;
  private inFlight = 0;
  /** What the node answered for each payment sent (its status then), and requests that got no payment. */
  private readonly counts = { sent: 0, fx: 0, settled: 0, accepted: 0, queued: 0, held: 0, rejected: 0, refused: 0, failed: 0 };
  private readonly startedMs = Date.now();
  private stopped = false;

  constructor(
    private readonly running: RunningNode,
    private readonly traffic: { next(): DemoPayment },
    private readonly fxTraffic: { next(): DemoFxPayment },
    private readonly ratePerSecond: number,
    private readonly io: CliIo,
  ) {}

  start(): void {
    if (this.ratePerSecond === 0) return;
    const tickMs = 50;
    this.timer = setInterval(() => {
      this.credit = Math.min(this.credit + (this.ratePerSecond * tickMs) / 1000, this.ratePerSecond);
      while (this.credit >= 1 && this.inFlight < inFlightMax && !this.stopped) {
        this.credit -= 1;
        // One payment in fxEvery crosses currencies (settled payment-versus-payment).
        if ((this.counts.sent + 1) % fxEvery === 0) void this.sendFx(this.fxTraffic.next());
        else void this.send(this.traffic.next());
      }
    }, tickMs);
    this.progress = setInterval(() => this.io.out(this.summary()), progressEveryMs);
  }

  /** Sends no more; resolves when the payments in flight were answered (at most `stopWaitMsMax`), so the summary counts them and none is cut off by the node's close. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.progress);
    const deadline = Date.now() + stopWaitMsMax;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  summary(): string {
    const seconds = Math.max((Date.now() - this.startedMs) / 1000, 0.001);
    const c = this.counts;
    return `[demo ${seconds.toFixed(0)}s] ${c.sent} payments sent (${c.fx} cross-currency): ${c.settled} settled, ${c.accepted} accepted into a dns window, ${c.queued} queued, ${c.held} held, ${c.rejected} rejected, ${c.refused} refused, ${c.failed} failed (${(c.settled / seconds).toFixed(1)} settled/s)`;
  }

  private async sendFx(payment: DemoFxPayment): Promise<void> {
    this.counts.fx += 1;
    const exponent = this.running.node.network.currencies.get(payment.sourceCurrency)!.exponent;
    await this.post('/v1/fx/payments', payment.sender, {
      endToEndId: `DEMO-FX-${this.counts.sent + 1}`,
      send: { value: formatMinorUnits(payment.amountMinor, exponent), currency: payment.sourceCurrency },
      targetCurrency: payment.targetCurrency,
      creditorAgent: payment.creditorAgent,
      remittanceInformation: 'Corridor demo cross-currency traffic',
    });
  }

  private async send(payment: DemoPayment): Promise<void> {
    const exponent = this.running.node.network.currencies.get(payment.currency)!.exponent;
    await this.post('/v1/payments', payment.sender, {
      endToEndId: `DEMO-${this.counts.sent + 1}`,
      amount: { value: formatMinorUnits(payment.amountMinor, exponent), currency: payment.currency },
      debtorAgent: payment.debtorAgent,
      creditorAgent: payment.creditorAgent,
      remittanceInformation: 'Corridor demo traffic',
    });
  }

  /**
   * A recorded payment's status when answered: settled; accepted (dns: in the open window, it
   * settles with the window, not rejected); queued (rtgs: waits for liquidity); held (screening);
   * rejected. Any other answer is not what the API promises: counted as failed.
   */
  private countStatus(status: string | undefined): void {
    if (status === 'settled' || status === 'accepted' || status === 'queued' || status === 'held' || status === 'rejected') this.counts[status] += 1;
    else this.counts.failed += 1;
  }

  /** Sends one payment as its bank would, and counts what became of it. */
  private async post(path: string, sender: string, body: unknown): Promise<void> {
    this.inFlight += 1;
    this.counts.sent += 1;
    try {
      const response = await fetch(`${this.running.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${demoApiKey(sender).key}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { status?: string };
      if (response.status !== 201) this.counts.refused += 1;
      else this.countStatus(answer.status);
    } catch {
      this.counts.failed += 1;
    } finally {
      this.inFlight -= 1;
    }
  }
}

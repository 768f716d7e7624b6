/**
 * The dashboard's FX panel end to end, in headless Debian chromium against a real node (SQLite,
 * random port) running the demo network with its FX providers (demoConfigWithFx: two providers
 * quoting every pair) and the demo's seeded cross-currency traffic: the quotes shown are the
 * API's, to the character; the day's flows per pair are the API's; an FX payment sent now shows
 * in its pair's flow within a deadline, by the event stream. Screenshots go to artifacts/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { pino } from 'pino';
import { formatMinorUnits } from '../../src/config/amounts.js';
import { configCommands } from '../../src/config/commands.js';
import { createFxTraffic, demoFxCommands, type DemoFxPayment } from '../../src/demo/fx.js';
import { demoApiKey, demoConfig, demoConfigWithFx, demoFundingWithFx } from '../../src/demo/network.js';
import { startNode, type RunningNode } from '../../src/node/start-node.js';

const chromiumPath = '/usr/bin/chromium';
const browserPresent = existsSync(chromiumPath);
if (!browserPresent && process.env.CORRIDOR_REQUIRE_BROWSER === '1') throw new Error(`CORRIDOR_REQUIRE_BROWSER=1 but ${chromiumPath} is missing`);
const skip = browserPresent ? false : `SKIPPED: no chromium at ${chromiumPath}`;
if (skip !== false) console.log(`# dashboard FX browser tests ${skip}`);

const artifacts = join(process.cwd(), 'artifacts');
/** The page refetches its aggregates at most once a second after the stream says a batch committed: a flow shows within this. */
const liveFlowDeadlineMs = 3000;
const quoteTtlMs = 24 * 3600 * 1000;

interface Money {
  readonly value: string;
  readonly currency: string;
}
interface QuoteJson {
  readonly id: string;
  readonly provider: string;
  readonly base: string;
  readonly counter: string;
  readonly bid: string | null;
  readonly ask: string | null;
  readonly sizeMin: Money;
  readonly sizeMax: Money;
  readonly expiresAt: string;
}
interface FlowJson {
  readonly sourceCurrency: string;
  readonly targetCurrency: string;
  readonly count: number;
  readonly sent: Money;
  readonly delivered: Money;
}

async function get<T>(url: string, key: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(response.status, 200, url);
  return (await response.json()) as T;
}

async function sendFx(running: RunningNode, p: DemoFxPayment): Promise<{ uetr: string; status: string; fx: { delivered: Money } }> {
  const exponent = running.node.network.currencies.get(p.sourceCurrency)!.exponent;
  const response = await fetch(`${running.url}/v1/fx/payments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${demoApiKey(p.sender).key}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ endToEndId: `E2E-FX-${randomUUID().slice(0, 8)}`, send: { value: formatMinorUnits(p.amountMinor, exponent), currency: p.sourceCurrency }, targetCurrency: p.targetCurrency, creditorAgent: p.creditorAgent }),
  });
  const body = (await response.json()) as { uetr: string; status: string; fx: { delivered: Money } };
  assert.equal(response.status, 201, JSON.stringify(body));
  return body;
}

/** Groups the whole part by thousands, as the page shows an API amount. */
function group(value: string): string {
  return value.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

async function within(page: Page, deadlineMs: number, check: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await page.waitForTimeout(20);
  }
}

describe('dashboard FX panel in chromium', { skip }, () => {
  let running: RunningNode;
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const fxTraffic = createFxTraffic(demoConfig(), 11);

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'corridor-dashboard-fx-'));
    running = await startNode({ db: join(dir, 'journal.db'), port: 0, configCommands: configCommands(demoConfigWithFx()), logger: pino({ level: 'silent' }), webhooks: false });
    for (const f of demoFundingWithFx()) await running.node.submit({ type: 'fund', direction: 'in', bic: f.bic, currency: f.currency, amount: f.amountMinor, reference: `demo-open-${f.bic}-${f.currency}` });
    for (const command of demoFxCommands(demoConfig(), demoFundingWithFx(), Date.now(), quoteTtlMs)) await running.node.submit(command);
    // The demo's cross-currency traffic, as its banks send it.
    let settled = 0;
    for (let i = 0; i < 24; i += 1) if ((await sendFx(running, fxTraffic.next())).status === 'settled') settled += 1;
    assert.ok(settled >= 12, `${settled} of 24 demo FX payments settled`);
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.log(`# page error: ${error.message}`));
    await page.goto(running.url);
    await page.fill('#operator-key', running.operatorKey);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#live[data-state="live"]');
    await page.waitForSelector('#fx-quote-table tbody tr');
  });

  after(async () => {
    await context?.close();
    await running?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows every live quote as GET /v1/fx/quotes gives it: pair, provider, bid and ask to the character, size, expiry', async () => {
    const { quotes } = await get<{ quotes: QuoteJson[] }>(`${running.url}/v1/fx/quotes`, running.operatorKey);
    assert.ok(quotes.length >= 15, `${quotes.length} demo quotes`);
    const rows = page.locator('#fx-quote-table tbody tr');
    assert.equal(await rows.count(), quotes.length, 'one row per live quote');
    for (const q of quotes) {
      const row = page.locator(`#fx-quote-table tr[data-quote="${q.id}"]`);
      const cell = async (field: string) => (await row.locator(`[data-field="${field}"]`).textContent())!.trim();
      assert.equal(await cell('pair'), `${q.base}/${q.counter}`);
      assert.equal(await cell('provider'), q.provider);
      assert.equal(await cell('bid'), q.bid ?? '—');
      assert.equal(await cell('ask'), q.ask ?? '—');
      assert.equal(await cell('size'), `${group(q.sizeMin.value)} – ${group(q.sizeMax.value)} ${q.base}`);
      assert.equal(await row.locator('[data-field="expires"]').getAttribute('data-expires'), q.expiresAt);
    }
    // Ordered by pair, then provider.
    const shown: (string | null)[] = [];
    for (let i = 0; i < quotes.length; i += 1) shown.push(await rows.nth(i).getAttribute('data-quote'));
    const sorted = [...quotes].sort((a, b) => `${a.base}/${a.counter} ${a.provider} ${a.id}`.localeCompare(`${b.base}/${b.counter} ${b.provider} ${b.id}`)).map((q) => q.id);
    assert.deepEqual(shown, sorted);
  });

  it('shows the day’s flows per pair as the API has them, exact', async () => {
    const { flows } = await get<{ flows: FlowJson[] }>(`${running.url}/v1/operator/fx`, running.operatorKey);
    assert.ok(flows.length >= 5, `${flows.length} pairs moved value`);
    for (const f of flows) {
      const item = page.locator(`#fx-flows li[data-flow="${f.sourceCurrency}>${f.targetCurrency}"]`);
      assert.equal(await item.count(), 1, `${f.sourceCurrency}>${f.targetCurrency} shown`);
      assert.equal(await item.locator('[data-field="sent"]').textContent(), `${group(f.sent.value)} ${f.sourceCurrency}`);
      assert.equal(await item.locator('[data-field="delivered"]').textContent(), `${group(f.delivered.value)} ${f.targetCurrency}`);
      assert.equal(await item.locator('[data-field="count"]').textContent(), `${f.count} payment${f.count === 1 ? '' : 's'}`);
    }
    assert.equal(await page.locator('#fx-flows li').count(), flows.length);
    await page.screenshot({ path: join(artifacts, 'dashboard-fx-laptop.png'), fullPage: true });
  });

  it('an FX payment sent now appears in its pair’s flow within the deadline, by the event stream', async () => {
    const before = await get<{ flows: FlowJson[] }>(`${running.url}/v1/operator/fx`, running.operatorKey);
    // 123,456.78 INR to a bank in China: the INR → CNY flow appears, or its count grows.
    const p: DemoFxPayment = { sender: 'SBININBB', creditorAgent: 'ICBKCNBJ', sourceCurrency: 'INR', targetCurrency: 'CNY', amountMinor: 12_345_678n };
    const previous = before.flows.find((f) => f.sourceCurrency === 'INR' && f.targetCurrency === 'CNY');
    const paid = await sendFx(running, p);
    assert.equal(paid.status, 'settled');
    const item = page.locator('#fx-flows li[data-flow="INR>CNY"]');
    const expectedCount = `${(previous?.count ?? 0) + 1} payment${previous === undefined ? '' : 's'}`;
    const shown = await within(page, liveFlowDeadlineMs, async () => (await item.count()) === 1 && (await item.locator('[data-field="count"]').textContent()) === expectedCount);
    assert.ok(shown, `INR → CNY not showing ${expectedCount} within ${liveFlowDeadlineMs} ms`);
    const after = await get<{ flows: FlowJson[] }>(`${running.url}/v1/operator/fx`, running.operatorKey);
    const flow = after.flows.find((f) => f.sourceCurrency === 'INR' && f.targetCurrency === 'CNY')!;
    assert.equal(await item.locator('[data-field="sent"]').textContent(), `${group(flow.sent.value)} INR`);
    assert.equal(await item.locator('[data-field="delivered"]').textContent(), `${group(flow.delivered.value)} CNY`);
  });

  it('a quote a provider replaces shows its new price within the deadline, by the event stream', async () => {
    const { quotes } = await get<{ quotes: QuoteJson[] }>(`${running.url}/v1/fx/quotes`, running.operatorKey);
    // A lower bid (one decimal of a bid above 1) with the same ask: a wider spread never closes an arbitrage cycle.
    const quote = quotes.find((q) => q.bid !== null && q.ask !== null && Number(q.bid) > 1 && q.bid.slice(0, q.bid.indexOf('.') + 2) !== q.bid)!;
    const bid = quote.bid!.slice(0, quote.bid!.indexOf('.') + 2);
    const response = await fetch(`${running.url}/v1/fx/quotes/${quote.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${demoApiKey(quote.provider).key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ base: quote.base, counter: quote.counter, bid, ask: quote.ask, sizeMin: quote.sizeMin.value, sizeMax: quote.sizeMax.value, ttlSeconds: 600 }),
    });
    assert.equal(response.status, 200, await response.text());
    const replaced = (await get<{ quotes: QuoteJson[] }>(`${running.url}/v1/fx/quotes`, running.operatorKey)).quotes.find((q) => q.id === quote.id)!;
    const row = page.locator(`#fx-quote-table tr[data-quote="${quote.id}"]`);
    const shown = await within(page, liveFlowDeadlineMs, async () => (await row.locator('[data-field="bid"]').textContent()) === bid && (await row.locator('[data-field="expires"]').getAttribute('data-expires')) === replaced.expiresAt);
    assert.ok(shown, `quote ${quote.id} not showing bid ${bid} within ${liveFlowDeadlineMs} ms`);
    assert.equal(await row.locator('[data-field="ask"]').textContent(), quote.ask);
  });

  it('is readable on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`);
    await page.locator('#fx-quotes-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'dashboard-fx-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
  });
});

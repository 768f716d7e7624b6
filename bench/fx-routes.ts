// FX route computations per second over 30 currencies and 1,000 live quotes.
// Run: node --import tsx bench/fx-routes.ts [--hops N] [--seconds S] [--rounds R]
// --rounds R: the payments part alternates its two measurements R times (S seconds each) and prints the
// lowest and median CPU µs per payment of each kind (for a loaded machine).
// Prints figures only; nothing here is asserted (benchmarks never gate tests).
import { performance } from 'node:perf_hooks';
import { buildRouteIndex, emptyQuoteBook, findRoute, openFxPolicy, postQuote, type FxPolicy, type QuoteBook, type RouteRequest } from '../src/core/fx/index.js';
import { argument, seeded } from './common.js';
import { currencyCodes, priced } from './fx-book.js';
import { benchFxPayments, benchFxPaymentsRounds } from './fx-payments.js';

const quotesTotal = 1000;
const providers = ['FXPROVAA', 'FXPROVBB', 'FXPROVCC', 'FXPROVDD', 'FXPROVEE', 'FXPROVFF', 'FXPROVGG', 'FXPROVHH'];
const participants = ['BANKAAAA', 'BANKBBBB', 'BANKCCCC', 'BANKDDDD'];


function buildBook(random: () => number, policy: FxPolicy): { book: QuoteBook; refused: number } {
  // Value of one major unit in micro-units of a notional numeraire: from 0.00001 (IDR-like) to 3 (KWD-like).
  const values = currencyCodes.map(() => BigInt(10 + Math.floor(random() * 3_000_000)));
  let book = emptyQuoteBook;
  let refused = 0;
  for (let i = 0; i < quotesTotal; i += 1) {
    const b = Math.floor(random() * currencyCodes.length);
    const c = (b + 1 + Math.floor(random() * (currencyCodes.length - 1))) % currencyCodes.length;
    const [vb, vc] = [values[b] ?? 1n, values[c] ?? 1n];
    const restricted = random() < 0.2;
    const change = postQuote(book, {
      id: `q${i}`, provider: providers[i % providers.length] ?? '', base: currencyCodes[b] ?? '', counter: currencyCodes[c] ?? '',
      bid: random() < 0.9 ? priced(vb, vc, BigInt(5 + Math.floor(random() * 50)), true) : null,
      ask: priced(vb, vc, BigInt(5 + Math.floor(random() * 50)), false),
      sizeMinMinor: 100n, sizeMaxMinor: 10n ** BigInt(9 + Math.floor(random() * 6)), expiresAtMs: 3_600_000,
      participants: restricted ? [{ participant: participants[i % participants.length] ?? '', bid: null, ask: null }] : null,
    }, policy, 0);
    if (change.ok) book = change.book;
    else refused += 1;
  }
  return { book, refused };
}

function requests(random: () => number, count: number): RouteRequest[] {
  return Array.from({ length: count }, () => {
    const s = Math.floor(random() * currencyCodes.length);
    const t = (s + 1 + Math.floor(random() * (currencyCodes.length - 1))) % currencyCodes.length;
    return {
      participant: participants[Math.floor(random() * participants.length)] ?? '',
      sourceCurrency: currencyCodes[s] ?? '', targetCurrency: currencyCodes[t] ?? '',
      mode: random() < 0.5 ? 'send' : 'deliver',
      amountMinor: BigInt(1000 + Math.floor(random() * 100_000_000)),
    };
  });
}

function main(): void {
  const hops = argument('--hops', 3);
  const seconds = argument('--seconds', 2);
  const policy: FxPolicy = { ...openFxPolicy, routeHops: hops };
  const random = seeded(20240601);
  let started = performance.now();
  const { book, refused } = buildBook(random, policy);
  const postMs = performance.now() - started;
  started = performance.now();
  const index = buildRouteIndex(book, policy, 1);
  const indexMs = performance.now() - started;
  const batch = requests(random, 4096);
  started = performance.now();
  for (const request of batch) findRoute(index, request, 1); // warm-up: fills the bound tables for every endpoint
  const warmMs = performance.now() - started;
  let routes = 0;
  let found = 0;
  let legs = 0;
  started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    for (const request of batch) {
      const result = findRoute(index, request, 2);
      routes += 1;
      if (result.ok) { found += 1; legs += result.route.legs.length; }
    }
  }
  const elapsedS = (performance.now() - started) / 1000;
  console.log(`fx-routes: ${currencyCodes.length} currencies, ${book.quotes.size} live quotes (${refused} refused at post), routeHops ${hops}`);
  console.log(`post_quote with arbitrage check: ${(postMs / quotesTotal).toFixed(3)} ms per quote (${(postMs / 1000).toFixed(2)} s for ${quotesTotal})`);
  console.log(`route index build: ${indexMs.toFixed(1)} ms; bound tables warm-up: ${warmMs.toFixed(0)} ms`);
  console.log(`routes: ${routes} in ${elapsedS.toFixed(2)} s = ${Math.round(routes / elapsedS)} routes/s (${found} found, mean ${(legs / Math.max(found, 1)).toFixed(2)} legs)`);
  const rounds = argument('--rounds', 0);
  if (rounds > 0) benchFxPaymentsRounds(rounds, seconds, hops);
  else benchFxPayments(seconds, hops);
}

main();

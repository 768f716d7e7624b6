/**
 * FX in the demo: two providers quote every pair of the demo's currencies around the demo's
 * round market rates (scale.ts), and a share of the traffic pays across currencies. Prices are
 * exact decimals of 8 significant digits, the bid rounded down and the ask up from the mid, so
 * the book is free of arbitrage (mids multiply to 1 around any cycle).
 */
import type { NodeCommand } from '../core/network/apply.js';
import type { NodeConfig, ParticipantConfig } from '../config/node-config.js';
import type { FxQuoteInput } from '../core/network/fx-types.js';
import { assert } from '../core/assert.js';
import { defaultFxPolicy } from '../core/network/fx-state.js';
import { createPrng, type Prng } from './prng.js';
import { demoUnitsPerUsd } from './scale.js';
import { trafficMedianUsd, trafficSigma } from './traffic.js';

/** The providers: BIC, name, country, spread each side of the mid in basis points, the share of pairs it quotes. */
export const demoFxProviders = [
  { bic: 'CRFXSGSG', name: 'Corridor Demo FX Singapore', country: 'SG', spreadBps: 8, pairs: 1 },
  { bic: 'CRFXAEAD', name: 'Corridor Demo FX Dubai', country: 'AE', spreadBps: 6, pairs: 0.5 },
] as const;

/** Cross-currency payments are capped lower than domestic ones: providers' inventory is finite. */
export const fxTrafficAmountUsdMax = 2_000_000;
/** How long a demo FX payment may wait for its payer's liquidity. */
export const demoFxQueueTimeoutMs = 60_000;

export function demoFxParticipants(currencies: readonly string[], apiKey: (bic: string) => { keyId: string; secretHash: string }): ParticipantConfig[] {
  return demoFxProviders.map((p) => ({ bic: p.bic, name: p.name, country: p.country, type: 'direct', sponsor: null, roles: ['fx_provider'], currencies: [...currencies], limits: [], apiKeys: [apiKey(p.bic)], webhook: null, weight: 100 }));
}

/** mid × (1 ∓ spread) with 8 significant digits, rounded away from the mid. */
function price(mid: number, spreadBps: number, below: boolean): string {
  // Exact arithmetic on integers: mid as a ratio of per-USD values scaled to 10^6.
  const scaled = BigInt(Math.round(mid * 1e9));
  const num = scaled * BigInt(below ? 10_000 - spreadBps : 10_000 + spreadBps);
  const den = 10n ** 9n * 10_000n;
  let scale = 0;
  while ((num * 10n ** BigInt(scale)) / den < 10n ** 7n) scale += 1;
  const n = num * 10n ** BigInt(scale);
  const digits = (below ? n / den : (n + den - 1n) / den).toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * The providers' opening FX commands: half of each provider's funding moved into inventory, and
 * a quote per pair it serves, firm for `ttlMs` from `nowMs`. Idempotent by reference; quotes of a
 * restart replace the ones live.
 */
export function demoFxCommands(config: NodeConfig, funding: readonly { bic: string; currency: string; amountMinor: bigint }[], nowMs: number, ttlMs: number): NodeCommand[] {
  // A payer short of liquidity in an rtgs currency waits up to a minute in its queue, provider legs reserved (docs/settlement.md, FX payments).
  const commands: NodeCommand[] = [{ type: 'set_fx_policy', policy: { ...defaultFxPolicy, queueTimeoutMs: demoFxQueueTimeoutMs } }];
  for (const f of funding) {
    if (!demoFxProviders.some((p) => p.bic === f.bic)) continue;
    commands.push({ type: 'move_fx_inventory', bic: f.bic, currency: f.currency, direction: 'in', amount: f.amountMinor / 2n, reference: `demo-fx-${f.bic}-${f.currency}` });
  }
  const codes = config.currencies.map((c) => c.code);
  const exponents = new Map(config.currencies.map((c) => [c.code, c.exponent]));
  demoFxProviders.forEach((provider, p) => {
    let pairIndex = 0;
    for (let i = 0; i < codes.length; i += 1) {
      for (let j = i + 1; j < codes.length; j += 1) {
        pairIndex += 1;
        if (provider.pairs < 1 && (pairIndex + p) % Math.round(1 / provider.pairs) !== 0) continue;
        const [base, counter] = [codes[i]!, codes[j]!];
        const mid = demoUnitsPerUsd(counter) / demoUnitsPerUsd(base);
        const quote: FxQuoteInput = {
          id: `${provider.bic}-${base}${counter}`,
          base,
          counter,
          bid: price(mid, provider.spreadBps, true),
          ask: price(mid, provider.spreadBps, false),
          sizeMinMinor: 1n,
          // Up to 10 million USD of the base currency per leg.
          sizeMaxMinor: BigInt(Math.round(10_000_000 * demoUnitsPerUsd(base))) * 10n ** BigInt(exponents.get(base)!),
          expiresAtMs: nowMs + ttlMs,
          participants: null,
        };
        commands.push({ type: 'post_fx_quote', provider: provider.bic, replace: false, quote });
        commands.push({ type: 'post_fx_quote', provider: provider.bic, replace: true, quote });
      }
    }
  });
  return commands;
}

export interface DemoFxPayment {
  readonly sender: string;
  readonly creditorAgent: string;
  readonly sourceCurrency: string;
  readonly targetCurrency: string;
  /** In the source currency (send). */
  readonly amountMinor: bigint;
}

/** Seeded cross-currency traffic: a direct bank of one currency pays a bank of another, parties by weight. */
export function createFxTraffic(config: NodeConfig, seed: number): { next(): DemoFxPayment } {
  const banks = config.participants.filter((p) => p.roles.includes('bank') && p.type === 'direct');
  const codes = config.currencies.map((c) => c.code).filter((code) => banks.some((b) => b.currencies.includes(code)));
  assert(codes.length >= 2, 'demo FX traffic needs banks in two currencies');
  const exponents = new Map(config.currencies.map((c) => [c.code, c.exponent]));
  const prng: Prng = createPrng(seed);
  const byWeight = (candidates: readonly ParticipantConfig[]): ParticipantConfig => {
    const total = candidates.reduce((sum, c) => sum + c.weight, 0);
    let u = prng.nextFloat() * total;
    for (const c of candidates) {
      u -= c.weight;
      if (u < 0) return c;
    }
    return candidates.at(-1)!;
  };
  return {
    next() {
      const source = codes[Math.floor(prng.nextFloat() * codes.length)]!;
      const others = codes.filter((code) => code !== source);
      const target = others[Math.floor(prng.nextFloat() * others.length)]!;
      const debtor = byWeight(banks.filter((b) => b.currencies.includes(source)));
      const creditor = byWeight(banks.filter((b) => b.currencies.includes(target)));
      const usd = Math.min(fxTrafficAmountUsdMax, trafficMedianUsd * Math.exp(trafficSigma * prng.nextNormal()));
      const minor = Math.max(1, Math.round(usd * demoUnitsPerUsd(source) * 10 ** exponents.get(source)!));
      return { sender: debtor.bic, creditorAgent: creditor.bic, sourceCurrency: source, targetCurrency: target, amountMinor: BigInt(minor) };
    },
  };
}

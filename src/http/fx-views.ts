import { formatMinorUnits } from '../config/amounts.js';
import type { Quote, QuotePrice } from '../core/fx/index.js';
import type { FxPaymentDetails, FxRouteLegRecord, HeldRouteRecord } from '../core/network/fx-types.js';
import type { NetworkState } from '../core/network/state.js';
import type { Principal } from './route.js';
import { amountView, isoMicros } from './views.js';

/** Quote sizes are minor units of its base currency. */
function minorView(network: NetworkState, currency: string, minor: bigint) {
  const exponent = network.currencies.get(currency)?.exponent ?? 0;
  return { value: formatMinorUnits(minor, exponent), currency };
}

/**
 * A quote as `principal` may see it: the operator and its provider see everything; another
 * participant sees a public quote, or a restricted one offered to it with its own price only.
 * null when it may not see it at all.
 */
export function quoteView(network: NetworkState, principal: Principal, q: Quote) {
  const full = principal.kind === 'operator' || principal.bic === q.provider;
  let participants: { participant: string; bid: string | null; ask: string | null }[] | null = null;
  if (q.participants !== null) {
    const entries = [...q.participants].filter(([p]) => full || (principal.kind === 'participant' && p === principal.bic));
    if (entries.length === 0) return null;
    participants = entries.map(([participant, price]) => ({ participant, ...priceText(price) }));
  }
  return {
    id: q.id,
    provider: q.provider,
    base: q.base,
    counter: q.counter,
    ...priceText(q.price),
    sizeMin: minorView(network, q.base, q.sizeMinMinor),
    sizeMax: minorView(network, q.base, q.sizeMaxMinor),
    postedAt: isoMicros(q.postedAtMs * 1000),
    expiresAt: isoMicros(q.expiresAtMs * 1000),
    participants,
  };
}

function priceText(p: QuotePrice): { bid: string | null; ask: string | null } {
  return { bid: p.bid?.text ?? null, ask: p.ask?.text ?? null };
}

export function legView(network: NetworkState, leg: FxRouteLegRecord) {
  return {
    provider: leg.provider,
    quoteId: leg.quoteId,
    pair: `${leg.base}/${leg.counter}`,
    side: leg.side,
    rate: leg.rate,
    providerGets: amountView(network, leg.from, leg.amountInMinor),
    providerGives: amountView(network, leg.to, leg.amountOutMinor),
  };
}

export function routeView(network: NetworkState, r: HeldRouteRecord) {
  return {
    routeId: r.routeId,
    mode: r.mode,
    sent: amountView(network, r.sourceCurrency, r.sentMinor),
    delivered: amountView(network, r.targetCurrency, r.deliveredMinor),
    rate: r.rate,
    heldAt: isoMicros(r.heldAt),
    heldUntil: isoMicros(r.heldUntil),
    usedBy: r.usedBy,
    legs: r.legs.map((leg) => legView(network, leg)),
  };
}

export function fxDetailsView(network: NetworkState, sourceCurrency: string, sentMinor: bigint, fx: FxPaymentDetails | null) {
  if (fx === null) return null;
  return {
    routeId: fx.routeId,
    mode: fx.mode,
    sent: amountView(network, sourceCurrency, sentMinor),
    delivered: amountView(network, fx.targetCurrency, fx.deliveredMinor),
    rate: fx.rate,
    legs: fx.legs.map((leg) => legView(network, leg)),
  };
}

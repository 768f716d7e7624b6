/** An FX provider on the small test network (INR, CNY), shared by the FX HTTP tests. */
import { call, expectStatus, newIdempotencyKey, onboardSmallNetwork, type SmallNetwork, type TestNode } from './support.js';

export const provider = 'FXPRSGSG';

export interface AmountJson {
  readonly value: string;
  readonly currency: string;
}
export interface FxJson {
  readonly routeId: string | null;
  readonly sent: AmountJson;
  readonly delivered: AmountJson;
  readonly rate: string;
}
export interface PaymentJson {
  readonly uetr: string;
  readonly status: string;
  readonly isoStatus: string;
  readonly amount: AmountJson;
  readonly reason: { readonly code: string } | null;
  readonly fx: FxJson;
}
export interface RouteJson extends FxJson {
  readonly routeId: string;
  readonly legs: unknown[];
}
export interface QuoteJson {
  readonly id: string;
  readonly provider: string;
  readonly bid: string | null;
  readonly ask: string | null;
  readonly sizeMin: AmountJson;
  readonly sizeMax: AmountJson;
}
export interface InboxJson {
  readonly events: { readonly reference: string; readonly type: string; readonly amount: AmountJson; readonly payment: { readonly fx: FxJson } }[];
}
export interface AccountsJson {
  readonly accounts: { readonly currency: string; readonly kind: string; readonly balance: AmountJson }[];
}

export interface Fixture {
  readonly net: SmallNetwork;
  readonly providerKey: string;
}

export async function onboardProvider(node: TestNode): Promise<Fixture> {
  const net = await onboardSmallNetwork(node);
  const op = (method: string, path: string, status: number, body?: unknown) => expectStatus(status, call(node, method, path, { key: net.operatorKey, body }));
  await op('POST', '/v1/participants', 201, { bic: provider, name: 'FX Provider', country: 'SG', type: 'direct', roles: ['fx_provider'], currencies: ['INR', 'CNY'] });
  const providerKey = ((await op('POST', `/v1/participants/${provider}/api-keys`, 201)) as { key: string }).key;
  await op('POST', '/v1/funding', 201, { direction: 'in', participant: provider, amount: { value: '100000.00', currency: 'INR' }, reference: 'fx-inr' });
  await op('POST', '/v1/funding', 201, { direction: 'in', participant: provider, amount: { value: '10000.00', currency: 'CNY' }, reference: 'fx-cny' });
  const p = (path: string, status: number, body: unknown) => expectStatus(status, call(node, 'POST', path, { key: providerKey, body }));
  await p('/v1/fx/inventory', 201, { direction: 'in', amount: { value: '100000.00', currency: 'INR' }, reference: 'inv-inr' });
  await p('/v1/fx/inventory', 201, { direction: 'in', amount: { value: '10000.00', currency: 'CNY' }, reference: 'inv-cny' });
  // 1 CNY = 11.62 INR (bid) / 11.70 (ask): INR → CNY uses the ask (the provider sells CNY).
  await p('/v1/fx/quotes', 201, { id: 'CNYINR-1', base: 'CNY', counter: 'INR', bid: '11.62', ask: '11.70', sizeMin: '0.01', sizeMax: '5000.00', ttlSeconds: 3600 });
  return { net, providerKey };
}

export function fxPay(node: TestNode, key: string, body: unknown, idempotencyKey = newIdempotencyKey()) {
  return call<PaymentJson>(node, 'POST', '/v1/fx/payments', { key, body, headers: { 'idempotency-key': idempotencyKey } });
}


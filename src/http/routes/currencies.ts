import { Type, type Static } from '@sinclair/typebox';
import cc from 'currency-codes';
import { ProblemError } from '../problems.js';
import type { RouteSpec } from '../route.js';
import { Currency, CurrencyInput } from '../schemas.js';
import { currencyView } from '../views.js';
import { submitNetwork } from './common.js';

const addCurrency: RouteSpec = {
  method: 'POST',
  path: '/v1/currencies',
  operationId: 'addCurrency',
  summary: 'Open a currency ledger with its settlement mode, agent (central bank) and, for rtgs, its queue order',
  tag: 'currencies',
  access: 'operator',
  body: CurrencyInput,
  responses: { 201: Currency, 200: Currency },
  problems: [409, 422],
  async handler({ body, services }) {
    const input = body as Static<typeof CurrencyInput>;
    const iso = cc.code(input.code);
    if (iso === undefined || !Number.isInteger(iso.digits) || iso.number === '') throw new ProblemError('unknown-currency', `${input.code} is not an ISO 4217 currency`);
    const result = await submitNetwork(services, { type: 'register_currency', code: input.code, exponent: iso.digits, ledger: Number(iso.number), mode: input.mode, agent: input.agent, ...(input.queueOrder === undefined ? {} : { queueOrder: input.queueOrder }) });
    const network = services.node.network;
    return { status: result === 'accepted' ? 201 : 200, body: currencyView(network, network.currencies.get(input.code)!) };
  },
};

const listCurrencies: RouteSpec = {
  method: 'GET',
  path: '/v1/currencies',
  operationId: 'listCurrencies',
  summary: 'The currencies of this network',
  tag: 'currencies',
  access: 'any',
  responses: { 200: Type.Object({ currencies: Type.Array(Currency) }, { additionalProperties: false }) },
  async handler({ services }) {
    await services.node.readBarrier();
    const network = services.node.network;
    return { status: 200, body: { currencies: [...network.currencies.values()].map((c) => currencyView(network, c)) } };
  },
};

export const currencyRoutes: readonly RouteSpec[] = [addCurrency, listCurrencies];

import { Type } from '@sinclair/typebox';
import { accountBalanceAt, accountTransfers } from '../../core/ledger/queries.js';
import type { Account as LedgerAccount } from '../../core/ledger/types.js';
import type { NetworkState } from '../../core/network/state.js';
import { ProblemError } from '../problems.js';
import type { Principal, RouteSpec } from '../route.js';
import { Account, Bic, Cursor, HexId, Limit, Statement, Timestamp, TransfersPage } from '../schemas.js';
import { accountView, amountView, isoMicros, parseIsoMicros, transferView } from '../views.js';
import type { Services } from '../services.js';
import { pageLimit } from './common.js';

const transfersPageDefault = 100;
const transfersPageLimitMax = 1000;
/** A statement carries at most this many entries; a longer period continues through the transfers page. */
const statementEntriesMax = 5000;

/** The currency of each account the network opened, by account id. */
function accountCurrency(network: NetworkState, account: LedgerAccount): string | undefined {
  for (const currency of network.currencies.values()) if (currency.ledger === account.ledger) return currency.code;
  return undefined;
}

async function visibleAccount(services: Services, principal: Principal, id: string): Promise<{ account: LedgerAccount; currency: string }> {
  await services.node.readBarrier();
  const account = services.node.state.accounts.get(id);
  const currency = account === undefined ? undefined : accountCurrency(services.node.network, account);
  if (account === undefined || currency === undefined || (principal.kind === 'participant' && account.participant !== principal.bic)) {
    throw new ProblemError('not-found', `no account ${id} for this key`);
  }
  return { account, currency };
}

const listAccounts: RouteSpec = {
  method: 'GET',
  path: '/v1/accounts',
  operationId: 'listAccounts',
  summary: 'Balances: the caller’s accounts (the operator: anyone’s, with ?participant=)',
  tag: 'accounts',
  access: 'any',
  query: Type.Object({ participant: Type.Optional(Bic) }, { additionalProperties: false }),
  responses: { 200: Type.Object({ accounts: Type.Array(Account) }, { additionalProperties: false }) },
  async handler({ principal, query, services }) {
    await services.node.readBarrier();
    const network = services.node.network;
    const bic = principal.kind === 'participant' ? principal.bic : query.participant;
    if (principal.kind === 'participant' && query.participant !== undefined && query.participant !== principal.bic) {
      throw new ProblemError('not-found', `no participant ${query.participant} for this key`);
    }
    const accounts = [];
    for (const [key, id] of network.settlementAccounts) {
      const [owner, currency] = key.split(' ') as [string, string];
      if (bic !== undefined && owner !== bic) continue;
      accounts.push(accountView(network, services.node.state.accounts.get(id)!, currency));
    }
    if (principal.kind === 'operator') {
      for (const currency of network.currencies.values()) {
        if (bic !== undefined && currency.agent !== bic) continue;
        accounts.push(accountView(network, services.node.state.accounts.get(currency.agentAccountId)!, currency.code));
      }
    }
    return { status: 200, body: { accounts } };
  },
};

const getAccount: RouteSpec = {
  method: 'GET',
  path: '/v1/accounts/{accountId}',
  operationId: 'getAccount',
  summary: 'One account with its balances',
  tag: 'accounts',
  access: 'any',
  params: Type.Object({ accountId: HexId }, { additionalProperties: false }),
  responses: { 200: Account },
  problems: [404],
  async handler({ principal, params, services }) {
    const { account, currency } = await visibleAccount(services, principal, params.accountId!);
    return { status: 200, body: accountView(services.node.network, account, currency) };
  },
};

const listTransfers: RouteSpec = {
  method: 'GET',
  path: '/v1/accounts/{accountId}/transfers',
  operationId: 'listAccountTransfers',
  summary: 'An account’s transfers, oldest first, a page at a time',
  tag: 'accounts',
  access: 'any',
  params: Type.Object({ accountId: HexId }, { additionalProperties: false }),
  query: Type.Object({ after: Type.Optional(Cursor), limit: Type.Optional(Limit) }, { additionalProperties: false }),
  responses: { 200: TransfersPage },
  problems: [404],
  async handler({ principal, params, query, services }) {
    const { account, currency } = await visibleAccount(services, principal, params.accountId!);
    const limit = pageLimit(query.limit, transfersPageDefault, transfersPageLimitMax);
    const after = query.after === undefined ? undefined : Number(query.after);
    const page = accountTransfers(services.node.state, account.id, { ...(after === undefined ? {} : { afterTimestamp: after }), limit: limit + 1 });
    const more = page.length > limit;
    const shown = more ? page.slice(0, limit) : page;
    const network = services.node.network;
    return {
      status: 200,
      body: { account: account.id, transfers: shown.map((t) => transferView(network, t, account.id, currency)), next: more ? String(shown.at(-1)!.timestamp) : null },
    };
  },
};

const getStatement: RouteSpec = {
  method: 'GET',
  path: '/v1/accounts/{accountId}/statement',
  operationId: 'getAccountStatement',
  summary: 'Statement for a period: opening balance, entries, closing balance',
  description: 'The period is (from, to]; both are ISO 8601 times. The balance is credits minus debits, posted.',
  tag: 'accounts',
  access: 'any',
  params: Type.Object({ accountId: HexId }, { additionalProperties: false }),
  query: Type.Object({ from: Timestamp, to: Timestamp }, { additionalProperties: false }),
  responses: { 200: Statement },
  problems: [404],
  async handler({ principal, params, query, services }) {
    const from = parseIsoMicros(query.from!);
    const to = parseIsoMicros(query.to!);
    if (from === undefined || to === undefined || to < from) throw new ProblemError('invalid-request', 'from and to must be ISO 8601 times with from ≤ to');
    const { account, currency } = await visibleAccount(services, principal, params.accountId!);
    const state = services.node.state;
    const balanceAt = (us: number): bigint => {
      const at = accountBalanceAt(state, account.id, us);
      if (!at.ok) throw new Error(`balance of ${account.id}: ${at.error}`);
      return at.balances.creditsPosted - at.balances.debitsPosted;
    };
    const entries = accountTransfers(state, account.id, { afterTimestamp: from, untilTimestamp: to, limit: statementEntriesMax + 1 });
    const complete = entries.length <= statementEntriesMax;
    const network = services.node.network;
    return {
      status: 200,
      body: {
        account: account.id,
        currency,
        from: isoMicros(from),
        to: isoMicros(to),
        openingBalance: amountView(network, currency, balanceAt(from)),
        closingBalance: amountView(network, currency, balanceAt(to)),
        entries: entries.slice(0, statementEntriesMax).map((t) => transferView(network, t, account.id, currency)),
        complete,
      },
    };
  },
};

export const accountRoutes: readonly RouteSpec[] = [listAccounts, getAccount, listTransfers, getStatement];

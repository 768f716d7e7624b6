import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { configCommands, formatNodeConfig, parseNodeConfig } from '../config/node-config.js';
import { applyNodeBatch, type NodeCommand, type NodeResult } from '../core/network/apply.js';
import { createNodeState, settlementAccountKey, type NodeState } from '../core/network/state.js';
import { demoApiKey, demoConfig, demoDnsWindowSeconds, demoFunding } from './network.js';
import { createTraffic } from './traffic.js';

const config = demoConfig();
const banksOf = (code: string) => config.participants.filter((p) => p.currencies.includes(code) && p.roles.includes('bank'));

/** Applies commands in batches at increasing timestamps; returns every result. */
function applyInBatches(state: NodeState, commands: readonly NodeCommand[], clock: { timestamp: number }): NodeResult[] {
  const results: NodeResult[] = [];
  for (let start = 0; start < commands.length; start += 1000) {
    clock.timestamp += 1_000_000;
    results.push(...applyNodeBatch(state, { timestamp: clock.timestamp, commands: commands.slice(start, start + 1000) }).results);
  }
  return results;
}

function uetr(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

describe('demoConfig', () => {
  it('is a valid node config: it reads back from its own file as the same config', () => {
    const text = formatNodeConfig(config);
    assert.deepEqual(parseNodeConfig(text), config);
  });

  it('has six currencies, each issued by its central bank', () => {
    assert.deepEqual(config.currencies.map((c) => c.code), ['CNY', 'RUB', 'INR', 'BRL', 'ZAR', 'AED']);
    for (const currency of config.currencies) {
      const agent = config.participants.find((p) => p.bic === currency.agent);
      assert.deepEqual(agent?.roles, ['settlement_agent'], currency.code);
      assert.equal(currency.exponent, 2);
    }
    assert.ok(config.currencies.filter((c) => c.mode !== 'dns').length >= 4, 'mostly gross');
    // One dns currency with a schedule, so the dashboard's windows panel lives on `npm start`.
    assert.deepEqual(config.currencies.filter((c) => c.mode === 'dns').map((c) => [c.code, c.windowSeconds]), [['AED', demoDnsWindowSeconds]]);
  });

  it('gives every currency at least three banks, with heavy-tailed weights', () => {
    for (const currency of config.currencies) {
      const weights = banksOf(currency.code).map((p) => p.weight).sort((a, b) => b - a);
      assert.ok(weights.length >= 3, currency.code);
      assert.ok(weights[0]! >= 4 * weights.at(-1)!, `${currency.code}: the largest bank outweighs the smallest by 4× or more`);
    }
  });

  it('gives each participant a BIC whose country letters match its country', () => {
    for (const p of config.participants) assert.equal(p.bic.slice(4, 6), p.country, p.bic);
    assert.equal(new Set(config.participants.map((p) => p.bic)).size, config.participants.length);
  });

  it('has an indirect bank settling through a direct sponsor', () => {
    const indirect = config.participants.filter((p) => p.type === 'indirect');
    assert.equal(indirect.length, 1);
    assert.equal(indirect[0]?.sponsor, 'SBININBB');
  });

  it('gives each participant its demo API key, in the API’s key format', () => {
    for (const p of config.participants) {
      const key = demoApiKey(p.bic);
      assert.deepEqual(p.apiKeys, [{ keyId: key.keyId, secretHash: key.secretHash }]);
      const match = /^([A-Za-z0-9]{8,32})\.([A-Za-z0-9_-]{43})$/.exec(key.key);
      assert.ok(match !== null, key.key);
      assert.equal(createHash('sha256').update(match[2]!).digest('hex'), key.secretHash);
    }
  });
});

describe('demoFunding', () => {
  const funding = demoFunding(config);

  it('funds every direct bank in its currency, in whole major units, more for larger banks', () => {
    const direct = config.participants.filter((p) => p.type === 'direct' && p.roles.includes('bank'));
    assert.deepEqual(funding.map((f) => `${f.bic} ${f.currency}`).sort(), direct.map((p) => `${p.bic} ${p.currencies[0]}`).sort());
    for (const f of funding) {
      assert.ok(f.amountMinor > 0n && f.amountMinor % 100n === 0n, `${f.bic} ${f.amountMinor}`);
    }
    const inr = funding.filter((f) => f.currency === 'INR');
    assert.equal(inr[0]?.bic, 'SBININBB');
    assert.ok(inr.every((f) => f.amountMinor <= inr[0]!.amountMinor));
  });

  it('sets up a fresh node, funds it, and the node settles demo traffic without refusals', () => {
    const state = createNodeState();
    const clock = { timestamp: 0 };
    assert.ok(applyInBatches(state, configCommands(config), clock).every((r) => r === 'accepted'));
    const fundCommands = funding.map((f, i): NodeCommand => ({ type: 'fund', direction: 'in', bic: f.bic, currency: f.currency, amount: f.amountMinor, reference: `OPEN${i}` }));
    assert.ok(applyInBatches(state, fundCommands, clock).every((r) => r === 'accepted'));
    const traffic = createTraffic(config, 1);
    const payments = Array.from({ length: 3000 }, (_, i): NodeCommand => {
      const p = traffic.next();
      return {
        type: 'submit_payment', sender: p.sender, idempotencyKey: `demo-${i}`, requestHash: createHash('sha256').update(String(i)).digest('hex'),
        uetr: uetr(i), endToEndId: `E2E${i}`, currency: p.currency, amount: p.amountMinor, debtorAgent: p.debtorAgent, creditorAgent: p.creditorAgent,
        debtorName: 'Debtor', creditorName: 'Creditor', remittanceInformation: '',
      };
    });
    const results = applyInBatches(state, payments, clock);
    assert.deepEqual([...new Set(results)], ['accepted']);
    // Money only moved between banks: each currency's settlement balances still sum to its funding.
    for (const currency of config.currencies) {
      let sum = 0n;
      for (const p of banksOf(currency.code).filter((b) => b.type === 'direct')) {
        const account = state.ledger.accounts.get(state.network.settlementAccounts.get(settlementAccountKey(p.bic, currency.code))!)!;
        sum += account.creditsPosted - account.debitsPosted;
      }
      const funded = funding.filter((f) => f.currency === currency.code).reduce((total, f) => total + f.amountMinor, 0n);
      assert.equal(sum, funded, currency.code);
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNodeConfig, type NodeConfig } from '../config/node-config.js';
import { demoConfig, demoFunding } from './network.js';
import { demoUnitsPerUsd } from './scale.js';
import { createTraffic, type DemoPayment } from './traffic.js';

const config = demoConfig();
const byBic = new Map(config.participants.map((p) => [p.bic, p]));
const settles = (bic: string): string => byBic.get(bic)!.sponsor ?? bic;

function draw(seed: number, count: number, from: NodeConfig = config): DemoPayment[] {
  const traffic = createTraffic(from, seed);
  return Array.from({ length: count }, () => traffic.next());
}

function usd(p: DemoPayment): number {
  return Number(p.amountMinor) / 100 / demoUnitsPerUsd(p.currency);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

describe('createTraffic', () => {
  it('gives the same payments for the same seed, and others for another seed', () => {
    assert.deepEqual(draw(11, 2000), draw(11, 2000));
    assert.notDeepEqual(draw(11, 200), draw(12, 200));
  });

  it('pays between two banks of the payment’s currency that settle on different accounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        for (const p of draw(seed, 200)) {
          const debtor = byBic.get(p.debtorAgent)!;
          const creditor = byBic.get(p.creditorAgent)!;
          assert.notEqual(p.debtorAgent, p.creditorAgent);
          assert.notEqual(settles(p.debtorAgent), settles(p.creditorAgent));
          assert.ok(debtor.currencies.includes(p.currency) && creditor.currencies.includes(p.currency), `${p.currency} held by both`);
          assert.ok(debtor.roles.includes('bank') && creditor.roles.includes('bank'));
          assert.equal(p.sender, settles(p.debtorAgent), 'the debtor agent sends, or its sponsor for it');
          assert.ok(p.amountMinor > 0n);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('lets the indirect bank pay and be paid, through its sponsor, but never to or from its sponsor', () => {
    const payments = draw(5, 50_000);
    const asDebtor = payments.filter((p) => p.debtorAgent === 'SRCBINBB');
    const asCreditor = payments.filter((p) => p.creditorAgent === 'SRCBINBB');
    assert.ok(asDebtor.length > 0 && asCreditor.length > 0);
    assert.ok(asDebtor.every((p) => p.sender === 'SBININBB' && p.creditorAgent !== 'SBININBB'));
    assert.ok(asCreditor.every((p) => p.sender !== 'SBININBB'));
  });

  it('picks parties by weight: each ordered pair about as often as weight × weight', () => {
    const payments = draw(3, 200_000).filter((p) => p.currency === 'RUB');
    const banks = config.participants.filter((p) => p.currencies.includes('RUB'));
    const total = banks.reduce((sum, p) => sum + p.weight, 0);
    const mass = banks.reduce((sum, p) => sum + p.weight * (total - p.weight), 0);
    for (const debtor of banks) {
      for (const creditor of banks) {
        if (debtor === creditor) continue;
        const expected = (debtor.weight * creditor.weight) / mass;
        const seen = payments.filter((p) => p.debtorAgent === debtor.bic && p.creditorAgent === creditor.bic).length / payments.length;
        assert.ok(Math.abs(seen - expected) < 0.01 + expected * 0.1, `${debtor.bic}→${creditor.bic}: ${seen} vs ${expected}`);
      }
    }
  });

  it('picks currencies by their banks’ weight, so every currency sees traffic', () => {
    const counts = new Map<string, number>();
    for (const p of draw(8, 20_000)) counts.set(p.currency, (counts.get(p.currency) ?? 0) + 1);
    assert.deepEqual([...counts.keys()].sort(), config.currencies.map((c) => c.code).sort());
    for (const count of counts.values()) assert.ok(count > 1000);
  });

  it('draws heavy-tailed amounts: median of a few thousand USD, the top 1% carrying a large share of value', () => {
    const values = draw(21, 100_000).map(usd).sort((a, b) => b - a);
    const total = values.reduce((sum, v) => sum + v, 0);
    const top = values.slice(0, values.length / 100).reduce((sum, v) => sum + v, 0);
    assert.ok(top / total > 0.3, `top 1% carry ${top / total}`);
    assert.ok(values.at(-1)! < 1 && values[0]! > 1_000_000, `from ${values.at(-1)} to ${values[0]} USD`);
    const mid = median(values);
    assert.ok(mid > 2000 && mid < 4500, `median ${mid} USD`);
    assert.ok(values[0]! <= 100_000_000);
  });

  it('scales amounts by currency: a median INR payment is worth a median AED one', () => {
    const payments = draw(4, 100_000);
    const medianOf = (code: string): number => median(payments.filter((p) => p.currency === code).map((p) => Number(p.amountMinor)));
    const ratio = medianOf('INR') / medianOf('AED');
    const expected = demoUnitsPerUsd('INR') / demoUnitsPerUsd('AED');
    assert.ok(Math.abs(ratio / expected - 1) < 0.1, `INR/AED median ratio ${ratio}, rates say ${expected}`);
  });

  it('rarely outruns the opening funding: balances drift nowhere', () => {
    const balances = new Map<string, bigint>(demoFunding(config).map((f) => [`${f.bic} ${f.currency}`, f.amountMinor]));
    for (const p of config.participants) {
      for (const l of p.limits) balances.set(`${p.bic} ${l.currency}`, balances.get(`${p.bic} ${l.currency}`)! + (l.creditLine ?? 0n));
    }
    const traffic = createTraffic(config, 1);
    const count = 200_000;
    let short = 0;
    for (let i = 0; i < count; i += 1) {
      const p = traffic.next();
      const from = `${p.sender} ${p.currency}`;
      const to = `${settles(p.creditorAgent)} ${p.currency}`;
      const balance = balances.get(from)!;
      if (balance < p.amountMinor) {
        short += 1;
        continue;
      }
      balances.set(from, balance - p.amountMinor);
      balances.set(to, balances.get(to)! + p.amountMinor);
    }
    assert.ok(short / count < 1e-4, `${short} of ${count} payments lacked funds`);
  });

  it('works on any config: a small one from a file', () => {
    const small = parseNodeConfig(
      JSON.stringify({
        currencies: [{ code: 'XTS', mode: 'rtgs', agent: 'CENTXXBB' }],
        participants: [
          { bic: 'CENTXXBB', name: 'Central', country: 'XX', type: 'direct', roles: ['settlement_agent'], currencies: [] },
          { bic: 'BANKXXAA', name: 'Bank A', country: 'XX', type: 'direct', roles: ['bank'], currencies: ['XTS'], weight: 9 },
          { bic: 'BANKXXBB', name: 'Bank B', country: 'XX', type: 'direct', roles: ['bank'], currencies: ['XTS'] },
          { bic: 'BANKXXCC', name: 'Bank C', country: 'XX', type: 'indirect', sponsor: 'BANKXXAA', roles: ['bank'], currencies: ['XTS'] },
        ],
      }),
    );
    const payments = draw(1, 5000, small);
    // A and C share A's account: every payment involves B.
    assert.ok(payments.every((p) => p.debtorAgent === 'BANKXXBB' || p.creditorAgent === 'BANKXXBB'));
    assert.ok(payments.some((p) => p.debtorAgent === 'BANKXXCC' && p.sender === 'BANKXXAA'));
  });

  it('refuses a config without two banks that could pay each other', () => {
    const lonely = parseNodeConfig(
      JSON.stringify({
        currencies: [{ code: 'XTS', mode: 'rtgs', agent: 'CENTXXBB' }],
        participants: [
          { bic: 'CENTXXBB', name: 'Central', country: 'XX', type: 'direct', roles: ['settlement_agent'], currencies: [] },
          { bic: 'BANKXXAA', name: 'Bank A', country: 'XX', type: 'direct', roles: ['bank'], currencies: ['XTS'] },
          { bic: 'BANKXXCC', name: 'Bank C', country: 'XX', type: 'indirect', sponsor: 'BANKXXAA', roles: ['bank'], currencies: ['XTS'] },
        ],
      }),
    );
    assert.throws(() => createTraffic(lonely, 1), /needs two banks of one currency that settle on different accounts/);
  });
});

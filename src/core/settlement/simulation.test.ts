import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario, simulateDay, type Scenario } from './index.js';

function scenario(mode: string, balances: [string, string][], payments: [string, string, string, number][]): string {
  return JSON.stringify({
    currency: 'XTS',
    mode,
    participants: balances.map(([id, balance]) => ({ id, balance, creditLine: '0.00' })),
    payments: payments.map(([from, to, amount, at], i) => ({ id: `p${i}`, from, to, amount, at, priority: 'normal' })),
  });
}

/** A gridlock: each bank waits for the next one's payment; only offsetting or netting frees it. */
const circle = (mode: string): string =>
  scenario(mode, [['A', '0.00'], ['B', '0.00'], ['C', '0.00']], [['A', 'B', '10.00', 0], ['B', 'C', '10.00', 5], ['C', 'A', '10.00', 10]]);

function parsed(text: string): Scenario {
  const result = parseScenario(text);
  if (!result.ok) throw new Error(result.error);
  return result.scenario;
}

void describe('simulate a day', () => {
  void it('rtgs leaves a gridlock unsettled; rtgs-lsm resolves it on the last run', () => {
    const rtgs = simulateDay(parsed(circle('rtgs')));
    assert.equal(rtgs.settled, 0);
    assert.equal(rtgs.unsettledValue, 3000n);
    const lsm = simulateDay(parsed(circle('rtgs-lsm')));
    assert.equal(lsm.settled, 3);
    assert.equal(lsm.maxDelaySeconds, 10);
    assert.equal(lsm.meanDelaySeconds, 5);
  });

  void it('reports the liquidity used: opening balance minus the lowest balance, summed over participants', () => {
    const circleLsm = simulateDay(parsed(circle('rtgs-lsm')));
    assert.equal(circleLsm.liquidityUsed, 0n, 'a resolved circle needs no liquidity');
    const funded = simulateDay(parsed(scenario('rtgs', [['A', '10.00'], ['B', '0.00'], ['C', '0.00']], [['A', 'B', '10.00', 0], ['B', 'C', '4.00', 5], ['C', 'A', '4.00', 9]])));
    assert.equal(funded.settled, 3);
    assert.equal(funded.liquidityUsed, 1000n, 'A drew its 10.00; B and C paid from what they had received');
  });

  void it('dns nets the day within caps (balance + credit line): with no cover the first payment already breaches it', () => {
    assert.equal(simulateDay(parsed(circle('dns'))).settled, 0);
    const covered = parsed(circle('dns').replace('"balance":"0.00"', '"balance":"10.00"'));
    const dns = simulateDay(covered);
    assert.equal(dns.settled, 3);
    assert.equal(dns.maxDelaySeconds, 10);
    assert.deepEqual(dns.finalBalances.map((b) => b.balance), [1000n, 0n, 0n]);
  });

  void it('reports gross, liquidity provided and minimum liquidity as DESIGN.md §5 defines them', () => {
    const result = simulateDay(parsed(scenario('rtgs', [['A', '50.00'], ['B', '0.00']], [['A', 'B', '30.00', 0], ['B', 'A', '10.00', 1], ['A', 'B', '40.00', 2]])));
    assert.equal(result.grossValue, 8000n);
    assert.equal(result.liquidityProvided, 5000n);
    assert.equal(result.minimumLiquidity, 6000n);
    assert.equal(result.settled, 2);
    assert.equal(result.unsettled, 1);
    assert.deepEqual(result.finalBalances, [{ id: 'A', balance: 3000n }, { id: 'B', balance: 2000n }]);
  });

  void it('settles everything in rtgs-lsm when the opening liquidity is the minimum liquidity', () => {
    const payments: [string, string, string, number][] = [];
    const banks = ['A', 'B', 'C', 'D'];
    for (let i = 0; i < 200; i++) payments.push([banks[(i * 7) % 4]!, banks[(i * 7 + 1 + (i % 3)) % 4]!, `${(i * 37) % 97 + 1}.00`, i * 13]);
    const zero = parsed(scenario('rtgs-lsm', banks.map((b) => [b, '0.00']), payments));
    const needed = new Map(banks.map((b) => [b, 0n]));
    for (const p of zero.payments) {
      needed.set(p.from, needed.get(p.from)! - p.amount);
      needed.set(p.to, needed.get(p.to)! + p.amount);
    }
    const funded: Scenario = { ...zero, participants: banks.map((id) => ({ id, balance: needed.get(id)! < 0n ? -needed.get(id)! : 0n, creditLine: 0n })) };
    const result = simulateDay(funded);
    assert.equal(result.liquidityProvided, result.minimumLiquidity);
    assert.equal(result.settledValue, result.grossValue);
  });
});

void describe('scenario files', () => {
  const bad: [string, unknown, RegExp][] = [
    ['not JSON', '{', /not JSON/],
    ['an unknown currency', { currency: 'ABC', mode: 'rtgs', participants: [], payments: [] }, /currency/],
    ['an unknown mode', { currency: 'XTS', mode: 'gross', participants: [{ id: 'A', balance: '0' }], payments: [] }, /mode/],
    ['a duplicated participant', { currency: 'XTS', mode: 'rtgs', participants: [{ id: 'A', balance: '0' }, { id: 'A', balance: '0' }], payments: [] }, /participants\[1\]\.id: A appears twice/],
    ['a negative balance', { currency: 'XTS', mode: 'rtgs', participants: [{ id: 'A', balance: '-1.00' }], payments: [] }, /participants\[0\]\.balance/],
    ['an unknown payee', { currency: 'XTS', mode: 'rtgs', participants: [{ id: 'A', balance: '1' }], payments: [{ id: 'p', from: 'A', to: 'B', amount: '1.00', at: 0 }] }, /payments\[0\]\.to: unknown participant B/],
    ['a payment to self', { currency: 'XTS', mode: 'rtgs', participants: [{ id: 'A', balance: '1' }], payments: [{ id: 'p', from: 'A', to: 'A', amount: '1.00', at: 0 }] }, /payment to self/],
    ['a negative amount', { currency: 'XTS', mode: 'rtgs', participants: [{ id: 'A', balance: '1' }, { id: 'B', balance: '1' }], payments: [{ id: 'p', from: 'A', to: 'B', amount: '-1.00', at: 0 }] }, /payments\[0\]\.amount: amount -1.00 is negative/],
    ['too many decimals', { currency: 'XTS', mode: 'rtgs', participants: [{ id: 'A', balance: '1' }, { id: 'B', balance: '1' }], payments: [{ id: 'p', from: 'A', to: 'B', amount: '1.001', at: 0 }] }, /decimal/],
    ['a bad time', { currency: 'XTS', mode: 'rtgs', participants: [{ id: 'A', balance: '1' }, { id: 'B', balance: '1' }], payments: [{ id: 'p', from: 'A', to: 'B', amount: '1.00', at: -3 }] }, /payments\[0\]\.at/],
    ['a bad priority', { currency: 'XTS', mode: 'rtgs', participants: [{ id: 'A', balance: '1' }, { id: 'B', balance: '1' }], payments: [{ id: 'p', from: 'A', to: 'B', amount: '1.00', at: 0, priority: 'high' }] }, /priority/],
  ];
  for (const [what, content, message] of bad) {
    void it(`refuses ${what} with a message naming the place`, () => {
      const result = parseScenario(typeof content === 'string' ? content : JSON.stringify(content));
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, message);
    });
  }
});

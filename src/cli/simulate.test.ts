import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateVerb } from './simulate.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

const dir = mkdtempSync(join(tmpdir(), 'corridor-simulate-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const day = {
  currency: 'XTS',
  mode: 'rtgs-lsm',
  participants: [{ id: 'BANKAAAA', balance: '5.00', creditLine: '0.00' }, { id: 'BANKBBBB', balance: '0.00', creditLine: '1.00' }],
  payments: [
    { id: 'p1', from: 'BANKAAAA', to: 'BANKBBBB', amount: '10.00', at: 0, priority: 'normal' },
    { id: 'p2', from: 'BANKBBBB', to: 'BANKAAAA', amount: '8.00', at: 30, priority: 'urgent' },
  ],
};

void describe('corridor simulate', () => {
  void it('prints the DESIGN.md §5 JSON object, field for field', async () => {
    const t = io();
    assert.equal(await simulateVerb.run([file('day.json', day), '--json'], t.io), 0);
    assert.equal(t.out.length, 1);
    const json = JSON.parse(t.out[0]!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['mode', 'payments', 'settled', 'settledValue', 'grossValue', 'unsettled', 'unsettledValue', 'liquidityProvided', 'minimumLiquidity', 'meanDelaySeconds', 'maxDelaySeconds', 'finalBalances']);
    assert.deepEqual(json, {
      mode: 'rtgs-lsm', payments: 2, settled: 2, settledValue: '18.00', grossValue: '18.00', unsettled: 0, unsettledValue: '0.00',
      liquidityProvided: '6.00', minimumLiquidity: '2.00', meanDelaySeconds: 15, maxDelaySeconds: 30,
      finalBalances: { BANKAAAA: '3.00', BANKBBBB: '2.00' },
    });
  });

  void it('prints a readable summary without --json', async () => {
    const t = io();
    assert.equal(await simulateVerb.run([file('day2.json', { ...day, mode: 'dns' })], t.io), 0);
    assert.match(t.out.join('\n'), /mode dns: 2 payments worth 18.00 XTS/);
  });

  void it('prints help and exits 0', async () => {
    const t = io();
    assert.equal(await simulateVerb.run(['--help'], t.io), 0);
    assert.match(t.out[0]!, /Usage: corridor simulate FILE \[--json\]/);
  });

  void it('exits 2 on bad usage', async () => {
    for (const args of [[], ['a.json', 'b.json'], ['a.json', '--fast']]) {
      const t = io();
      assert.equal(await simulateVerb.run(args, t.io), 2, args.join(' '));
      assert.ok(t.err.length > 0);
    }
  });

  void it('exits 1 with a clear message on a missing or invalid file', async () => {
    const missing = io();
    assert.equal(await simulateVerb.run([join(dir, 'nope.json')], missing.io), 1);
    assert.match(missing.err[0]!, /nope\.json: no such file/);
    const invalid = io();
    const bad = { ...day, payments: [{ ...day.payments[0], to: 'BANKZZZZ' }] };
    assert.equal(await simulateVerb.run([file('bad.json', bad), '--json'], invalid.io), 1);
    assert.match(invalid.err[0]!, /payments\[0\]\.to: unknown participant BANKZZZZ/);
    assert.deepEqual(invalid.out, []);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { main } from './main.js';
import type { CliIo } from './verb.js';

describe('corridor demo', () => {
  it('prints the contract lines, serves a living network and stops cleanly after --seconds', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (line) => out.push(line), err: () => {} };
    let firstLineSeen: Promise<void> | undefined;
    const checks = new Promise<{ health: number; accounts: number; balances: string[]; aedWindow: { status: string; payments: number } | undefined }>((resolve, reject) => {
      const poll = setInterval(() => {
        const url = /^Corridor demo listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(out[0] ?? '')?.[1];
        const key = /^Operator key: (\S+)$/.exec(out[1] ?? '')?.[1];
        if (url === undefined || key === undefined || firstLineSeen !== undefined) return;
        clearInterval(poll);
        firstLineSeen = (async () => {
          await new Promise((r) => setTimeout(r, 1500));
          const health = (await fetch(`${url}/healthz`)).status;
          const answer = (await (await fetch(`${url}/v1/accounts`, { headers: { authorization: `Bearer ${key}` } })).json()) as { accounts: { balance: { value: string } }[] };
          // The dns currency's windows panel has something to show: the open window fills with traffic.
          const windows = (await (await fetch(`${url}/v1/settlement/AED/windows?limit=1`, { headers: { authorization: `Bearer ${key}` } })).json()) as { windows: { status: string; payments: number }[] };
          resolve({ health, accounts: answer.accounts.length, balances: answer.accounts.map((a) => a.balance.value), aedWindow: windows.windows[0] });
        })().catch(reject);
      }, 20);
    });
    const code = await main(['demo', '--port', '0', '--rate', '100', '--seconds', '4'], io);
    const seen = await checks;
    assert.equal(code, 0);
    assert.match(out[0]!, /^Corridor demo listening on http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(out[1]!, /^Operator key: operator\.[A-Za-z0-9_-]{43}$/);
    assert.match(out[2]!, /^Dashboard: http:\/\/127\.0\.0\.1:\d+\/ \(sign in with the operator key\)$/);
    assert.equal(seen.health, 200);
    assert.equal(seen.aedWindow?.status, 'open');
    assert.ok(seen.aedWindow.payments > 0, `AED's open window holds the demo's dns payments: ${JSON.stringify(seen.aedWindow)}`);
    assert.ok(seen.accounts >= 6 * 3, `${seen.accounts} accounts: at least three banks in each of six currencies`);
    const summary = out.at(-1)!;
    const settled = Number(/(\d+) settled,/.exec(summary)?.[1]);
    assert.ok(settled > 100, `traffic flowed: ${summary}`);
    assert.match(summary, / 0 refused, 0 failed/);
    // AED settles net: its payments wait in the open window (accepted), they are not rejected.
    const accepted = Number(/(\d+) accepted into a dns window,/.exec(summary)?.[1]);
    const rejected = Number(/(\d+) rejected,/.exec(summary)?.[1]);
    assert.ok(accepted > 0, `dns payments counted as accepted: ${summary}`);
    assert.ok(rejected < accepted, `rejected stays the exception: ${summary}`);
  });
});

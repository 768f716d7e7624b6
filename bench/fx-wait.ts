// What waiting costs a cross-currency payment, on the node's state machine (applyNodeBatch):
// settled at once, versus queued (provider legs reserved, payer leg in the rtgs queue) and then
// released by one funding (the whole chain posted), versus queued and timed out (every
// reservation voided). Prints CPU µs per payment (process.cpuUsage, steadier than wall time on a
// shared machine) beside wall µs. Nothing is asserted. Usage: node --import tsx bench/fx-wait.ts [--payments N]
import { performance } from 'node:perf_hooks';
import { bank, fundIn, settlementTick, type TestNode } from '../src/core/network/test-support/commands.js';
import { fxNode, fxPayment, setFxPolicy } from '../src/core/network/test-support/fx-commands.js';
import type { NodeCommand } from '../src/core/network/apply.js';

const arg = process.argv.indexOf('--payments');
const payments = arg === -1 ? 20_000 : Number(process.argv[arg + 1]);
const batchCommands = 1000;
const { A, B } = bank;

function measure(what: string, run: () => void): void {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  const wallUs = (performance.now() - wall) * 1000;
  console.log(`${what.padEnd(44)} ${((used.user + used.system) / payments).toFixed(1).padStart(7)} CPU µs/payment   ${(wallUs / payments).toFixed(1).padStart(7)} wall µs/payment`);
}

function inBatches(node: TestNode, commands: readonly NodeCommand[]): void {
  for (let i = 0; i < commands.length; i += batchCommands) {
    const results = node.apply(commands.slice(i, i + batchCommands)).results;
    if (results.some((r) => r !== 'accepted')) throw new Error(`unexpected results ${[...new Set(results)].join(',')}`);
  }
}

/** 1.00 EUR → USD each; A holds 10,000 EUR (pays at once), B none (waits). */
function sends(from: string, to: string, tag: string): NodeCommand[] {
  return Array.from({ length: payments }, (_, i) => fxPayment({ seed: `${tag}-${i}`, from, to, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n }));
}

function node(): TestNode {
  const n = fxNode();
  n.one(setFxPolicy({ queueTimeoutMs: 60_000 }));
  // A holds enough EUR for every immediate payment.
  n.one(fundIn(A, 'EUR', BigInt(payments) * 100n, 'bench-A'));
  return n;
}

console.log(`fx-wait: ${payments} payments of 1.00 EUR → USD, batches of ${batchCommands}`);
{
  const n = node();
  const commands = sends(A, B, 'now');
  measure('settled at once', () => inBatches(n, commands));
}
{
  const n = node();
  const commands = sends(B, A, 'wait');
  measure('queued, then released by one funding', () => {
    inBatches(n, commands);
    n.one(fundIn(B, 'EUR', BigInt(payments) * 100n, 'bench-B'));
  });
  const settled = [...n.state.network.payments.values()].filter((p) => p.status === 'settled').length;
  if (settled !== payments) throw new Error(`${settled} of ${payments} settled`);
}
{
  const n = node();
  const commands = sends(B, A, 'timeout');
  measure('queued, then timed out (every leg voided)', () => {
    inBatches(n, commands);
    n.apply([], 61_000_000);
    n.one(settlementTick('EUR'));
  });
  const rejected = [...n.state.network.payments.values()].filter((p) => p.status === 'rejected').length;
  if (rejected !== payments) throw new Error(`${rejected} of ${payments} timed out`);
}

/**
 * The dashboard tests' network: the demo network (src/demo: its config, opening funding and
 * seeded traffic) plus one small dns currency (KES), so the windows panel has something to show,
 * on a real SQLite file and a random port.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { formatMinorUnits } from '../../src/config/amounts.js';
import { configCommands } from '../../src/config/commands.js';
import type { NodeConfig, ParticipantConfig } from '../../src/config/node-config.js';
import type { SubmitPaymentCommand } from '../../src/core/network/types.js';
import { demoApiKey, demoConfig, demoFunding } from '../../src/demo/network.js';
import { createTraffic, type DemoPayment } from '../../src/demo/traffic.js';
import { startNode, type RunningNode } from '../../src/node/start-node.js';

export const dnsCurrency = 'KES';
export const dnsBanks = ['KCBLKENX', 'SCBLKENX', 'EQBLKENA'] as const;
const dnsAgent = 'CBKEKENX';
/** Opening funds of each KES bank, minor units. */
export const dnsFundingMinor = 50_000_000n;

function party(bic: string, name: string, roles: ParticipantConfig['roles'], currencies: string[]): ParticipantConfig {
  const key = demoApiKey(bic);
  return { bic, name, country: 'KE', type: 'direct', sponsor: null, roles, currencies, limits: [], apiKeys: [{ keyId: key.keyId, secretHash: key.secretHash }], webhook: null, weight: 1 };
}

export function dashboardConfig(): NodeConfig {
  const demo = demoConfig();
  return {
    ...demo,
    currencies: [...demo.currencies, { code: dnsCurrency, mode: 'dns', agent: dnsAgent, exponent: 2, ledger: 404 }],
    participants: [
      ...demo.participants,
      party(dnsAgent, 'Central Bank of Kenya', ['settlement_agent'], []),
      party('KCBLKENX', 'KCB Bank Kenya', ['bank'], [dnsCurrency]),
      party('SCBLKENX', 'Standard Chartered Kenya', ['bank'], [dnsCurrency]),
      party('EQBLKENA', 'Equity Bank', ['bank'], [dnsCurrency]),
    ],
  };
}

export interface DashboardNode {
  readonly running: RunningNode;
  readonly url: string;
  readonly operatorKey: string;
  readonly traffic: { next(): DemoPayment };
  dispose(): Promise<void>;
}

export async function startDashboardNode(): Promise<DashboardNode> {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-dashboard-'));
  const config = dashboardConfig();
  const running = await startNode({ db: join(dir, 'journal.db'), port: 0, configCommands: configCommands(config), logger: pino({ level: 'silent' }), webhooks: false });
  for (const f of demoFunding(demoConfig())) {
    await running.node.submit({ type: 'fund', direction: 'in', bic: f.bic, currency: f.currency, amount: f.amountMinor, reference: `demo-open-${f.bic}-${f.currency}` });
  }
  for (const bic of dnsBanks) await running.node.submit({ type: 'fund', direction: 'in', bic, currency: dnsCurrency, amount: dnsFundingMinor, reference: `open-${bic}` });
  return {
    running,
    url: running.url,
    operatorKey: running.operatorKey,
    traffic: createTraffic(demoConfig(), 7),
    async dispose() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends one payment through the HTTP API as its bank would; answers the payment. */
export async function sendAs(url: string, sender: string, body: { amount: { value: string; currency: string }; creditorAgent: string; debtorAgent?: string }): Promise<{ uetr: string; status: string }> {
  const response = await fetch(`${url}/v1/payments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${demoApiKey(sender).key}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ endToEndId: `E2E-${randomUUID().slice(0, 8)}`, ...body }),
  });
  const answer = (await response.json()) as { uetr: string; status: string };
  if (response.status !== 201) throw new Error(`payment refused: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Sends `count` demo payments (seeded, heavy-tailed) through the API. */
export async function sendDemoTraffic(node: DashboardNode, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const p = node.traffic.next();
    const exponent = node.running.node.network.currencies.get(p.currency)!.exponent;
    await sendAs(node.url, p.sender, { amount: { value: formatMinorUnits(p.amountMinor, exponent), currency: p.currency }, debtorAgent: p.debtorAgent, creditorAgent: p.creditorAgent });
  }
}

/** `count` small payments straight into the sequencer (as a busy day would bring), in groups. */
export async function submitManyPayments(running: RunningNode, count: number, currency: string, from: string, to: string): Promise<void> {
  const groupSize = 4000;
  for (let start = 0; start < count; start += groupSize) {
    const commands: SubmitPaymentCommand[] = [];
    for (let i = start; i < Math.min(count, start + groupSize); i += 1) {
      const key = `bulk-${i}`;
      commands.push({
        type: 'submit_payment', sender: from, idempotencyKey: key, requestHash: createHash('sha256').update(key).digest('hex'), uetr: randomUUID(), endToEndId: `BULK-${i}`,
        currency, amount: 100n, debtorAgent: from, creditorAgent: to, debtorName: '', creditorName: '', remittanceInformation: '',
      });
    }
    await running.node.submitTogether(commands);
  }
}

import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { NetworkCommand } from '../core/network/types.js';
import { isNetworkResult } from '../core/network/results.js';
import { LedgerNode, type CommittedBatch } from '../sequencer/ledger-node.js';
import { openStore } from '../store/open-store.js';
import { generateOperatorKey, sha256Hex } from '../http/auth.js';
import { HttpMetrics } from '../http/metrics.js';
import { buildServer } from '../http/server.js';
import { httpLimitsDefault, type HttpLimits } from '../http/services.js';
import { inboxEventView } from '../http/views.js';
import { WebhookDispatcher } from '../http/webhooks/index.js';
import { InboxWaiters } from './inbox-waiters.js';

export interface StartNodeOptions {
  /** A SQLite file or postgres://… URL. */
  readonly db: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Commands that bring the network to its configured shape; idempotent, applied at every start. */
  readonly configCommands: readonly NetworkCommand[];
  /** The operator key; one is generated (and reported) when absent. */
  readonly operatorKey?: string;
  readonly limits?: Partial<HttpLimits>;
  readonly logger?: FastifyBaseLogger;
  readonly version?: string;
  /** Deliver webhooks (tests may turn it off). */
  readonly webhooks?: boolean;
  /** Adds routes before the server listens (benchmarks add a trivial one to compare with). */
  readonly beforeListen?: (server: FastifyInstance) => void;
}

export interface RunningNode {
  readonly node: LedgerNode;
  readonly server: FastifyInstance;
  readonly url: string;
  readonly operatorKey: string;
  readonly logger: FastifyBaseLogger;
  /** Stops accepting, answers what is in flight, commits it, snapshots and closes the store. */
  close(): Promise<void>;
}

/**
 * The imperative shell of a node: store, sequencer, HTTP, webhooks. Everything that moves
 * money goes through the node's journaled commands; this only wires edges to it.
 */
export async function startNode(options: StartNodeOptions): Promise<RunningNode> {
  const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const operatorKey = options.operatorKey ?? generateOperatorKey();
  const listeners: ((batch: CommittedBatch) => void)[] = [];
  const store = await openStore(options.db, {});
  let failed: Error | null = null;
  const node = await LedgerNode.open({
    store,
    onCommitted: (batch) => {
      for (const listener of listeners) listener(batch);
    },
    onFailure: (error) => {
      failed = error;
      logger.fatal({ err: error }, 'the sequencer stopped; restart the node to replay the journal');
    },
  });
  for (const command of options.configCommands) {
    const outcome = await node.submit(command);
    if (!isNetworkResult(outcome.result) || (outcome.result !== 'accepted' && outcome.result !== 'already_applied')) {
      await node.close();
      throw new Error(`configuration: ${command.type} ${JSON.stringify(command, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))} was refused: ${outcome.result}`);
    }
  }

  const metrics = new HttpMetrics(() => node.waitingCommands);
  const waiters = new InboxWaiters();
  const limits = { ...httpLimitsDefault, ...options.limits };
  const dispatcher = new WebhookDispatcher(
    {
      targets: () =>
        [...node.network.participants.values()]
          .filter((p) => p.webhook !== null)
          .map((p) => ({ bic: p.bic, url: p.webhook!.url, secret: p.webhook!.secret, deliveredUpTo: p.webhookDeliveredUpTo, inboxLength: node.network.inboxes.get(p.bic)?.length ?? 0 })),
      events: async (bic, after, limit) => {
        await node.readBarrier();
        return (node.network.inboxes.get(bic) ?? []).slice(after, after + limit).map((event) => inboxEventView(node.network, event));
      },
      delivered: async (bic, upTo) => {
        await node.submit({ type: 'webhook_delivered', bic, upTo });
      },
    },
    {
      onDelivery: (report) => {
        if (!report.ok) logger.warn({ webhook: report }, 'webhook delivery failed; will retry');
      },
    },
  );
  listeners.push((batch) => {
    metrics.batchCommands.observe(batch.commands.length);
    metrics.commitSeconds.observe(batch.commitMs / 1000);
    waiters.wakeAll();
    for (const p of node.network.participants.values()) {
      if (p.webhook !== null && (node.network.inboxes.get(p.bic)?.length ?? 0) > p.webhookDeliveredUpTo) dispatcher.notify(p.bic);
    }
  });

  const server = await buildServer({
    services: { node, operatorKeyHash: sha256Hex(operatorKey), limits, metrics, waitForInbox: (bic, timeoutMs) => waiters.wait(bic, timeoutMs) },
    logger,
    version: options.version ?? '0.1.0',
  });
  options.beforeListen?.(server);
  const host = options.host ?? '127.0.0.1';
  await server.listen({ host, port: options.port });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  if (options.webhooks ?? true) dispatcher.start();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      waiters.wakeAll();
      await server.close();
      await dispatcher.stop();
      await node.close({ snapshot: failed === null });
    })());
  return { node, server, url: `http://${host}:${port}`, operatorKey, logger, close };
}

import { hostname } from 'node:os';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { NetworkCommand } from '../core/network/types.js';
import { isNetworkResult } from '../core/network/results.js';
import { NetworkCluster, type RoleChange } from '../cluster/network-cluster.js';
import { LedgerNode, type CommittedBatch } from '../sequencer/ledger-node.js';
import { isPostgresLocation, openStore } from '../store/open-store.js';
import type { LeaseOptions } from '../store/postgres/lease.js';
import { generateOperatorKey, sha256Hex } from '../http/auth.js';
import { forwardLimitsDefault, WriteForwarder, type ForwardLimits } from '../http/forward-writes.js';
import { HttpMetrics } from '../http/metrics.js';
import { DashboardFeed } from '../http/dashboard/feed.js';
import { dashboardLimitsDefault, type DashboardLimits } from '../http/dashboard/limits.js';
import { buildServer } from '../http/server.js';
import { httpLimitsDefault, type HttpLimits, type NodeHandle, type Services } from '../http/services.js';
import { inboxEventView } from '../http/views.js';
import { WebhookDispatcher } from '../http/webhooks/index.js';
import { InboxWaiters } from './inbox-waiters.js';
import { SettlementClock, type SettlementClockOptions } from './settlement-clock.js';
import { ScreeningIndexAhead, type ScreeningIndexAheadOptions } from './screening-index-ahead.js';

export interface StartNodeOptions {
  /** A SQLite file or postgres://… URL. */
  readonly db: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Commands that bring the network to its configured shape; idempotent, applied at every start (in a cluster: by each node as it takes over). */
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
  /** PostgreSQL only: this node's id in the sequencer lease, unique per running node (default: the host name). */
  readonly nodeId?: string;
  /** PostgreSQL only: the base URL a standby sends clients to while this node leads (default: the URL it listens on). */
  readonly advertiseUrl?: string;
  /** PostgreSQL only: lease timings (see src/store/postgres/lease.ts for the defaults). */
  readonly lease?: Pick<LeaseOptions, 'durationMs' | 'renewEveryMs' | 'pollEveryMs'>;
  /**
   * PostgreSQL only: a standby forwards writes to the leader and returns its answer (the default),
   * within these limits; false: it refuses them 503 not-leader with the leader's Location.
   */
  readonly forwardWrites?: Partial<ForwardLimits> | false;
  /** PostgreSQL only: how often a standby reads new journal entries. */
  readonly followPollEveryMs?: number;
  /** PostgreSQL only: the node took the lease, or became (or started as) a standby. */
  readonly onRole?: (change: RoleChange) => void;
  /** The settlement clock (settlement-clock.ts): its tick and end of day (default: every 1000 ms, no end of day); false: off. */
  readonly settlementClock?: Pick<SettlementClockOptions, 'tickMs' | 'endOfDay'> | false;
  /** The operator dashboard's stream limits (http/dashboard/limits.ts). */
  readonly dashboard?: Partial<DashboardLimits>;
  /** Building the screening index ahead of the payments that need it (screening-index-ahead.ts); false: off (the first payment builds it). */
  readonly screeningIndexAhead?: Pick<ScreeningIndexAheadOptions, 'betweenSlices' | 'slices'> | false;
}

export interface RunningNode {
  /** The node answering now: the sequencer, or on a PostgreSQL standby the journal follower. */
  readonly node: NodeHandle;
  /** A SQLite node always leads; a PostgreSQL node leads while it holds the sequencer lease. */
  readonly role: 'leader' | 'standby';
  /** The cluster machinery of a PostgreSQL node (null on SQLite). */
  readonly cluster: NetworkCluster | null;
  /** How a PostgreSQL standby sends writes on to the leader (null on SQLite, or when forwarding is off). */
  readonly forwarder: WriteForwarder | null;
  readonly server: FastifyInstance;
  readonly url: string;
  readonly operatorKey: string;
  readonly logger: FastifyBaseLogger;
  /** Builds the screening index of newly active lists in slices, off the sequencer's path (null when turned off). */
  readonly screeningIndexAhead: ScreeningIndexAhead | null;
  /** Stops accepting, answers what is in flight, commits it, snapshots and closes the store (a leader releases the lease). */
  close(): Promise<void>;
}

/**
 * The imperative shell of a node: store, sequencer, HTTP, webhooks. Everything that moves
 * money goes through the node's journaled commands; this only wires edges to it.
 *
 * On SQLite the node is the single writer. On PostgreSQL it is one node of a cluster
 * (docs/postgres-cluster.md): it starts as a standby serving reads from the shared journal,
 * leads at once if the sequencer lease is free, and otherwise takes over when the leader's lease
 * lapses; the HTTP server stays up through every change of role.
 */
export async function startNode(options: StartNodeOptions): Promise<RunningNode> {
  const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const operatorKey = options.operatorKey ?? generateOperatorKey();
  const listeners: ((batch: CommittedBatch) => void)[] = [];
  const onCommitted = (batch: CommittedBatch): void => {
    for (const listener of listeners) listener(batch);
  };
  const waiters = new InboxWaiters();
  // Created once the node is open; kicked after every batch, committed or followed.
  let indexAhead: ScreeningIndexAhead | null = null;
  let dispatcher: WebhookDispatcher | null = null;
  const webhooksOn = options.webhooks ?? true;

  /** Created once the node answers (below); a cluster reports applied entries and changes of role to it. */
  let dashboard: DashboardFeed | null = null;
  let single: LedgerNode | null = null;
  let cluster: NetworkCluster | null = null;
  let failed: Error | null = null;
  if (isPostgresLocation(options.db)) {
    cluster = await NetworkCluster.open({
      location: options.db,
      nodeId: options.nodeId ?? hostname(),
      logger,
      ...(options.lease === undefined ? {} : { lease: options.lease }),
      ...(options.followPollEveryMs === undefined ? {} : { followPollEveryMs: options.followPollEveryMs }),
      onCommitted,
      onApplied: () => {
        waiters.wakeAll();
        // A standby's dashboard is live too: the follower applied committed entries.
        dashboard?.onBatch();
        indexAhead?.kick();
      },
      beforeLeading: async (node, first) => {
        const refused = await applyConfig(node, options.configCommands);
        if (refused !== null && first) throw new Error(refused);
        if (refused !== null) logger.error({}, refused);
      },
      onLeading: (node) => {
        dispatcher = webhookDispatcher(node);
        if (webhooksOn) dispatcher.start();
      },
      onStandby: () => {
        void dispatcher?.stop();
        dispatcher = null;
      },
      onRole: (change) => {
        // Another node answers now (sequencer or follower): the feed restarts on its state.
        void dashboard?.restart();
        options.onRole?.(change);
      },
    });
  } else {
    const store = await openStore(options.db, {});
    single = await LedgerNode.open({
      store,
      onCommitted,
      onFailure: (error) => {
        failed = error;
        logger.fatal({ err: error }, 'the sequencer stopped; restart the node to replay the journal');
      },
    });
    const refused = await applyConfig(single, options.configCommands);
    if (refused !== null) {
      await single.close();
      throw new Error(refused);
    }
  }
  const current = (): NodeHandle => (cluster === null ? single! : cluster.handle);
  const clock =
    options.settlementClock === false
      ? null
      : new SettlementClock({ ...options.settlementClock, node: current, onProblem: (what, detail) => (typeof detail === 'string' ? logger.warn : logger.debug).call(logger, { settlement: what, detail: String(detail) }, 'settlement clock: not applied') });

  if (options.screeningIndexAhead !== false) {
    indexAhead = new ScreeningIndexAhead({
      node: current,
      ...options.screeningIndexAhead,
      onBuilt: (report) => logger.info({ screeningIndex: report }, 'screening index built ahead'),
      onError: (error) => logger.error({ err: error }, 'screening index build ahead failed; the first payment will build it'),
    });
  }
  const metrics = new HttpMetrics(() => current().waitingCommands);
  const limits = { ...httpLimitsDefault, ...options.limits };
  /** Webhooks go out from the node that writes (their delivery is journaled): the single node, or the leader of the moment. */
  const webhookDispatcher = (node: NodeHandle): WebhookDispatcher =>
    new WebhookDispatcher(
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
  if (single !== null) dispatcher = webhookDispatcher(single);
  listeners.push((batch) => {
    metrics.batchCommands.observe(batch.commands.length);
    metrics.commitSeconds.observe(batch.commitMs / 1000);
    waiters.wakeAll();
    const network = current().network;
    for (const p of network.participants.values()) {
      if (p.webhook !== null && (network.inboxes.get(p.bic)?.length ?? 0) > p.webhookDeliveredUpTo) dispatcher?.notify(p.bic);
    }
  });

  const forwarder = cluster === null || options.forwardWrites === false ? null : new WriteForwarder(options.nodeId ?? hostname(), { ...forwardLimitsDefault, ...options.forwardWrites });
  dashboard = new DashboardFeed(current, { ...dashboardLimitsDefault, ...options.dashboard });
  listeners.push(() => dashboard.onBatch());
  listeners.push(() => indexAhead?.kick());

  const services: Services = {
    get node() {
      return current();
    },
    operatorKeyHash: sha256Hex(operatorKey),
    limits,
    metrics,
    waitForInbox: (bic, timeoutMs) => waiters.wait(bic, timeoutMs),
    dashboard,
    ...(cluster === null ? {} : { cluster: cluster.status.bind(cluster) }),
    ...(forwarder === null ? {} : { forwarder }),
  };
  const server = await buildServer({ services, logger, version: options.version ?? '0.1.0' });
  // While closing, every answer tells the client to drop its connection, so keep-alive
  // connections busy at the signal do not hold the shutdown open until they time out.
  let stopping = false;
  server.addHook('onSend', (_request, reply, _payload, done) => {
    if (stopping) void reply.header('connection', 'close');
    done();
  });
  options.beforeListen?.(server);
  const host = options.host ?? '127.0.0.1';
  try {
    await server.listen({ host, port: options.port });
  } catch (error) {
    await (cluster ?? single!).close();
    throw error;
  }
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const url = `http://${host}:${port}`;
  if (single !== null && webhooksOn) dispatcher?.start();
  clock?.start();
  // Lists active at start-up (replayed or loaded from a snapshot) get their index now, not at the first payment.
  indexAhead?.kick();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await clock?.stop();
      stopping = true;
      waiters.close();
      // Event streams never end by themselves: end them, or the server would wait for them.
      dashboard.close();
      await server.close();
      await indexAhead?.stop();
      forwarder?.close();
      await dispatcher?.stop();
      if (cluster !== null) await cluster.close();
      else await single!.close({ snapshot: failed === null });
    })());
  if (cluster !== null) {
    // Serving reads already; now compete for the lease, advertising where clients reach this node.
    try {
      await cluster.join(options.advertiseUrl ?? url);
    } catch (error) {
      await close();
      throw error;
    }
  }
  return {
    get node() {
      return current();
    },
    get role() {
      return cluster?.role ?? 'leader';
    },
    cluster,
    forwarder,
    server,
    url,
    operatorKey,
    logger,
    screeningIndexAhead: indexAhead,
    close,
  };
}

/** Submits the configuration commands in order; the text of the first refusal, or null. */
async function applyConfig(node: LedgerNode, commands: readonly NetworkCommand[]): Promise<string | null> {
  for (const command of commands) {
    const outcome = await node.submit(command);
    if (!isNetworkResult(outcome.result) || (outcome.result !== 'accepted' && outcome.result !== 'already_applied')) {
      return `configuration: ${command.type} ${JSON.stringify(command, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))} was refused: ${outcome.result}`;
    }
  }
  return null;
}

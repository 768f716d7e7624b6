import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { configCommands } from '../config/commands.js';
import { ConfigError } from '../config/json-reader.js';
import { parseNodeConfig, type SettlementClockConfig } from '../config/node-config.js';
import { parseEndOfDay, settlementTickMsMax, settlementTickMsMin } from '../core/network/settlement-state.js';
import { advertiseUrlProblem, nodeIdProblem } from '../cluster/lease-watch.js';
import type { RoleChange } from '../cluster/network-cluster.js';
import { startNode, type RunningNode } from '../node/start-node.js';
import { isPostgresLocation } from '../store/open-store.js';
import { parseVerbArgs } from './args.js';
import { exitNegative, exitOk, exitUsage, wantsHelp, type CliIo, type Verb } from './verb.js';

const help = `Usage: corridor serve --config FILE [--db FILE|postgres://…] [--port N] [--host ADDRESS]
                      [--node-id ID] [--advertise URL] [--forward-writes on|off]
                      [--tick-ms N] [--end-of-day HH:MM|none]

Runs a node from a config file: currencies, participants, limits, API key hashes and webhooks
are applied at start (idempotently, journaled like every change), then the HTTP API, the
OpenAPI document (/openapi.json), /healthz and /metrics are served.

  --config FILE   the node's JSON config (see docs/network.md)
  --db LOCATION   journal: a SQLite file (default corridor.db) or postgres://…?schema=NAME
  --port N        default 8080, or the PORT environment variable; 0 picks a free port
  --host ADDRESS  default 127.0.0.1
  --node-id ID    PostgreSQL: this node's id in the sequencer lease, unique per running node
                  (default: the host name)
  --advertise URL PostgreSQL: where clients reach this node while it leads; standbys name it in
                  their answer to writes (default: http://HOST:PORT as listened on)
  --tick-ms N     the settlement clock looks every N ms (10 to 600000; default: the config's
                  settlement.tickMs, else 1000): rtgs-lsm gridlock runs when payments queued since
                  the last run, dns windows that are due close and settle
  --end-of-day T  end the business day of every currency at T, HH:MM UTC (queued rtgs payments
                  are rejected AB03, the open dns window settles); "none": only the operator does.
                  Default: the config's settlement.endOfDay, else none
  --forward-writes on|off
                  PostgreSQL: a standby forwards writes to the leader and returns its answer
                  (on, the default), or refuses them 503 not-leader with Location (off)

With --db postgres://…, several nodes share one journal (docs/postgres-cluster.md): the holder
of the sequencer lease leads and writes; the others are standbys that serve reads from the
journal, forward writes to the leader (or, while no leader is known, answer them 503 not-leader
with Location: <leader URL><same path>), and take over
within seconds when the leader stops. A third line says the role, and each change of role
prints another: "Role: leader (epoch E, …)" or "Role: standby (leader URL|unknown)".

The operator key is read from CORRIDOR_OPERATOR_KEY; without it one is generated and printed.
Prints "Corridor node listening on http://HOST:PORT" first, then "Operator key: …".
Logs are JSON lines on stderr (LOG_LEVEL, default info). SIGTERM or SIGINT: stops accepting,
answers what is in flight, commits it, snapshots and exits 0.`;

export const serveVerb: Verb = {
  name: 'serve',
  summary: 'run a node from a config file and serve its HTTP API',
  help,
  async run(args, io) {
    if (wantsHelp(args)) return io.out(help), exitOk;
    const parsed = parseVerbArgs(args, {
      config: { type: 'string' },
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'node-id': { type: 'string' },
      advertise: { type: 'string' },
      'tick-ms': { type: 'string' },
      'end-of-day': { type: 'string' },
      'forward-writes': { type: 'string' },
    });
    if (!parsed.ok) return io.err(`corridor serve: ${parsed.error}`), exitUsage;
    const { config: configPath, db, host, 'node-id': nodeId, advertise, 'forward-writes': forwardWrites } = parsed.values;
    if (typeof configPath !== 'string') return io.err('corridor serve: --config FILE is required'), exitUsage;
    const port = portOf(parsed.values.port);
    if (port === undefined) return io.err('corridor serve: --port must be an integer from 0 to 65535'), exitUsage;
    const location = typeof db === 'string' ? db : 'corridor.db';
    if ((nodeId !== undefined || advertise !== undefined || forwardWrites !== undefined) && !isPostgresLocation(location)) return io.err('corridor serve: --node-id, --advertise and --forward-writes need --db postgres://…'), exitUsage;
    if (forwardWrites !== undefined && forwardWrites !== 'on' && forwardWrites !== 'off') return io.err('corridor serve: --forward-writes is on or off'), exitUsage;
    const nodeIdError = typeof nodeId === 'string' ? nodeIdProblem(nodeId) : null;
    if (nodeIdError !== null) return io.err(`corridor serve: --node-id: ${nodeIdError}`), exitUsage;
    const advertiseError = typeof advertise === 'string' ? advertiseUrlProblem(advertise) : null;
    if (advertiseError !== null) return io.err(`corridor serve: --advertise: ${advertiseError}`), exitUsage;
    const clockFlags = settlementClockFlags(parsed.values['tick-ms'], parsed.values['end-of-day']);
    if (typeof clockFlags === 'string') return io.err(`corridor serve: ${clockFlags}`), exitUsage;
    let config;
    try {
      config = parseNodeConfig(readFileSync(configPath, 'utf8'));
    } catch (error) {
      if (error instanceof ConfigError || (error as NodeJS.ErrnoException).code === 'ENOENT') return io.err(`corridor serve: ${configPath}: ${(error as Error).message}`), exitNegative;
      throw error;
    }
    const clock = { ...config.settlement, ...clockFlags };
    // Role lines come after the first two (listening, operator key), in order.
    let listening = false;
    const early: RoleChange[] = [];
    const onRole = (change: RoleChange): void => (listening ? io.out(roleLine(change)) : void early.push(change));
    const running = await startNode({
      db: location,
      host: typeof host === 'string' ? host : '127.0.0.1',
      port,
      configCommands: configCommands(config),
      ...(process.env.CORRIDOR_OPERATOR_KEY === undefined ? {} : { operatorKey: process.env.CORRIDOR_OPERATOR_KEY }),
      limits: { requestsPerSecondPerKey: config.limits.requestsPerSecondPerKey, bodyBytesMax: config.limits.bodyBytesMax },
      settlementClock: { tickMs: clock.tickMs, endOfDay: clock.endOfDay },
      logger: pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2)),
      ...(typeof nodeId === 'string' ? { nodeId } : {}),
      ...(typeof advertise === 'string' ? { advertiseUrl: advertise.replace(/\/+$/, '') } : {}),
      ...(forwardWrites === 'off' ? { forwardWrites: false as const } : {}),
      onRole,
    });
    io.out(`Corridor node listening on ${running.url}`);
    io.out(`Operator key: ${process.env.CORRIDOR_OPERATOR_KEY === undefined ? running.operatorKey : '(from CORRIDOR_OPERATOR_KEY)'}`);
    listening = true;
    for (const change of early.splice(0)) io.out(roleLine(change));
    await untilSignal(running, io);
    return exitOk;
  },
};

/** --tick-ms and --end-of-day as settings that override the config's, or what is wrong with them. */
export function settlementClockFlags(tickMs: string | boolean | undefined, endOfDay: string | boolean | undefined): Partial<SettlementClockConfig> | string {
  const flags: { tickMs?: number; endOfDay?: string | null } = {};
  if (tickMs !== undefined) {
    const n = typeof tickMs === 'string' && /^[0-9]{1,7}$/.test(tickMs) ? Number(tickMs) : NaN;
    if (!(n >= settlementTickMsMin && n <= settlementTickMsMax)) return `--tick-ms must be an integer from ${settlementTickMsMin} to ${settlementTickMsMax} (ms), not ${String(tickMs)}`;
    flags.tickMs = n;
  }
  if (endOfDay !== undefined) {
    if (endOfDay === 'none') flags.endOfDay = null;
    else {
      try {
        parseEndOfDay(String(endOfDay));
      } catch {
        return `--end-of-day must be HH:MM (UTC, 00:00 to 23:59) or none, not ${String(endOfDay)}`;
      }
      flags.endOfDay = String(endOfDay);
    }
  }
  return flags;
}

function roleLine(change: RoleChange): string {
  if (change.role === 'leader') return `Role: leader (epoch ${change.epoch}, waited ${Math.round(change.waitedMs)} ms, opened the journal in ${Math.round(change.openedMs)} ms)`;
  return `Role: standby (leader ${change.leaderUrl ?? 'unknown'})`;
}

export function portOf(value: string | boolean | undefined): number | undefined {
  const text = typeof value === 'string' ? value : (process.env.PORT ?? '8080');
  if (!/^[0-9]{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/**
 * Runs until SIGTERM or SIGINT (or `stopAfterMs`), then shuts down in order: stop accepting,
 * answer what is in flight once durable, close the journal. Nothing acknowledged is lost.
 */
/** `onStop` runs first, and the node closes once what it returns has settled (the demo lets its own requests in flight finish). */
export function untilSignal(running: RunningNode, io: CliIo, options: { onStop?: () => void | Promise<void>; stopAfterMs?: number } = {}): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stop = (why: string): void => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      clearTimeout(timer);
      io.err(`corridor: ${why}: finishing what is in flight and closing the journal`);
      Promise.resolve(options.onStop?.())
        .catch(() => undefined)
        .then(() => running.close())
        .then(resolve, reject);
    };
    const onTerm = (): void => stop('SIGTERM');
    const onInt = (): void => stop('SIGINT');
    const timer = options.stopAfterMs === undefined ? undefined : setTimeout(() => stop(`${options.stopAfterMs} ms passed`), options.stopAfterMs);
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
  });
}

import pg from 'pg';
import { parsePostgresLocation } from '../store/open-store.js';

/**
 * A node that serves HTTP holds the lease as `<node id> <advertised URL>`, so every standby can
 * tell clients where the leader is without a table of its own. (A plain `runLedgerStandby`
 * holder has no URL: its standbys only know that some node leads.)
 */
export function leaseHolder(nodeId: string, advertisedUrl: string): string {
  return `${nodeId} ${advertisedUrl}`;
}

/** The advertised URL in a lease holder, or null when it has none. */
export function advertisedUrlOf(holder: string): string | null {
  return /^\S+ (https?:\/\/\S+)$/.exec(holder)?.[1] ?? null;
}

/** A node id goes into the lease holder before a space: no spaces, and short. */
export function nodeIdProblem(nodeId: string): string | null {
  return /^[A-Za-z0-9._:@-]{1,128}$/.test(nodeId) ? null : 'a node id is 1 to 128 characters out of letters, digits and . _ : @ -';
}

/** A base URL that clients can reach: http(s), no query or fragment; returned without a trailing slash. */
export function advertiseUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not a URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'the advertised URL must be http:// or https://';
  if (parsed.search !== '' || parsed.hash !== '' || /\s/.test(url)) return 'the advertised URL takes no query, fragment or spaces';
  return null;
}

export interface LeaseView {
  readonly holder: string;
  readonly epoch: number;
  /** The lease has not expired: its holder leads (or did until a moment ago). */
  readonly live: boolean;
  /** The holder's advertised URL (null when the holder has none). */
  readonly url: string | null;
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Reads the lease row now and then (its own small connection, reads only), so a standby can
 * say who leads. Never takes or changes the lease: that is lease.ts's job.
 */
export class LeaseWatch {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private closed = false;
  private view: LeaseView | null = null;
  private readonly table: string;
  private readonly connectionString: string;

  constructor(location: string) {
    const { connectionString, schema = 'corridor' } = parsePostgresLocation(location);
    if (!schemaPattern.test(schema)) throw new Error(`schema name ${JSON.stringify(schema)} is not a plain identifier`);
    this.table = `${schema}.sequencer_lease`;
    this.connectionString = connectionString;
  }

  /** The lease as last read (null before the first read, or while the database does not answer). */
  get current(): LeaseView | null {
    return this.view;
  }

  /** Reads every `everyMs` until stop(). */
  start(everyMs: number): void {
    if (this.timer !== null || this.closed) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reads the row now; a failure forgets what was known (the leader is then unknown) and reconnects next time. */
  refresh(): Promise<void> {
    return (this.refreshing ??= this.read()
      .then((view) => void (this.view = view))
      .catch(() => {
        this.view = null;
        this.drop();
      })
      .finally(() => (this.refreshing = null)));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stop();
    await this.refreshing;
    this.drop();
  }

  private async read(): Promise<LeaseView | null> {
    if (this.closed) return null;
    if (this.client === null) {
      const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 2_000 });
      // A connection the server drops must not crash the process: the next read reconnects.
      client.on('error', () => this.drop());
      this.client = client;
      await client.connect();
    }
    const { rows } = await this.client.query<{ holder: string; epoch: string; live: boolean }>(
      `SELECT holder, epoch, expires_at > clock_timestamp() AS live FROM ${this.table} WHERE id = 1`,
    );
    const row = rows[0];
    return row === undefined ? null : { holder: row.holder, epoch: Number(row.epoch), live: row.live, url: advertisedUrlOf(row.holder) };
  }

  private drop(): void {
    const client = this.client;
    this.client = null;
    void client?.end().catch(() => undefined);
  }
}

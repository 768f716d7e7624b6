import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './port.js';
import type { LeaseOptions } from './postgres/lease.js';

export interface OpenStoreOptions {
  /** Reads only: a PostgreSQL store then takes no sequencer lease and refuses writes. */
  readonly readonly?: boolean;
  /** PostgreSQL only: the sequencer lease a writable store takes (ignored for SQLite, a single-process file). */
  readonly lease?: LeaseOptions;
}

export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** Splits postgres://host/db?schema=name into the connection string and the schema. */
export function parsePostgresLocation(location: string): { connectionString: string; schema: string | undefined } {
  const url = new URL(location);
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema };
}

/**
 * `--db` takes a SQLite file path or a postgres:// URL. A `schema` parameter in the URL
 * (postgres://host/db?schema=name) picks the schema, so several networks can share a database.
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresLocation(location)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.js');
    return openPostgresStore({ ...parsePostgresLocation(location), readonly: options.readonly ?? false, lease: options.lease });
  }
  return openSqliteStore({ path: location, readonly: options.readonly ?? false });
}

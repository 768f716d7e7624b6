import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './port.js';

/**
 * `--db` takes a SQLite file path or a postgres:// URL. A `schema` parameter in the URL
 * (postgres://host/db?schema=name) picks the schema, so several networks can share a database.
 */
export async function openStore(location: string, options: { readonly?: boolean } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.js');
    const url = new URL(location);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return openPostgresStore({ connectionString: url.toString(), schema });
  }
  return openSqliteStore({ path: location, readonly: options.readonly ?? false });
}

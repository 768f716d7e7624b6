import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './port.js';

/** `--db` takes a SQLite file path or a postgres:// URL. */
export async function openStore(location: string, options: { readonly?: boolean } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.js');
    return openPostgresStore({ connectionString: location });
  }
  return openSqliteStore({ path: location, readonly: options.readonly ?? false });
}

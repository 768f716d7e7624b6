import { createSchemaStore, type SchemaStore } from '../../iso20022/schemas.js';
import { createValidatorPool, type ValidatorPool } from '../../iso20022/validator-pool.js';
import type { Services } from '../services.js';

/** One SchemaStore per server (its parsed XSDs are reused by every request). */
const stores = new WeakMap<Services, SchemaStore>();
/** One pool of validator threads per server, started by its first ISO 20022 file. */
const pools = new WeakMap<Services, ValidatorPool>();

export function schemaStoreOf(services: Services): SchemaStore {
  let store = stores.get(services);
  if (store === undefined) {
    store = createSchemaStore();
    stores.set(services, store);
  }
  return store;
}

export function validatorPoolOf(services: Services): ValidatorPool {
  let pool = pools.get(services);
  if (pool === undefined) {
    pool = createValidatorPool();
    pools.set(services, pool);
  }
  return pool;
}

/** Stops the server's validator threads, if it started any. */
export async function closeValidatorPool(services: Services): Promise<void> {
  const pool = pools.get(services);
  pools.delete(services);
  await pool?.close();
}

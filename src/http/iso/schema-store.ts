import { createSchemaStore, type SchemaStore } from '../../iso20022/schemas.js';
import type { Services } from '../services.js';

/** One SchemaStore per server (its parsed XSDs are reused by every request). */
const stores = new WeakMap<Services, SchemaStore>();

export function schemaStoreOf(services: Services): SchemaStore {
  let store = stores.get(services);
  if (store === undefined) {
    store = createSchemaStore();
    stores.set(services, store);
  }
  return store;
}

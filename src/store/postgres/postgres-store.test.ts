import { after, describe, it } from 'node:test';
import { storeConformance } from '../conformance.js';
import { openPostgresStore } from './postgres-store.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from './test-support.js';

const available = await postgresAvailable();
const schemas: string[] = [];
after(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

if (available) {
  storeConformance('postgres', {
    fresh: () => {
      schemas.push(uniqueSchema('conformance'));
      return openPostgresStore({ connectionString: testPostgresUrl, schema: schemas.at(-1)! });
    },
    reopen: () => openPostgresStore({ connectionString: testPostgresUrl, schema: schemas.at(-1)! }),
  });
} else {
  describe('postgres store conformance', () => {
    it('SKIPPED: PostgreSQL is not reachable at ' + testPostgresUrl, { skip: true }, () => undefined);
  });
}

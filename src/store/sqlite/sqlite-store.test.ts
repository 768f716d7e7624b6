import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeConformance } from '../conformance.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'corridor-sqlite-'));
let count = 0;
after(() => rmSync(dir, { recursive: true, force: true }));

storeConformance('sqlite', {
  fresh: () => Promise.resolve(openSqliteStore({ path: join(dir, `store-${++count}.db`) })),
  reopen: () => Promise.resolve(openSqliteStore({ path: join(dir, `store-${count}.db`) })),
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import libxml from 'libxmljs2';
import type { Document } from 'libxmljs2';
import { schemaCacheEntriesMax } from './limits.js';
import type { MessageId } from './message-id.js';

/** schemas/iso20022 at the package root, both from src/iso20022 (tsx) and dist/iso20022 (built). */
export const defaultSchemaDir = fileURLToPath(new URL('../../schemas/iso20022/', import.meta.url));

export type SchemaLookup = { ok: true; schema: Document } | { ok: false; detail: string };

export interface SchemaStore {
  schemaFor(id: MessageId): SchemaLookup;
}

/**
 * Parsed XSD documents by message identifier, read once. libxmljs2 compiles the schema on every
 * validate() call (its binding has no compiled-schema handle), so the parsed document is the
 * most this cache can keep.
 */
export function createSchemaStore(dir: string = defaultSchemaDir): SchemaStore {
  const cache = new Map<string, Document>();
  return {
    schemaFor(id) {
      const cached = cache.get(id.id);
      if (cached) return { ok: true, schema: cached };
      // id.id matches parseMessageId's pattern, so it cannot walk out of dir.
      const path = join(dir, `${id.id}.xsd`);
      if (!existsSync(path)) return { ok: false, detail: `no schema for ${id.id}` };
      const schema = libxml.parseXml(readFileSync(path, 'utf8'), { nonet: true });
      if (cache.size >= schemaCacheEntriesMax) cache.clear();
      cache.set(id.id, schema);
      return { ok: true, schema };
    },
  };
}

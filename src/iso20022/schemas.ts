import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import libxml from 'libxmljs2';
import type { Document } from 'libxmljs2';
import { schemaCacheEntriesMax, schemaCompileAfterUses } from './limits.js';
import type { MessageId } from './message-id.js';
import { type CompiledSchema, compileSchema } from './xsd-compiled.js';

/** schemas/iso20022 at the package root, both from src/iso20022 (tsx) and dist/iso20022 (built). */
export const defaultSchemaDir = fileURLToPath(new URL('../../schemas/iso20022/', import.meta.url));

export type SchemaLookup = { ok: true; schema: Document } | { ok: false; detail: string };

export interface SchemaStore {
  schemaFor(id: MessageId): SchemaLookup;
  /**
   * The compiled schema of a message in steady use (asked for more than schemaCompileAfterUses
   * times), or null: compiling costs tens of milliseconds, more than a one-off check of one file.
   */
  compiledFor(id: MessageId): CompiledSchema | null;
}

interface Entry {
  readonly schema: Document;
  readonly path: string;
  uses: number;
  compiled: CompiledSchema | null;
}

/**
 * Schemas by message identifier, read once: the parsed XSD for libxmljs2 (which compiles it on
 * every validate() call: its binding has no compiled-schema handle, so it serves the detailed
 * errors) and, for schemas in steady use, a compiled libxml2-wasm validator for the verdict.
 */
export function createSchemaStore(dir: string = defaultSchemaDir): SchemaStore {
  const cache = new Map<string, Entry>();
  const entryFor = (id: MessageId): Entry | string => {
    const cached = cache.get(id.id);
    if (cached) return cached;
    // id.id matches parseMessageId's pattern, so it cannot walk out of dir.
    const path = join(dir, `${id.id}.xsd`);
    if (!existsSync(path)) return `no schema for ${id.id}`;
    const schema = libxml.parseXml(readFileSync(path, 'utf8'), { nonet: true });
    if (cache.size >= schemaCacheEntriesMax) {
      for (const entry of cache.values()) entry.compiled?.dispose();
      cache.clear();
    }
    const entry: Entry = { schema, path, uses: 0, compiled: null };
    cache.set(id.id, entry);
    return entry;
  };
  return {
    schemaFor(id) {
      const entry = entryFor(id);
      return typeof entry === 'string' ? { ok: false, detail: entry } : { ok: true, schema: entry.schema };
    },
    compiledFor(id) {
      const entry = entryFor(id);
      if (typeof entry === 'string') return null;
      if (entry.compiled === null) {
        entry.uses += 1;
        if (entry.uses <= schemaCompileAfterUses) return null;
        entry.compiled = compileSchema(readFileSync(entry.path, 'utf8'));
      }
      return entry.compiled;
    },
  };
}

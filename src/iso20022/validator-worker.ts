/**
 * A validator thread (validator-pool.ts): answers "is this part valid against the compiled
 * schema of its message" for the main thread. Requests come in batches (every part the main
 * thread sent in one turn of its event loop) and are answered in one message: a message
 * between threads costs more than validating a small part. Schemas are compiled here on first
 * use and kept (at most schemaCacheEntriesMax).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { schemaCacheEntriesMax } from './limits.js';
import { type CompiledSchema, compileSchema } from './xsd-compiled.js';

export interface ValidateRequest {
  readonly id: number;
  /** A message identifier (parseMessageId's pattern, so it names a file in the schema folder). */
  readonly messageId: string;
  readonly text: string;
}

export interface ValidateReply {
  readonly id: number;
  readonly valid: boolean;
}

const { schemaDir } = workerData as { schemaDir: string };
const compiled = new Map<string, CompiledSchema | null>();

function schemaOf(messageId: string): CompiledSchema | null {
  let schema = compiled.get(messageId);
  if (schema === undefined) {
    if (compiled.size >= schemaCacheEntriesMax) {
      for (const entry of compiled.values()) entry?.dispose();
      compiled.clear();
    }
    try {
      schema = compileSchema(readFileSync(join(schemaDir, `${messageId}.xsd`), 'utf8'));
    } catch {
      schema = null;
    }
    compiled.set(messageId, schema);
  }
  return schema;
}

parentPort!.on('message', (requests: readonly ValidateRequest[]) => {
  const replies = requests.map((request): ValidateReply => ({ id: request.id, valid: schemaOf(request.messageId)?.isValid(request.text) ?? false }));
  parentPort!.postMessage(replies);
});
parentPort!.postMessage('ready');

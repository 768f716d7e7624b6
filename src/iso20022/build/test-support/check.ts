import assert from 'node:assert/strict';
import { createSchemaStore } from '../../schemas.js';
import { messageToJson, type MessageJson } from '../../to-json.js';
import { type IsoVerdict, validateIsoFile } from '../../validate.js';

/** One store for a test file: the parsed XSDs are reused across messages. */
const schemas = createSchemaStore();

/** The project's full check of a received file (intake, XSD, business rules), applied to what we send. */
export function verdictOf(xml: string): IsoVerdict {
  return validateIsoFile(Buffer.from(xml, 'utf8'), { schemas });
}

/** Asserts the message passes, showing the failures and the message when it does not. */
export function assertValid(xml: string, expectedId?: string): void {
  const verdict = verdictOf(xml);
  if (!verdict.ok) {
    const failures = verdict.failures.map((f) => `line ${f.line}: ${f.code} ${f.kind}: ${f.detail}`).join('\n');
    assert.fail(`built message is refused:\n${failures}\n--- message ---\n${xml}`);
  }
  if (expectedId !== undefined) assert.equal(verdict.reported.id, expectedId);
}

/** What `corridor iso to-json` prints for the message. */
export function toJson(xml: string): MessageJson {
  const result = messageToJson(Buffer.from(xml, 'utf8'), schemas);
  if (!result.ok) assert.fail(`to-json refused the message: ${result.failures.map((f) => f.detail).join('; ')}`);
  return result.json;
}

import { type SchemaValidMessage, readIsoFile } from './intake.js';
import type { MessageId } from './message-id.js';
import type { NetworkContext } from './network.js';
import type { IsoFailure } from './reasons.js';
import { businessRuleFailures } from './rules.js';
import type { SchemaStore } from './schemas.js';

export type IsoVerdict =
  | { ok: true; reported: MessageId; message: SchemaValidMessage }
  | { ok: false; reported: MessageId | null; failures: IsoFailure[] };

export interface ValidateDeps {
  readonly schemas: SchemaStore;
  /** Given by the server: known participants, settled currencies, duplicates. */
  readonly network?: NetworkContext;
}

/** Secure intake, XML Schema, then business rules: the full check of one received file. */
export function validateIsoFile(bytes: Uint8Array, deps: ValidateDeps): IsoVerdict {
  const intake = readIsoFile(bytes, deps.schemas);
  if (!intake.ok) return intake;
  const failures = businessRuleFailures(intake.message, deps.network);
  if (failures.length > 0) return { ok: false, reported: intake.message.reported, failures };
  return { ok: true, reported: intake.message.reported, message: intake.message };
}

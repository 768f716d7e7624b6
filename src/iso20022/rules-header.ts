import { child, trimmedText } from './dom.js';
import type { SchemaValidMessage } from './intake.js';
import { type IsoFailure, isoFailure } from './reasons.js';

/**
 * head.001: MsgDefIdr names the message definition of the Document it travels with
 * (CBPR+ and HVPS+ reject a header that names another message or version).
 */
export function headerFailures(message: SchemaValidMessage): IsoFailure[] {
  const { header, document } = message;
  if (header === null || document === null) return [];
  const element = child(header.root, 'MsgDefIdr');
  const definition = element === null ? '(none)' : trimmedText(element);
  if (definition === document.id.id) return [];
  const line = element?.line ?? header.line;
  return [isoFailure('header_mismatch', `AppHdr MsgDefIdr ${definition} does not match Document ${document.id.id}`, line)];
}

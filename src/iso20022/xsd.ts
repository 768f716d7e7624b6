import type { Document } from 'libxmljs2';
import { schemaErrorsMax } from './limits.js';
import { type IsoFailure, isoFailure } from './reasons.js';
import { cleanMessage } from './xml-part.js';

/** XML Schema validation of one part; errors carry the file's line numbers (see partText). */
export function schemaFailures(doc: Document, schema: Document): IsoFailure[] {
  if (doc.validate(schema)) return [];
  const errors = doc.validationErrors.slice(0, schemaErrorsMax);
  if (errors.length === 0) return [isoFailure('schema_invalid', 'fails its XML Schema', null)];
  return errors.map((error) => isoFailure('schema_invalid', cleanMessage(error.message), error.line));
}

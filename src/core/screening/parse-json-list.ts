import type { EntryField, RawEntry } from './entry-fields.js';
import { fieldLengthMax } from './limits.js';
import type { LocatedEntry } from './parse-csv-list.js';
import type { ListError } from './types.js';

export type JsonEntries = { readonly ok: true; readonly entries: readonly LocatedEntry[] } | { readonly ok: false; readonly errors: readonly ListError[] };

const scalarFields: readonly EntryField[] = ['listId', 'entryId', 'entityType', 'primaryName', 'listedOn', 'remarks'];
const arrayFields: readonly EntryField[] = ['aliases', 'birthDates', 'countries', 'bics'];
const knownFields = new Set<string>([...scalarFields, ...arrayFields]);

/** `{"entries":[{"listId":…,"entryId":…,…}]}`; optional fields may be absent or null; unknown keys are refused (a typo would drop data). */
export function readJsonEntries(text: string): JsonEntries {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ code: 'json_syntax', line: syntaxErrorLine(text, message), column: 0, field: '', detail: message }] };
  }
  if (!isObject(document) || !Array.isArray(document.entries) || Object.keys(document).some((key) => key !== 'entries')) {
    return { ok: false, errors: [shapeError(1, '', 'an object with one key, entries, holding an array')] };
  }
  const lines = entryLines(text);
  const errors: ListError[] = [];
  const entries: LocatedEntry[] = [];
  (document.entries as unknown[]).forEach((item, index) => {
    const line = lines[index] ?? 0;
    const read = readEntry(item, `entries[${index}]`, line);
    if (read.ok) entries.push(read.entry);
    else errors.push(read.error);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}

type EntryRead = { ok: true; entry: LocatedEntry } | { ok: false; error: ListError };

function readEntry(item: unknown, path: string, line: number): EntryRead {
  if (!isObject(item)) return { ok: false, error: shapeError(line, path, 'an object') };
  const unknownKey = Object.keys(item).find((key) => !knownFields.has(key));
  if (unknownKey !== undefined) return { ok: false, error: shapeError(line, `${path}.${unknownKey}`, 'a known field') };
  const fields: Record<string, string | string[]> = {};
  for (const field of scalarFields) {
    const value = item[field] ?? '';
    if (typeof value !== 'string') return { ok: false, error: shapeError(line, `${path}.${field}`, 'a string') };
    if (value.length > fieldLengthMax) return { ok: false, error: { code: 'field_too_long', line, column: 0, field: `${path}.${field}`, detail: `${value.length} characters` } };
    fields[field] = value.trim();
  }
  for (const field of arrayFields) {
    const value = item[field] ?? [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length > fieldLengthMax)) {
      return { ok: false, error: shapeError(line, `${path}.${field}`, 'an array of strings') };
    }
    fields[field] = (value as string[]).map((v) => v.trim());
  }
  const raw = fields as unknown as RawEntry;
  const locate = (field: EntryField, index: number) => ({ field: index >= 0 ? `${path}.${field}[${index}]` : `${path}.${field}`, column: 0 });
  return { ok: true, entry: { raw, line, locate } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shapeError(line: number, field: string, expected: string): ListError {
  return { code: 'json_shape', line, column: 0, field, detail: `expected ${expected}` };
}

/** V8 reports "… at position N": turn it into a line so the operator can find it. */
function syntaxErrorLine(text: string, message: string): number {
  const match = /position (\d+)/.exec(message);
  if (match === null) return 0;
  const position = Math.min(Number(match[1]), text.length);
  return lineAt(text, position);
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < position; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * The line each entry object starts on. Only called on text JSON.parse accepted, whose root holds
 * nothing but the entries array, so every object opened at depth 2 is an entry.
 */
function entryLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line += 1;
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (c === 0x7b && depth === 2) lines.push(line);
      depth += 1;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return lines;
}

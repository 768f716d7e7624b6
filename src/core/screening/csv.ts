import { csvLinesMax, fieldLengthMax } from './limits.js';
import type { ScreeningFailureCode } from './result-codes.js';

/** One CSV record with the 1-based line it starts on (quoted fields may span lines). */
export interface CsvRow {
  readonly line: number;
  readonly fields: readonly string[];
}

export type CsvParse =
  | { readonly ok: true; readonly rows: readonly CsvRow[] }
  | { readonly ok: false; readonly code: ScreeningFailureCode; readonly line: number; readonly column: number };

interface Cursor {
  text: string;
  at: number;
  line: number;
}

type FieldRead = { ok: true; value: string } | { ok: false; code: ScreeningFailureCode };

/**
 * RFC 4180: fields separated by commas, records by CRLF (a bare LF is accepted too),
 * double quotes around fields that hold commas, quotes or line breaks, a quote inside doubled.
 * Blank lines are skipped. Anything else is refused with its line and column, never guessed at.
 */
export function parseCsv(text: string): CsvParse {
  const cursor: Cursor = { text, at: text.charCodeAt(0) === 0xfeff ? 1 : 0, line: 1 };
  const rows: CsvRow[] = [];
  while (cursor.at < text.length) {
    if (cursor.line > csvLinesMax) return { ok: false, code: 'csv_too_many_lines', line: cursor.line, column: 0 };
    if (atLineEnd(cursor)) {
      skipLineEnd(cursor);
      continue;
    }
    const line = cursor.line;
    const fields: string[] = [];
    while (true) {
      const field = readField(cursor);
      if (!field.ok) return { ok: false, code: field.code, line: cursor.line, column: fields.length + 1 };
      fields.push(field.value);
      if (cursor.at < text.length && text.charCodeAt(cursor.at) === comma) {
        cursor.at += 1;
        continue;
      }
      skipLineEnd(cursor);
      break;
    }
    rows.push({ line, fields });
  }
  return { ok: true, rows };
}

const comma = 0x2c;
const quote = 0x22;
const cr = 0x0d;
const lf = 0x0a;

function atLineEnd(cursor: Cursor): boolean {
  const c = cursor.text.charCodeAt(cursor.at);
  return c === lf || (c === cr && cursor.text.charCodeAt(cursor.at + 1) === lf);
}

function skipLineEnd(cursor: Cursor): void {
  if (cursor.text.charCodeAt(cursor.at) === cr) cursor.at += 1;
  if (cursor.text.charCodeAt(cursor.at) === lf) cursor.at += 1;
  cursor.line += 1;
}

function readField(cursor: Cursor): FieldRead {
  return cursor.text.charCodeAt(cursor.at) === quote ? readQuoted(cursor) : readBare(cursor);
}

function readBare(cursor: Cursor): FieldRead {
  const { text } = cursor;
  const start = cursor.at;
  while (cursor.at < text.length) {
    const c = text.charCodeAt(cursor.at);
    if (c === comma || c === lf || (c === cr && text.charCodeAt(cursor.at + 1) === lf)) break;
    if (c === quote) return { ok: false, code: 'csv_bare_quote' };
    cursor.at += 1;
    if (cursor.at - start > fieldLengthMax) return { ok: false, code: 'field_too_long' };
  }
  return { ok: true, value: text.slice(start, cursor.at) };
}

function readQuoted(cursor: Cursor): FieldRead {
  const { text } = cursor;
  const parts: string[] = [];
  let length = 0;
  cursor.at += 1;
  let start = cursor.at;
  while (true) {
    const close = text.indexOf('"', cursor.at);
    if (close < 0) return { ok: false, code: 'csv_unterminated_quote' };
    cursor.line += countLineFeeds(text, cursor.at, close);
    length += close - start;
    if (length > fieldLengthMax) return { ok: false, code: 'field_too_long' };
    parts.push(text.slice(start, close));
    if (text.charCodeAt(close + 1) === quote) {
      parts.push('"');
      cursor.at = close + 2;
      start = cursor.at;
      continue;
    }
    cursor.at = close + 1;
    const next = text.charCodeAt(cursor.at);
    const ends = cursor.at >= text.length || next === comma || next === lf || (next === cr && text.charCodeAt(cursor.at + 1) === lf);
    return ends ? { ok: true, value: parts.join('') } : { ok: false, code: 'csv_text_after_quote' };
  }
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

import { parseCsv, type CsvRow } from './csv.js';
import type { EntryField, RawEntry } from './entry-fields.js';
import type { ListError } from './types.js';

/** CSV columns and the entry fields they fill; the first four are required. */
export const csvColumns: readonly (readonly [string, EntryField])[] = [
  ['list_id', 'listId'],
  ['entry_id', 'entryId'],
  ['entity_type', 'entityType'],
  ['primary_name', 'primaryName'],
  ['aliases', 'aliases'],
  ['listed_on', 'listedOn'],
  ['birth_dates', 'birthDates'],
  ['countries', 'countries'],
  ['bics', 'bics'],
  ['remarks', 'remarks'],
];
const requiredColumnsCount = 4;
/** Separates the values of a multi-valued cell: consolidated lists never use it inside a name, unlike ';' and ','. */
export const csvValueSeparator = '|';
const multiValued = new Set<EntryField>(['aliases', 'birthDates', 'countries', 'bics']);

/** A raw entry with where each field came from, so the caller can point at the line and column. */
export interface LocatedEntry {
  readonly raw: RawEntry;
  readonly line: number;
  readonly locate: (field: EntryField, index: number) => { field: string; column: number };
}

export type CsvEntries = { readonly ok: true; readonly entries: readonly LocatedEntry[] } | { readonly ok: false; readonly errors: readonly ListError[] };

export function readCsvEntries(text: string): CsvEntries {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, errors: [{ code: parsed.code, line: parsed.line, column: parsed.column, field: '', detail: '' }] };
  const [header, ...rows] = parsed.rows;
  if (header === undefined) return { ok: false, errors: [{ code: 'list_empty', line: 1, column: 0, field: '', detail: '' }] };
  const layout = readHeader(header);
  if (!layout.ok) return layout;
  const errors: ListError[] = [];
  const entries: LocatedEntry[] = [];
  for (const row of rows) {
    if (row.fields.length !== header.fields.length) {
      errors.push({ code: 'csv_field_count', line: row.line, column: 0, field: '', detail: `${row.fields.length} fields, the header has ${header.fields.length}` });
      continue;
    }
    entries.push(locatedEntry(row, layout.columns));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}

type Layout = { ok: true; columns: ReadonlyMap<EntryField, number> } | { ok: false; errors: readonly ListError[] };

function readHeader(header: CsvRow): Layout {
  const columns = new Map<EntryField, number>();
  const errors: ListError[] = [];
  header.fields.forEach((name, index) => {
    const known = csvColumns.find(([column]) => column === name.trim().toLowerCase());
    const where = { line: header.line, column: index + 1, field: name };
    if (known === undefined) errors.push({ ...where, code: 'header_column_unknown', detail: name });
    else if (columns.has(known[1])) errors.push({ ...where, code: 'header_column_duplicate', detail: name });
    else columns.set(known[1], index);
  });
  for (const [column, field] of csvColumns.slice(0, requiredColumnsCount)) {
    if (!columns.has(field)) errors.push({ code: 'header_column_missing', line: header.line, column: 0, field: column, detail: column });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns };
}

function locatedEntry(row: CsvRow, columns: ReadonlyMap<EntryField, number>): LocatedEntry {
  const cell = (field: EntryField): string => {
    const index = columns.get(field);
    return index === undefined ? '' : (row.fields[index] ?? '').trim();
  };
  const values = (field: EntryField): string[] =>
    cell(field)
      .split(csvValueSeparator)
      .map((value) => value.trim())
      .filter((value) => value !== '');
  const raw: RawEntry = {
    listId: cell('listId'),
    entryId: cell('entryId'),
    entityType: cell('entityType'),
    primaryName: cell('primaryName'),
    aliases: values('aliases'),
    listedOn: cell('listedOn'),
    birthDates: values('birthDates'),
    countries: values('countries'),
    bics: values('bics'),
    remarks: cell('remarks'),
  };
  const locate = (field: EntryField, index: number) => {
    const column = csvColumns.find(([, f]) => f === field)?.[0] ?? field;
    const suffix = multiValued.has(field) && index >= 0 ? `[${index}]` : '';
    return { field: `${column}${suffix}`, column: (columns.get(field) ?? -1) + 1 };
  };
  return { raw, line: row.line, locate };
}

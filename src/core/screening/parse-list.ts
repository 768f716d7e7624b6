import { checkEntry } from './entry-fields.js';
import { listBytesMax, listEntriesMax, listErrorsReportedMax } from './limits.js';
import { readCsvEntries, type LocatedEntry } from './parse-csv-list.js';
import { readJsonEntries } from './parse-json-list.js';
import type { ListError, ListFormat, ListParse, WatchListEntry } from './types.js';

/**
 * Reads a whole list file, CSV or JSON (docs/screening.md). Returns every entry, or refuses the
 * file whole with its first errors (line, column or field, code): a list loaded in part would
 * screen payments against names the operator believes are there but are not.
 */
export function parseWatchList(text: string, format: ListFormat): ListParse {
  if (utf8LengthExceeds(text, listBytesMax)) return refuse([{ code: 'list_too_large', line: 0, column: 0, field: '', detail: `more than ${listBytesMax} bytes` }]);
  const read = format === 'csv' ? readCsvEntries(text) : readJsonEntries(text);
  if (!read.ok) return refuse(read.errors);
  if (read.entries.length === 0) return refuse([{ code: 'list_empty', line: 0, column: 0, field: '', detail: '' }]);
  if (read.entries.length > listEntriesMax) {
    return refuse([{ code: 'list_too_many_entries', line: 0, column: 0, field: '', detail: `${read.entries.length} entries, at most ${listEntriesMax}` }]);
  }
  return checkEntries(read.entries);
}

function checkEntries(located: readonly LocatedEntry[]): ListParse {
  const errors: ListError[] = [];
  const entries: WatchListEntry[] = [];
  const seenIds = new Map<string, number>();
  const listId = located[0]?.raw.listId ?? '';
  for (const item of located) {
    const checked = checkEntry(item.raw);
    if (!checked.ok) {
      for (const p of checked.problems) errors.push({ code: p.code, line: item.line, ...item.locate(p.field, p.index), detail: p.detail });
      if (errors.length >= listErrorsReportedMax) break;
      continue;
    }
    const { entry } = checked;
    if (entry.listId !== listId) errors.push({ code: 'list_id_mixed', line: item.line, ...item.locate('listId', -1), detail: `${entry.listId}, the file's list is ${listId}` });
    const firstLine = seenIds.get(entry.entryId);
    if (firstLine !== undefined) errors.push({ code: 'entry_id_duplicate', line: item.line, ...item.locate('entryId', -1), detail: `${entry.entryId}, first on line ${firstLine}` });
    seenIds.set(entry.entryId, item.line);
    entries.push(entry);
    if (errors.length >= listErrorsReportedMax) break;
  }
  return errors.length > 0 ? refuse(errors) : { ok: true, list: { listId, entries } };
}

function refuse(errors: readonly ListError[]): ListParse {
  return { ok: false, errors: errors.slice(0, listErrorsReportedMax) };
}

/** Whether the UTF-8 encoding of a JS string is longer than `max` bytes, stopping as soon as it is. */
function utf8LengthExceeds(text: string, max: number): boolean {
  if (text.length * 3 <= max) return false;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= max; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes > max;
}

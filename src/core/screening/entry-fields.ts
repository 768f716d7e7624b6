import { aliasesPerEntryMax, nameLengthMax, remarksLengthMax, valuesPerFieldMax } from './limits.js';
import type { ScreeningFailureCode } from './result-codes.js';
import { entityTypes, type EntityType, type WatchListEntry } from './types.js';
import { hasControlCharacter, isBic, isCountry, isEntryId, isListDate, isListId } from './values.js';

/** An entry as read from either format, before any check: every field as text. */
export interface RawEntry {
  readonly listId: string;
  readonly entryId: string;
  readonly entityType: string;
  readonly primaryName: string;
  readonly aliases: readonly string[];
  readonly listedOn: string;
  readonly birthDates: readonly string[];
  readonly countries: readonly string[];
  readonly bics: readonly string[];
  readonly remarks: string;
}

export type EntryField = keyof RawEntry;

/** A problem with one field; `index` is the position inside a multi-valued field, or -1. */
export interface FieldProblem {
  readonly field: EntryField;
  readonly index: number;
  readonly code: ScreeningFailureCode;
  readonly detail: string;
}

export type EntryCheck = { readonly ok: true; readonly entry: WatchListEntry } | { readonly ok: false; readonly problems: readonly FieldProblem[] };

const letterOrDigit = /[\p{L}\p{N}]/u;

/** Checks every field of one entry and reports all of its problems, so one pass over a file finds them. */
export function checkEntry(raw: RawEntry): EntryCheck {
  const problems: FieldProblem[] = [];
  const problem = (field: EntryField, index: number, code: ScreeningFailureCode, detail: string) => problems.push({ field, index, code, detail });
  if (!isListId(raw.listId)) problem('listId', -1, raw.listId === '' ? 'field_required' : 'list_id_invalid', raw.listId);
  if (!isEntryId(raw.entryId)) problem('entryId', -1, raw.entryId === '' ? 'field_required' : 'entry_id_invalid', raw.entryId);
  if (!(entityTypes as readonly string[]).includes(raw.entityType)) problem('entityType', -1, raw.entityType === '' ? 'field_required' : 'entity_type_unknown', raw.entityType);
  if (raw.primaryName === '') problem('primaryName', -1, 'field_required', '');
  else checkName(raw.primaryName, 'primaryName', -1, problem);
  checkList(raw.aliases, 'aliases', aliasesPerEntryMax, problem, (alias, i) => checkName(alias, 'aliases', i, problem));
  if (raw.listedOn !== '' && !isListDate(raw.listedOn, false)) problem('listedOn', -1, 'date_invalid', raw.listedOn);
  checkList(raw.birthDates, 'birthDates', valuesPerFieldMax, problem, (date, i) => {
    if (!isListDate(date, true)) problem('birthDates', i, 'date_invalid', date);
  });
  checkList(raw.countries, 'countries', valuesPerFieldMax, problem, (country, i) => {
    if (!isCountry(country)) problem('countries', i, 'country_invalid', country);
  });
  checkList(raw.bics, 'bics', valuesPerFieldMax, problem, (bic, i) => {
    if (!isBic(bic)) problem('bics', i, 'bic_invalid', bic);
  });
  if (raw.remarks.length > remarksLengthMax) problem('remarks', -1, 'field_too_long', `${raw.remarks.length} characters`);
  else if (hasControlCharacter(raw.remarks, true)) problem('remarks', -1, 'field_control_character', '');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entry: entryOf(raw) };
}

type Report = (field: EntryField, index: number, code: ScreeningFailureCode, detail: string) => void;

function checkName(name: string, field: EntryField, index: number, problem: Report): void {
  if (name.length > nameLengthMax) problem(field, index, 'name_invalid', `${name.length} characters`);
  else if (hasControlCharacter(name, false)) problem(field, index, 'field_control_character', name);
  else if (!letterOrDigit.test(name)) problem(field, index, 'name_invalid', name);
}

function checkList(values: readonly string[], field: EntryField, max: number, problem: Report, each: (value: string, index: number) => void): void {
  if (values.length > max) {
    problem(field, -1, 'too_many_values', `${values.length} values, at most ${max}`);
    return;
  }
  values.forEach(each);
}

function entryOf(raw: RawEntry): WatchListEntry {
  return {
    listId: raw.listId,
    entryId: raw.entryId,
    entityType: raw.entityType as EntityType,
    primaryName: raw.primaryName,
    aliases: raw.aliases,
    listedOn: raw.listedOn === '' ? null : raw.listedOn,
    birthDates: raw.birthDates,
    countries: raw.countries,
    bics: raw.bics,
    remarks: raw.remarks,
  };
}

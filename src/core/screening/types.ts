import type { ScreeningFailureCode } from './result-codes.js';

/** What a listed party is: regulators' consolidated lists use these four. */
export const entityTypes = ['individual', 'entity', 'vessel', 'aircraft'] as const;
export type EntityType = (typeof entityTypes)[number];

/** One listed party, as the operator loaded it (names exactly as written in the file). */
export interface WatchListEntry {
  readonly listId: string;
  readonly entryId: string;
  readonly entityType: EntityType;
  readonly primaryName: string;
  readonly aliases: readonly string[];
  /** YYYY-MM-DD, or null when the list does not say. */
  readonly listedOn: string | null;
  /** YYYY, YYYY-MM or YYYY-MM-DD: lists often know only the year. */
  readonly birthDates: readonly string[];
  /** ISO 3166-1 alpha-2. */
  readonly countries: readonly string[];
  /** 8 or 11 characters, upper case. */
  readonly bics: readonly string[];
  readonly remarks: string;
}

/** One list as imported: all of its entries or nothing. */
export interface WatchList {
  readonly listId: string;
  readonly entries: readonly WatchListEntry[];
}

export type ListFormat = 'csv' | 'json';

/** Where a list file is wrong: a CSV line and column, or a JSON entry and field. */
export interface ListError {
  readonly code: ScreeningFailureCode;
  /** 1-based line of the file (CSV, and JSON syntax errors); 0 when unknown. */
  readonly line: number;
  /** CSV column name, or a JSON path such as entries[3].bics[1]; '' for the whole file. */
  readonly field: string;
  /** 1-based column number of a CSV field; 0 for JSON. */
  readonly column: number;
  readonly detail: string;
}

export type ListParse =
  | { readonly ok: true; readonly list: WatchList }
  | { readonly ok: false; readonly errors: readonly ListError[] };

/**
 * Every outcome of list import, list-set changes and screening, in one table (docs/screening.md copies it).
 * Numbers are what a journal would store: never reused or renumbered.
 */
const table = [
  [0, 'ok', 'applied'],
  [1, 'list_too_large', 'the file is larger than listBytesMax (64 MiB)'],
  [2, 'list_empty', 'the file holds no entries'],
  [3, 'list_too_many_entries', 'more than listEntriesMax (250,000) entries'],
  [4, 'csv_unterminated_quote', 'a quoted CSV field is not closed before the end of the file'],
  [5, 'csv_bare_quote', 'a double quote inside an unquoted CSV field (RFC 4180: quote the field and double the quote)'],
  [6, 'csv_text_after_quote', 'text between a closing quote and the next comma or line end'],
  [7, 'csv_field_count', 'a row has more or fewer fields than the header'],
  [8, 'csv_too_many_lines', 'more than csvLinesMax (1,000,000) lines'],
  [9, 'header_column_missing', 'a required column is absent from the CSV header'],
  [10, 'header_column_unknown', 'the CSV header names a column this format does not have'],
  [11, 'header_column_duplicate', 'the CSV header names a column twice'],
  [12, 'json_syntax', 'the file is not JSON'],
  [13, 'json_shape', 'the JSON is not an object with an entries array of objects, or a field has the wrong JSON type'],
  [14, 'field_too_long', 'a field is longer than its limit'],
  [15, 'field_required', 'a required field is empty'],
  [16, 'field_control_character', 'a field holds a control character (other than in remarks: tab, line feed)'],
  [17, 'list_id_invalid', 'list ids have 1 to 35 characters: letters, digits, dot, dash, underscore'],
  [18, 'list_id_mixed', 'one file holds one list: every entry has the list id of the first'],
  [19, 'entry_id_invalid', 'entry ids have 1 to 64 characters: letters, digits, dot, dash, underscore, slash, colon'],
  [20, 'entry_id_duplicate', 'two entries of the list have the same entry id'],
  [21, 'entity_type_unknown', 'entity type is one of individual, entity, vessel, aircraft'],
  [22, 'name_invalid', 'a name or alias has no letter or digit, or is longer than nameLengthMax (256)'],
  [23, 'too_many_values', 'more aliases (256) or countries, BICs, birth dates (64 each) than allowed'],
  [24, 'date_invalid', 'dates are YYYY-MM-DD calendar dates; birth dates may also be YYYY or YYYY-MM'],
  [25, 'country_invalid', 'countries are ISO 3166-1 alpha-2 codes in capitals'],
  [26, 'bic_invalid', 'a BIC has 8 or 11 characters: 4 letters, 2 letters (country), 2 letters or digits, and 3 optional letters or digits'],
  [27, 'version_invalid', 'version labels have 1 to 35 characters: letters, digits, dot, dash, underscore, colon'],
  [28, 'version_exists', 'this version of the list is already loaded'],
  [29, 'version_unknown', 'no such version of the list is loaded'],
  [30, 'list_unknown', 'no version of this list is loaded'],
  [31, 'too_many_versions', 'the list already keeps versionsPerListMax (16) versions; remove one first'],
  [32, 'too_many_lists', 'the set already holds listsPerSetMax (64) lists'],
  [33, 'version_active', 'the active version of a list cannot be removed; activate another or deactivate the list first'],
  [34, 'jurisdictions_invalid', 'a list applies to all participants or to 1 to 300 distinct ISO 3166-1 alpha-2 jurisdictions'],
  [35, 'screened_field_too_long', 'a payment field is longer than screenedFieldLengthMax (4,096) or has too many words or lines; refused rather than cut'],
  [36, 'screened_bic_invalid', 'an agent BIC of the payment is not 8 or 11 characters of the BIC shape'],
  [37, 'options_invalid', 'thresholds are numbers in (0, 1], the token threshold at most the name threshold'],
] as const;

export type ScreeningResultCode = (typeof table)[number][1];
export type ScreeningFailureCode = Exclude<ScreeningResultCode, 'ok'>;

export interface ScreeningResultCodeInfo {
  readonly number: number;
  readonly code: ScreeningResultCode;
  readonly meaning: string;
}

export const screeningResultCodes: readonly ScreeningResultCodeInfo[] = table.map(([number, code, meaning]) => ({ number, code, meaning }));

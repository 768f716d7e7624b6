/**
 * Every limit of the screening core, with its unit. Bounds on loops over outside input come from here.
 */

/** A list file larger than this is refused before parsing (UTF-8 bytes). The largest consolidated lists are ~30 MB as XML, far less as CSV. */
export const listBytesMax = 64 * 1024 * 1024;
/** Entries in one list file. OFAC SDN + consolidated, EU, UN and UK together hold fewer than 60,000. */
export const listEntriesMax = 250_000;
/** Lines in one CSV list file (entries, header and blank lines). */
export const csvLinesMax = 1_000_000;
/** Characters in one CSV cell or JSON string, before any other check. */
export const fieldLengthMax = 16_384;
/** Characters in one name or alias. */
export const nameLengthMax = 256;
/** Aliases of one entry: OFAC's most aliased entries have about a hundred. */
export const aliasesPerEntryMax = 256;
/** Countries, BICs and birth dates of one entry, each. */
export const valuesPerFieldMax = 64;
/** Characters of an entry's remarks. */
export const remarksLengthMax = 4_096;
/** Characters of a list id (ISO 20022 Max35Text) and of an entry id. */
export const listIdLengthMax = 35;
export const entryIdLengthMax = 64;
/** Errors reported when a list is refused: the first ones are enough to fix the file and bound the answer. */
export const listErrorsReportedMax = 20;

/** Versions kept per list, and lists per list set. */
export const versionsPerListMax = 16;
export const listsPerSetMax = 64;
/** Characters of a version label (an operator's publication date or number). */
export const versionLengthMax = 35;
/** Jurisdictions a list may be restricted to. */
export const jurisdictionsPerListMax = 300;

/** Characters of one screened payment field (an ISO 20022 name is Max140Text; seven address lines of 70; remittance 140 × n). */
export const screenedFieldLengthMax = 4_096;
/** Free-text fields per payment (address lines, remittance lines, intermediary agents). */
export const screenedValuesPerFieldMax = 16;
/** Words of one screened field that are matched; beyond this a field is refused, never cut, so no name can hide past the cut. */
export const screenedTokensMax = 256;
/** Hits reported for one payment: enough for a reviewer, bounded for the journal. */
export const hitsPerPaymentMax = 100;
/** A name of 2 to this many words is also matched written as one word ("Sber Bank" / "Sberbank"). */
export const joinedVariantTokensMax = 4;

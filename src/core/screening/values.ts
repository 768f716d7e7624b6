/** Shapes of the small values a list entry carries. Each check is total: any string in, a boolean out. */

const listIdPattern = /^[A-Za-z0-9._-]{1,35}$/;
const entryIdPattern = /^[A-Za-z0-9._:/-]{1,64}$/;
const versionPattern = /^[A-Za-z0-9._:-]{1,35}$/;
const countryPattern = /^[A-Z]{2}$/;
/** ISO 9362: institution (4 letters), country (2 letters), location (2 alphanumerics), optional branch (3 alphanumerics). */
const bicPattern = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
const datePattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isListId(text: string): boolean {
  return listIdPattern.test(text);
}

export function isEntryId(text: string): boolean {
  return entryIdPattern.test(text);
}

export function isVersion(text: string): boolean {
  return versionPattern.test(text);
}

export function isCountry(text: string): boolean {
  return countryPattern.test(text);
}

export function isBic(text: string): boolean {
  return bicPattern.test(text);
}

/** C0 and C1 controls and DEL: never part of a name; tab and line breaks only in remarks. */
export function hasControlCharacter(text: string, allowBreaks: boolean): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    if (control && !(allowBreaks && (c === 0x09 || c === 0x0a || c === 0x0d))) return true;
  }
  return false;
}

/** A calendar date YYYY-MM-DD, or (when partial is allowed, as for birth dates) YYYY or YYYY-MM. */
export function isListDate(text: string, partialAllowed: boolean): boolean {
  const match = datePattern.exec(text);
  if (match === null) return false;
  const [, yearText, monthText, dayText] = match;
  if (!partialAllowed && dayText === undefined) return false;
  const year = Number(yearText);
  if (year < 1800 || year > 2999) return false;
  if (monthText === undefined) return true;
  const month = Number(monthText);
  if (month < 1 || month > 12) return false;
  if (dayText === undefined) return true;
  const day = Number(dayText);
  return day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

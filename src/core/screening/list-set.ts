import { jurisdictionsPerListMax, listsPerSetMax, versionsPerListMax } from './limits.js';
import type { ScreeningFailureCode } from './result-codes.js';
import type { WatchList } from './types.js';
import { isCountry, isVersion } from './values.js';

/** Which participants a list applies to: all, or those of the given jurisdictions (ISO 3166-1 alpha-2). */
export type ListScope = { readonly kind: 'all' } | { readonly kind: 'jurisdictions'; readonly jurisdictions: ReadonlySet<string> };

/** One list's loaded versions, the active one (null: loaded but not screened against) and its scope. */
export interface ListSlot {
  readonly versions: ReadonlyMap<string, WatchList>;
  readonly active: string | null;
  readonly scope: ListScope;
}

/**
 * Every list the operator loaded, by list id. Immutable: each change returns a new set, so a
 * screening in progress keeps the set it started with, and the journal can record each change.
 */
export interface ListSet {
  readonly lists: ReadonlyMap<string, ListSlot>;
}

export type ListSetChange = { readonly ok: true; readonly set: ListSet } | { readonly ok: false; readonly code: ScreeningFailureCode };

export const emptyListSet: ListSet = { lists: new Map() };

/** Loads a new version of a list (inactive until activated); the first version of a list fixes its scope. */
export function loadListVersion(set: ListSet, list: WatchList, version: string, scope: ListScope): ListSetChange {
  if (!isVersion(version)) return { ok: false, code: 'version_invalid' };
  if (!scopeValid(scope)) return { ok: false, code: 'jurisdictions_invalid' };
  const slot = set.lists.get(list.listId);
  if (slot === undefined && set.lists.size >= listsPerSetMax) return { ok: false, code: 'too_many_lists' };
  if (slot?.versions.has(version)) return { ok: false, code: 'version_exists' };
  if (slot !== undefined && slot.versions.size >= versionsPerListMax) return { ok: false, code: 'too_many_versions' };
  const versions = new Map(slot?.versions ?? []).set(version, list);
  return withSlot(set, list.listId, { versions, active: slot?.active ?? null, scope });
}

/** Makes one loaded version the one payments are screened against, replacing the previous one at once. */
export function activateListVersion(set: ListSet, listId: string, version: string): ListSetChange {
  const slot = set.lists.get(listId);
  if (slot === undefined) return { ok: false, code: 'list_unknown' };
  if (!slot.versions.has(version)) return { ok: false, code: 'version_unknown' };
  return withSlot(set, listId, { ...slot, active: version });
}

/** Stops screening against a list; its versions stay loaded. */
export function deactivateList(set: ListSet, listId: string): ListSetChange {
  const slot = set.lists.get(listId);
  if (slot === undefined) return { ok: false, code: 'list_unknown' };
  return withSlot(set, listId, { ...slot, active: null });
}

/** Drops a loaded version that is not active (old versions are kept only to look back at past decisions). */
export function removeListVersion(set: ListSet, listId: string, version: string): ListSetChange {
  const slot = set.lists.get(listId);
  if (slot === undefined) return { ok: false, code: 'list_unknown' };
  if (!slot.versions.has(version)) return { ok: false, code: 'version_unknown' };
  if (slot.active === version) return { ok: false, code: 'version_active' };
  const versions = new Map(slot.versions);
  versions.delete(version);
  return withSlot(set, listId, { ...slot, versions });
}

/** Changes which participants a list applies to. */
export function setListScope(set: ListSet, listId: string, scope: ListScope): ListSetChange {
  const slot = set.lists.get(listId);
  if (slot === undefined) return { ok: false, code: 'list_unknown' };
  if (!scopeValid(scope)) return { ok: false, code: 'jurisdictions_invalid' };
  return withSlot(set, listId, { ...slot, scope });
}

/** The active lists, each with its version: what a screening index is built from. */
export function activeLists(set: ListSet): { readonly version: string; readonly list: WatchList }[] {
  const active: { version: string; list: WatchList }[] = [];
  for (const slot of set.lists.values()) {
    const list = slot.active === null ? undefined : slot.versions.get(slot.active);
    if (slot.active !== null && list !== undefined) active.push({ version: slot.active, list });
  }
  return active;
}

/** The ids of the active lists that apply to a participant of this jurisdiction, sorted. */
export function listsForJurisdiction(set: ListSet, jurisdiction: string): string[] {
  const ids: string[] = [];
  for (const [listId, slot] of set.lists) {
    if (slot.active === null) continue;
    if (slot.scope.kind === 'all' || slot.scope.jurisdictions.has(jurisdiction)) ids.push(listId);
  }
  return ids.sort();
}

function withSlot(set: ListSet, listId: string, slot: ListSlot): ListSetChange {
  return { ok: true, set: { lists: new Map(set.lists).set(listId, slot) } };
}

function scopeValid(scope: ListScope): boolean {
  if (scope.kind === 'all') return true;
  const size = scope.jurisdictions.size;
  return size >= 1 && size <= jurisdictionsPerListMax && [...scope.jurisdictions].every(isCountry);
}

/**
 * Watch lists in the journal. A list of 100,000 entries is far larger than one journaled
 * command may be (networkCommandBytesMax), so an import is begin → chunks in order → commit:
 * the entries gather in the import, and commit loads the version (and activates it, if asked)
 * in one step, or refuses and changes nothing. Payments are never screened against half a list.
 */
import type { LedgerBatch } from '../ledger/apply-batch.js';
import {
  activateListVersion,
  deactivateList,
  listEntriesMax,
  loadListVersion,
  removeListVersion,
  setListScope,
  type ListSetChange,
  type ScreeningFailureCode,
  type WatchListEntry,
} from '../screening/index.js';
import { checkEntry } from '../screening/entry-fields.js';
import { jurisdictionsPerListMax } from '../screening/limits.js';
import { isCountry, isListId, isVersion } from '../screening/values.js';
import { queueRescreening } from './rescreen.js';
import type { NetworkResult } from './results.js';
import { listImportsOpenMax, recordListEvent, scopeOf, type ScreeningState } from './screening-state.js';
import type {
  AbortListImportCommand,
  BeginListImportCommand,
  ChangeWatchListCommand,
  CommitListImportCommand,
  ListImportChunkCommand,
  ListScopeInput,
  SetScreeningThresholdsCommand,
} from './screening-types.js';
import type { NodeState } from './state.js';

/** Import ids: the operator's (or the edge's) name for one upload. */
export const importIdPattern = /^[A-Za-z0-9._:-]{1,64}$/;
/** Chunks of one import: 250,000 entries in chunks of at least 100 need no more. */
export const listChunksMax = 4096;

export function scopeInputValid(scope: ListScopeInput): boolean {
  if (scope === 'all') return true;
  if (!Array.isArray(scope) || scope.length < 1 || scope.length > jurisdictionsPerListMax) return false;
  return new Set(scope).size === scope.length && scope.every((c) => typeof c === 'string' && isCountry(c));
}

export function applyBeginListImport(state: NodeState, cursor: LedgerBatch, c: BeginListImportCommand): NetworkResult {
  const screening = state.network.screening;
  const counts = Number.isSafeInteger(c.entriesTotal) && Number.isSafeInteger(c.chunksTotal) && c.entriesTotal >= 1 && c.entriesTotal <= listEntriesMax && c.chunksTotal >= 1 && c.chunksTotal <= Math.min(listChunksMax, c.entriesTotal);
  if (!importIdPattern.test(c.importId) || !isListId(c.listId) || !isVersion(c.version) || typeof c.activate !== 'boolean' || !counts) return 'list_import_invalid';
  if (!scopeInputValid(c.scope)) return 'jurisdictions_invalid';
  const open = screening.imports.get(c.importId);
  if (open !== undefined) return sameImport(open, c) ? 'already_applied' : 'list_import_exists';
  if (screening.imports.size >= listImportsOpenMax) return 'list_import_invalid';
  if (screening.lists.lists.get(c.listId)?.versions.has(c.version) === true) return 'list_version_exists';
  screening.imports.set(c.importId, {
    importId: c.importId,
    listId: c.listId,
    version: c.version,
    scope: c.scope === 'all' ? 'all' : [...c.scope],
    activate: c.activate,
    entriesTotal: c.entriesTotal,
    chunksTotal: c.chunksTotal,
    startedAt: cursor.takeTimestamp(),
    chunksReceived: 0,
    entries: [],
  });
  return 'accepted';
}

function sameImport(open: { listId: string; version: string; entriesTotal: number; chunksTotal: number; activate: boolean }, c: BeginListImportCommand): boolean {
  return open.listId === c.listId && open.version === c.version && open.entriesTotal === c.entriesTotal && open.chunksTotal === c.chunksTotal && open.activate === c.activate;
}

/**
 * A chunk is checked entry by entry with the same rules as a list file (parseWatchList), so a
 * journal written by any client holds only valid entries; a bad chunk changes nothing.
 */
export function applyListImportChunk(state: NodeState, _cursor: LedgerBatch, c: ListImportChunkCommand): NetworkResult {
  const pending = state.network.screening.imports.get(c.importId);
  if (pending === undefined) return 'list_import_unknown';
  if (!Number.isSafeInteger(c.chunkIndex) || !Array.isArray(c.entries)) return 'list_chunk_invalid';
  // A chunk already received, sent again: a retry.
  if (c.chunkIndex < pending.chunksReceived) return 'already_applied';
  if (c.chunkIndex !== pending.chunksReceived || c.chunkIndex >= pending.chunksTotal) return 'list_chunk_invalid';
  if (c.entries.length === 0 || pending.entries.length + c.entries.length > pending.entriesTotal) return 'list_chunk_invalid';
  const checked: WatchListEntry[] = [];
  const entries: readonly unknown[] = c.entries;
  for (const entry of entries) {
    const valid = validEntry(entry, pending.listId);
    if (valid === null) return 'list_chunk_invalid';
    checked.push(valid);
  }
  pending.entries.push(...checked);
  pending.chunksReceived += 1;
  return 'accepted';
}

function validEntry(value: unknown, listId: string): WatchListEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as WatchListEntry;
  if (entry.listId !== listId) return null;
  const strings = (values: unknown) => Array.isArray(values) && values.every((v) => typeof v === 'string');
  if (!strings(entry.aliases) || !strings(entry.birthDates) || !strings(entry.countries) || !strings(entry.bics)) return null;
  if (typeof entry.primaryName !== 'string' || typeof entry.entryId !== 'string' || typeof entry.entityType !== 'string' || typeof entry.remarks !== 'string') return null;
  if (entry.listedOn !== null && typeof entry.listedOn !== 'string') return null;
  const checked = checkEntry({ ...entry, listedOn: entry.listedOn ?? '' });
  // Rebuilt from the checked fields only: an unknown key in the command is not carried into the state.
  return checked.ok ? checked.entry : null;
}

export function applyCommitListImport(state: NodeState, cursor: LedgerBatch, c: CommitListImportCommand): NetworkResult {
  const screening = state.network.screening;
  const pending = screening.imports.get(c.importId);
  if (pending === undefined) return 'list_import_unknown';
  if (pending.chunksReceived !== pending.chunksTotal || pending.entries.length !== pending.entriesTotal) return 'list_import_incomplete';
  const ids = new Set<string>();
  for (const entry of pending.entries) {
    if (ids.has(entry.entryId)) return 'list_chunk_invalid';
    ids.add(entry.entryId);
  }
  const list = { listId: pending.listId, entries: pending.entries };
  const loaded = loadListVersion(screening.lists, list, pending.version, scopeOf(pending.scope));
  if (!loaded.ok) return listSetResult(loaded.code);
  const activated = pending.activate ? activateListVersion(loaded.set, pending.listId, pending.version) : loaded;
  if (!activated.ok) return listSetResult(activated.code);
  screening.imports.delete(c.importId);
  screening.lists = activated.set;
  const at = cursor.takeTimestamp();
  recordListEvent(screening, { at, listId: pending.listId, event: 'loaded', version: pending.version });
  if (pending.activate) {
    recordListEvent(screening, { at, listId: pending.listId, event: 'activated', version: pending.version });
    screening.index = null;
    if (c.rescreen === true) queueRescreening(state);
  }
  return 'accepted';
}

export function applyAbortListImport(state: NodeState, _cursor: LedgerBatch, c: AbortListImportCommand): NetworkResult {
  return state.network.screening.imports.delete(c.importId) ? 'accepted' : 'list_import_unknown';
}

export function applyChangeWatchList(state: NodeState, cursor: LedgerBatch, c: ChangeWatchListCommand): NetworkResult {
  const screening = state.network.screening;
  const change = c.change;
  if (typeof change !== 'object' || change === null) return 'list_import_invalid';
  let result: ListSetChange;
  switch (change.kind) {
    case 'activate':
      if (screening.lists.lists.get(c.listId)?.active === change.version) return 'already_applied';
      result = activateListVersion(screening.lists, c.listId, change.version);
      break;
    case 'deactivate':
      if (screening.lists.lists.has(c.listId) && screening.lists.lists.get(c.listId)?.active === null) return 'already_applied';
      result = deactivateList(screening.lists, c.listId);
      break;
    case 'remove':
      result = removeListVersion(screening.lists, c.listId, change.version);
      break;
    case 'scope':
      if (!scopeInputValid(change.scope)) return 'jurisdictions_invalid';
      result = setListScope(screening.lists, c.listId, scopeOf(change.scope));
      break;
    default:
      return 'list_import_invalid';
  }
  if (!result.ok) return listSetResult(result.code);
  screening.lists = result.set;
  // Scope changes which lists apply to whom, not what is indexed.
  if (change.kind === 'activate' || change.kind === 'deactivate') screening.index = null;
  // A newly active version or a wider scope may hit a payment that waits; fewer lists can only hit less.
  if ((change.kind === 'activate' || change.kind === 'scope') && c.rescreen === true) queueRescreening(state);
  const event = change.kind === 'activate' ? 'activated' : change.kind === 'deactivate' ? 'deactivated' : change.kind === 'remove' ? 'removed' : 'scope_changed';
  const version = change.kind === 'activate' || change.kind === 'remove' ? change.version : null;
  recordListEvent(screening, { at: cursor.takeTimestamp(), listId: c.listId, event, version });
  return 'accepted';
}

export function applySetScreeningThresholds(state: NodeState, _cursor: LedgerBatch, c: SetScreeningThresholdsCommand): NetworkResult {
  const inRange = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0 && x <= 1;
  if (!inRange(c.nameThreshold) || !inRange(c.tokenThreshold) || c.tokenThreshold > c.nameThreshold) return 'screening_thresholds_invalid';
  state.network.screening.thresholds = { nameThreshold: c.nameThreshold, tokenThreshold: c.tokenThreshold };
  return 'accepted';
}

function listSetResult(code: ScreeningFailureCode): NetworkResult {
  switch (code) {
    case 'version_exists':
      return 'list_version_exists';
    case 'version_unknown':
      return 'list_version_unknown';
    case 'list_unknown':
      return 'list_unknown';
    case 'version_active':
      return 'list_version_active';
    case 'too_many_lists':
    case 'too_many_versions':
      return 'list_limit_reached';
    case 'jurisdictions_invalid':
      return 'jurisdictions_invalid';
    default:
      return 'list_import_invalid';
  }
}

export type { ScreeningState };

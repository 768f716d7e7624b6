/**
 * The screening state in a snapshot, as JSON lines beside the rest of the network state. Lists
 * are written in lines of at most `entriesPerLineMax` entries, so no line grows with a list.
 * The name index is not written: it is derived, and rebuilt from the lists when first needed.
 */
import type { ListSlot, PaymentToScreen, WatchList, WatchListEntry } from '../screening/index.js';
import { scopeInputOf, scopeOf, type ScreeningState } from './screening-state.js';
import type { HoldRecord, ListEvent, ListImport, ListScopeInput, OfficerKeyRecord } from './screening-types.js';

const entriesPerLineMax = 1000;
/** Payments still to be screened again, per line. */
const uetrsPerLineMax = 10_000;

type Put = (kind: string, value: unknown) => void;

export function encodeScreening(screening: ScreeningState, put: Put): void {
  put('screeningThresholds', screening.thresholds);
  for (const [listId, slot] of screening.lists.lists) {
    put('watchList', { listId, active: slot.active, scope: scopeInputOf(slot.scope) });
    for (const [version, list] of slot.versions) {
      put('watchListVersion', { listId, version });
      putEntries(put, 'watchListEntries', `${listId}\n${version}`, list.entries);
    }
  }
  for (const pending of screening.imports.values()) {
    const { entries, ...header } = pending;
    put('listImport', header);
    putEntries(put, 'listImportEntries', pending.importId, entries);
  }
  for (const key of screening.officerKeys.values()) put('officerKey', key);
  for (const hold of screening.holds.values()) put('hold', hold);
  for (const event of screening.listEvents) put('listEvent', event);
  // Written only when there are some, so a state without them has the bytes it had before they existed.
  for (const [uetr, screened] of screening.waitingScreened) put('waitingScreened', [uetr, screened]);
  for (let start = 0; start < screening.rescreen.length; start += uetrsPerLineMax) put('rescreen', screening.rescreen.slice(start, start + uetrsPerLineMax));
}

function putEntries(put: Put, kind: string, owner: string, entries: readonly WatchListEntry[]): void {
  for (let start = 0; start < entries.length; start += entriesPerLineMax) put(kind, [owner, entries.slice(start, start + entriesPerLineMax)]);
}

interface SlotBuilder {
  active: string | null;
  scope: ListScopeInput;
  readonly versions: Map<string, WatchList>;
}

/** Reads one screening line into the state; false if the kind is not a screening record. */
export function decodeScreeningLine(screening: ScreeningState, kind: string, value: unknown): boolean {
  const v = value as Record<string, unknown> & unknown[];
  switch (kind) {
    case 'screeningThresholds':
      screening.thresholds = value as ScreeningState['thresholds'];
      return true;
    case 'watchList': {
      const lists = new Map(screening.lists.lists);
      const slot: ListSlot = { versions: new Map(), active: v.active as string | null, scope: scopeOf(v.scope as ListScopeInput) };
      lists.set(v.listId as string, slot);
      screening.lists = { lists };
      screening.index = null;
      return true;
    }
    case 'watchListVersion': {
      const slot = slotOf(screening, v.listId as string);
      slot.versions.set(v.version as string, { listId: v.listId as string, entries: [] });
      return true;
    }
    case 'watchListEntries': {
      const [owner, entries] = value as [string, WatchListEntry[]];
      const [listId, version] = owner.split('\n') as [string, string];
      const list = slotOf(screening, listId).versions.get(version);
      if (list === undefined) throw new RangeError(`entries of ${listId} ${version} before its version`);
      (list.entries as WatchListEntry[]).push(...entries);
      return true;
    }
    case 'listImport':
      screening.imports.set(v.importId as string, { ...(value as Omit<ListImport, 'entries'>), entries: [] });
      return true;
    case 'listImportEntries': {
      const [importId, entries] = value as [string, WatchListEntry[]];
      const pending = screening.imports.get(importId);
      if (pending === undefined) throw new RangeError(`entries of import ${importId} before it`);
      pending.entries.push(...entries);
      return true;
    }
    case 'officerKey':
      screening.officerKeys.set(v.keyId as string, value as OfficerKeyRecord);
      return true;
    case 'hold':
      screening.holds.set(v.uetr as string, value as HoldRecord);
      return true;
    case 'listEvent':
      screening.listEvents.push(value as ListEvent);
      return true;
    case 'waitingScreened': {
      const [uetr, screened] = value as [string, PaymentToScreen];
      screening.waitingScreened.set(uetr, screened);
      return true;
    }
    case 'rescreen':
      screening.rescreen.push(...(value as string[]));
      return true;
    default:
      return false;
  }
}

function slotOf(screening: ScreeningState, listId: string): SlotBuilder {
  const slot = screening.lists.lists.get(listId) as SlotBuilder | undefined;
  if (slot === undefined) throw new RangeError(`watch list ${listId} version before its list`);
  return slot;
}

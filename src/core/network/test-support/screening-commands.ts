/** Commands and a small sanctions list for the screening tests of the network core. */
import type { WatchListEntry } from '../../screening/index.js';
import type {
  BeginListImportCommand,
  ChangeWatchListCommand,
  CommitListImportCommand,
  DecideHoldCommand,
  HoldAction,
  ListChange,
  ListImportChunkCommand,
  ListScopeInput,
  AddOfficerKeyCommand,
} from '../screening-types.js';
import type { NodeCommand } from '../apply.js';
import { sha256Hex } from './commands.js';

export function listEntry(listId: string, entryId: string, primaryName: string, fields: Partial<WatchListEntry> = {}): WatchListEntry {
  return { listId, entryId, entityType: 'individual', primaryName, aliases: [], listedOn: null, birthDates: [], countries: [], bics: [], remarks: '', ...fields };
}

/** A few entries in the style of a consolidated list. */
export function sanctionsList(listId = 'SANCT'): WatchListEntry[] {
  return [
    listEntry(listId, 'S-1', 'Viktor PETRENKO', { countries: ['UA'], birthDates: ['1961'] }),
    listEntry(listId, 'S-2', 'Sberbank of Russia, PJSC', { entityType: 'entity', aliases: ['ПАО Сбербанк'], bics: ['SABRRUMM'], countries: ['RU'] }),
    listEntry(listId, 'S-3', 'Oceanic Shadow Trading LLC', { entityType: 'entity' }),
    listEntry(listId, 'S-4', 'Ahmad Karimi Rostami', {}),
  ];
}

export interface ImportOptions {
  readonly importId?: string;
  readonly scope?: ListScopeInput;
  readonly activate?: boolean;
  readonly chunkSize?: number;
  /** Screen waiting payments again at commit (default: yes, as the HTTP edge asks). */
  readonly rescreen?: boolean;
}

/** begin, the chunks in order, commit: a whole list import as the edge submits it. */
export function importList(listId: string, version: string, entries: readonly WatchListEntry[], options: ImportOptions = {}): NodeCommand[] {
  const importId = options.importId ?? `${listId}-${version}`;
  const size = options.chunkSize ?? 2;
  const chunks: WatchListEntry[][] = [];
  for (let i = 0; i < entries.length; i += size) chunks.push(entries.slice(i, i + size));
  const begin: BeginListImportCommand = { type: 'begin_list_import', importId, listId, version, scope: options.scope ?? 'all', activate: options.activate ?? true, entriesTotal: entries.length, chunksTotal: chunks.length };
  const chunkCommands = chunks.map((chunk, chunkIndex): ListImportChunkCommand => ({ type: 'list_import_chunk', importId, chunkIndex, entries: chunk }));
  const commit: CommitListImportCommand = { type: 'commit_list_import', importId, rescreen: options.rescreen ?? true };
  return [begin, ...chunkCommands, commit];
}

export function changeList(listId: string, change: ListChange, rescreen = true): ChangeWatchListCommand {
  return { type: 'change_watch_list', listId, change, rescreen };
}

export function addOfficerKey(officer: string, keyId: string): AddOfficerKeyCommand {
  return { type: 'add_officer_key', officer, keyId, secretHash: sha256Hex(`secret of ${keyId}`) };
}

export function decide(keyId: string, uetr: string, action: HoldAction, reason: string | null = action === 'reject' ? 'RR04' : null, note = `${action} after review`): DecideHoldCommand {
  return { type: 'decide_hold', keyId, uetr, action, reason, note };
}

/**
 * Compliance screening over HTTP: the operator loads watch lists and issues compliance
 * officers their keys; officers see held payments and release or reject them. Participants
 * reach none of it (a held payment shows them only its status, pending).
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { listBytesMax, parseWatchList, type ListError, type WatchListEntry } from '../../core/screening/index.js';
import type { NetworkCommand } from '../../core/network/types.js';
import type { ListScopeInput } from '../../core/network/screening-types.js';
import { networkCommandBytesMax } from '../../core/journal/command-codec.js';
import { generateApiKey } from '../auth.js';
import { ProblemError } from '../problems.js';
import { resultProblem } from '../result-problems.js';
import type { Officer, RouteSpec } from '../route.js';
import type { Services } from '../services.js';
import { Uetr } from '../schemas.js';
import { pageLimit, submitNetwork } from './common.js';
import {
  ActiveVersionInput,
  HoldView,
  HoldsQuery,
  ListErrorsNote,
  ListId,
  ListUploadQuery,
  ListVersion,
  OfficerKeyCreated,
  OfficerName,
  RejectInput,
  ReleaseInput,
  ScopeInput,
  Thresholds,
  ThresholdsInput,
  WatchListView,
} from './screening-schemas.js';
import { holdState, holdView, watchListView } from './screening-views.js';

const strict = { additionalProperties: false } as const;
const tag = 'screening';
/** A chunk's entries take at most this many bytes of JSON: half the journal's limit per command, leaving room for the rest. */
export const listChunkBytesMax = Math.floor(networkCommandBytesMax / 2);
/** Holds per page. */
const holdsPageMax = 1000;

/** Cuts a list's entries into chunks that each fit one journaled command. */
export function chunkEntries(entries: readonly WatchListEntry[], bytesMax = listChunkBytesMax): WatchListEntry[][] {
  const chunks: WatchListEntry[][] = [];
  let chunk: WatchListEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(JSON.stringify(entry), 'utf8') + 1;
    if (chunk.length > 0 && bytes + size > bytesMax) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(entry);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function listErrorView(e: ListError) {
  const where = [e.line > 0 ? `line ${e.line}` : 'file', e.column > 0 ? `column ${e.column}` : '', e.field].filter((part) => part !== '').join(', ');
  return { path: where, message: e.detail === '' ? e.code : `${e.code}: ${e.detail}` };
}

function listView(services: Services, listId: string) {
  const slot = services.node.network.screening.lists.lists.get(listId);
  if (slot === undefined) throw new ProblemError('not-found', `no list ${listId}`);
  return watchListView(listId, slot);
}

const uploadList: RouteSpec = {
  method: 'PUT',
  path: '/v1/screening/lists/{listId}/versions/{version}',
  operationId: 'uploadWatchList',
  summary: 'Load a version of a watch list from a CSV or JSON file (docs/screening.md has the formats)',
  description: `The whole file is checked first. ${ListErrorsNote} A valid file is journaled in chunks and loaded at once when the last has arrived: payments are never screened against part of a list. With activate=true (the default) this version replaces the list’s active one in the same step.`,
  tag,
  access: 'operator',
  params: Type.Object({ listId: ListId, version: ListVersion }, strict),
  query: ListUploadQuery,
  rawBody: { mediaTypes: ['text/csv', 'application/json'], bytesMax: listBytesMax, description: 'The list file, UTF-8: text/csv or application/json' },
  responses: { 201: WatchListView },
  problems: [404, 409, 413, 415, 422],
  async handler({ params, query, body, request, services }) {
    if (!Buffer.isBuffer(body)) throw new ProblemError('unsupported-media-type', 'send the list as text/csv or application/json');
    const format = (request.headers['content-type'] ?? '').startsWith('text/csv') ? 'csv' : 'json';
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new ProblemError('list-invalid', 'the file is not UTF-8');
    }
    const parsed = parseWatchList(text, format);
    if (!parsed.ok) throw new ProblemError('list-invalid', `the file has errors (first ${parsed.errors.length} shown); nothing was loaded`, parsed.errors.map(listErrorView));
    const listId = params.listId!;
    const version = params.version!;
    if (parsed.list.listId !== listId) throw new ProblemError('list-invalid', `the file holds list ${parsed.list.listId}, not ${listId}`);
    const jurisdictions = query.jurisdictions ?? 'all';
    const scope: ListScopeInput = jurisdictions === 'all' ? 'all' : jurisdictions.split(',');
    await services.node.readBarrier();
    if (services.node.network.screening.lists.lists.get(listId)?.versions.has(version) === true) throw resultProblem('list_version_exists');
    const chunks = chunkEntries(parsed.list.entries);
    const importId = randomUUID();
    await submitNetwork(services, { type: 'begin_list_import', importId, listId, version, scope, activate: query.activate !== 'false', entriesTotal: parsed.list.entries.length, chunksTotal: chunks.length }, ['accepted']);
    try {
      // One chunk after the other: each is journaled before the next is sent, in order.
      for (const [chunkIndex, entries] of chunks.entries()) await submitNetwork(services, { type: 'list_import_chunk', importId, chunkIndex, entries }, ['accepted']);
      await submitNetwork(services, { type: 'commit_list_import', importId, rescreen: true }, ['accepted']);
    } catch (error) {
      await services.node.submit({ type: 'abort_list_import', importId }).catch(() => undefined);
      throw error;
    }
    request.log.info({ event: 'watch_list_loaded', listId, version, entries: parsed.list.entries.length, chunks: chunks.length }, 'watch list loaded');
    return { status: 201, body: listView(services, listId), headers: { location: `/v1/screening/lists/${listId}` } };
  },
};

const listLists: RouteSpec = {
  method: 'GET',
  path: '/v1/screening/lists',
  operationId: 'listWatchLists',
  summary: 'The loaded watch lists: versions, the active one, where each applies; and the thresholds',
  tag,
  access: 'operator',
  responses: { 200: Type.Object({ lists: Type.Array(WatchListView), thresholds: Thresholds }, strict) },
  async handler({ services }) {
    await services.node.readBarrier();
    const screening = services.node.network.screening;
    return { status: 200, body: { lists: [...screening.lists.lists].map(([listId, slot]) => watchListView(listId, slot)), thresholds: { ...screening.thresholds } } };
  },
};

function listChange(operationId: string, method: 'PUT' | 'DELETE', path: string, summary: string, body: RouteSpec['body'], command: (params: Record<string, string>, body: unknown) => NetworkCommand): RouteSpec {
  return {
    method,
    path,
    operationId,
    summary,
    tag,
    access: 'operator',
    params: path.includes('{version}') ? Type.Object({ listId: ListId, version: ListVersion }, strict) : Type.Object({ listId: ListId }, strict),
    ...(body === undefined ? {} : { body }),
    responses: { 200: WatchListView },
    problems: [404, 422],
    async handler({ params, body: input, services }) {
      await submitNetwork(services, command(params, input));
      return { status: 200, body: listView(services, params.listId!) };
    },
  };
}

const setActive = listChange('setActiveWatchListVersion', 'PUT', '/v1/screening/lists/{listId}/active', 'Screen against another loaded version at once, or (null) stop screening against the list', ActiveVersionInput, (params, body) => {
  const version = (body as { version: string | null }).version;
  return { type: 'change_watch_list', listId: params.listId!, change: version === null ? { kind: 'deactivate' } : { kind: 'activate', version }, rescreen: true };
});

const setScope = listChange('setWatchListScope', 'PUT', '/v1/screening/lists/{listId}/jurisdictions', 'Which participants a list applies to', ScopeInput, (params, body) => ({
  type: 'change_watch_list',
  listId: params.listId!,
  change: { kind: 'scope', scope: (body as { jurisdictions: ListScopeInput }).jurisdictions },
  rescreen: true,
}));

const removeVersion = listChange('removeWatchListVersion', 'DELETE', '/v1/screening/lists/{listId}/versions/{version}', 'Drop a loaded version that is not the active one', undefined, (params) => ({
  type: 'change_watch_list',
  listId: params.listId!,
  change: { kind: 'remove', version: params.version! },
}));

const setThresholds: RouteSpec = {
  method: 'PUT',
  path: '/v1/screening/thresholds',
  operationId: 'setScreeningThresholds',
  summary: 'The fuzzy-matching thresholds of every later screening (defaults 0.90 per name, 0.85 per word)',
  tag,
  access: 'operator',
  body: ThresholdsInput,
  responses: { 200: Thresholds },
  problems: [422],
  async handler({ body, services }) {
    const input = body as { nameThreshold: number; tokenThreshold: number };
    await submitNetwork(services, { type: 'set_screening_thresholds', nameThreshold: input.nameThreshold, tokenThreshold: input.tokenThreshold });
    return { status: 200, body: { ...services.node.network.screening.thresholds } };
  },
};

const createOfficerKey: RouteSpec = {
  method: 'POST',
  path: '/v1/screening/officers/{officer}/api-keys',
  operationId: 'createOfficerKey',
  summary: 'Issue a compliance officer an API key (shown once); it opens the hold routes and nothing else',
  tag,
  access: 'operator',
  params: Type.Object({ officer: OfficerName }, strict),
  responses: { 201: OfficerKeyCreated },
  problems: [409, 422],
  async handler({ params, services }) {
    const key = generateApiKey(params.officer!);
    await submitNetwork(services, { type: 'add_officer_key', officer: params.officer!, keyId: key.keyId, secretHash: key.secretHash }, ['accepted']);
    return { status: 201, body: { keyId: key.keyId, officer: params.officer!, key: key.key } };
  },
};

const revokeOfficerKey: RouteSpec = {
  method: 'DELETE',
  path: '/v1/screening/officers/{officer}/api-keys/{keyId}',
  operationId: 'revokeOfficerKey',
  summary: 'Revoke a compliance officer’s key at once',
  tag,
  access: 'operator',
  params: Type.Object({ officer: OfficerName, keyId: Type.String({ pattern: '^[A-Za-z0-9]{8,32}$' }) }, strict),
  responses: { 204: null },
  problems: [404],
  async handler({ params, services }) {
    const key = services.node.network.screening.officerKeys.get(params.keyId!);
    if (key === undefined || key.officer !== params.officer) throw new ProblemError('not-found', `no key ${params.keyId} of ${params.officer}`);
    await submitNetwork(services, { type: 'revoke_officer_key', keyId: params.keyId! });
    return { status: 204 };
  },
};

function officerOf(officer: Officer | null): Officer {
  if (officer === null) throw new ProblemError('forbidden', 'only a compliance officer may do this');
  return officer;
}

const UetrParam = Type.Object({ uetr: Uetr }, strict);

const listHolds: RouteSpec = {
  method: 'GET',
  path: '/v1/screening/holds',
  operationId: 'listHolds',
  summary: 'Payments held by screening, oldest first (default: those awaiting a decision)',
  tag,
  access: 'officer',
  query: HoldsQuery,
  responses: { 200: Type.Object({ holds: Type.Array(HoldView) }, strict) },
  async handler({ officer, query, services }) {
    officerOf(officer);
    const limit = pageLimit(query.limit, 100, holdsPageMax);
    const wanted = query.state ?? 'open';
    await services.node.readBarrier();
    const network = services.node.network;
    const holds = [];
    for (const hold of network.screening.holds.values()) {
      if (wanted !== 'all' && holdState(hold) !== wanted) continue;
      holds.push(holdView(network, hold));
      if (holds.length >= limit) break;
    }
    return { status: 200, body: { holds } };
  },
};

const getHold: RouteSpec = {
  method: 'GET',
  path: '/v1/screening/holds/{uetr}',
  operationId: 'getHold',
  summary: 'One held payment: what was screened, against which lists, every hit explained, and the decision',
  tag,
  access: 'officer',
  params: UetrParam,
  responses: { 200: HoldView },
  problems: [404],
  async handler({ officer, params, services }) {
    officerOf(officer);
    await services.node.readBarrier();
    const hold = services.node.network.screening.holds.get(params.uetr!);
    if (hold === undefined) throw new ProblemError('not-found', `no hold of payment ${params.uetr}`);
    return { status: 200, body: holdView(services.node.network, hold) };
  },
};

function decision(action: 'release' | 'reject'): RouteSpec {
  const release = action === 'release';
  return {
    method: 'POST',
    path: release ? '/v1/screening/holds/{uetr}/release' : '/v1/screening/holds/{uetr}/rejection',
    operationId: release ? 'releaseHold' : 'rejectHold',
    summary: release ? 'Release a held payment: it then settles as usual through its currency’s engine' : 'Reject a held payment with an ISO reason: the sender gets a rejection',
    description: 'The decision is journaled with the officer, the key, the time and the note. The same decision again answers 200 and changes nothing; another decision on a decided hold is 409 hold-decided; on a hold the sender withdrew (it cancelled the payment) 409 hold-withdrawn.',
    tag,
    access: 'officer',
    params: UetrParam,
    body: release ? ReleaseInput : RejectInput,
    responses: { 200: HoldView },
    problems: [404, 409, 422],
    async handler({ officer, params, body, services }) {
      const who = officerOf(officer);
      const input = body as { note: string; reason?: string };
      // The sender withdrew it: nothing to decide, refused without journaling anything.
      await services.node.readBarrier();
      if (services.node.network.screening.holds.get(params.uetr!)?.withdrawal !== undefined) throw resultProblem('hold_withdrawn');
      await submitNetwork(services, { type: 'decide_hold', keyId: who.keyId, uetr: params.uetr!, action, reason: release ? null : input.reason!, note: input.note });
      return { status: 200, body: holdView(services.node.network, services.node.network.screening.holds.get(params.uetr!)!) };
    },
  };
}

export const screeningRoutes: readonly RouteSpec[] = [
  uploadList,
  listLists,
  setActive,
  setScope,
  removeVersion,
  setThresholds,
  createOfficerKey,
  revokeOfficerKey,
  listHolds,
  getHold,
  decision('release'),
  decision('reject'),
];

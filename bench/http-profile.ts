/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and ranks where the time went: self time by function
 * and by file, and inclusive time (the function and all it called) by function, file and package.
 * `npm run bench:http -- --profile DIR` profiles the server child and prints this at the end;
 * standalone: node --import tsx bench/http-profile.ts FILE.cpuprofile [--top N]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Ranked {
  readonly name: string;
  readonly ms: number;
  /** Share of the busy (non-idle) time, in %. */
  readonly percent: number;
}

export interface ProfileSummary {
  readonly file: string;
  readonly wallMs: number;
  readonly busyMs: number;
  readonly idleMs: number;
  readonly gcMs: number;
  readonly programMs: number;
  readonly selfByFunction: readonly Ranked[];
  readonly selfByFile: readonly Ranked[];
  readonly inclusiveByFunction: readonly Ranked[];
  /** The same, only the project's own functions (src/ and bench/), deeper. */
  readonly inclusiveBySrcFunction: readonly Ranked[];
  /** For the top self-time functions: the nearest project function on their stacks, i.e. which of our code paid for them. */
  readonly selfByCaller: readonly { readonly name: string; readonly ms: number; readonly callers: readonly Ranked[] }[];
  readonly inclusiveByFile: readonly Ranked[];
  readonly inclusiveByPackage: readonly Ranked[];
}

const root = fileURLToPath(new URL('..', import.meta.url));

function shortUrl(url: string): string {
  if (url === '') return '(native)';
  let path = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (path.startsWith(root)) path = path.slice(root.length);
  const inModules = path.lastIndexOf('node_modules/');
  return inModules >= 0 ? path.slice(inModules) : path;
}

/**
 * tsx runs each .ts file as one long line (esbuild, minifyWhitespace), so V8 reports every
 * function at line 1. Its transform cache (tmpdir/tsx-<uid>) keeps the code it ran with a source
 * map; the entry whose map puts the profile's named functions on lines that name them is the
 * version that ran, and gives each frame its line in the .ts source.
 */
class TsxSourceLines {
  private readonly candidates = new Map<string, { map: SourceMap; lines: string[]; mtimeMs: number }[]>();
  private readonly chosen = new Map<string, { map: SourceMap; lines: string[] } | null>();

  constructor() {
    const dir = join(tmpdir(), `tsx-${userInfo().uid}`);
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      try {
        const path = join(dir, name);
        const entry = JSON.parse(readFileSync(path, 'utf8')) as { map?: SourceMapPayload & { sourcesContent?: string[] } };
        const source = entry.map?.sources?.[0];
        if (entry.map === undefined || source === undefined || !source.startsWith(root)) continue;
        const list = this.candidates.get(source) ?? [];
        // tsx keeps the source text only when coverage or an inspector is on; else today's file.
        const text = entry.map.sourcesContent?.[0] ?? readFileSync(source, 'utf8');
        list.push({ map: new SourceMap(entry.map), lines: text.split('\n'), mtimeMs: statSync(path).mtimeMs });
        this.candidates.set(source, list);
      } catch {
        // not a transform result
      }
    }
  }

  /** Picks, once per file, the cached version whose map best fits the frames the profile names. */
  choose(path: string, frames: readonly { functionName: string; lineNumber: number; columnNumber: number }[]): void {
    if (this.chosen.has(path)) return;
    let best: { map: SourceMap; lines: string[] } | null = null;
    let bestScore = -1;
    let bestTime = -1;
    for (const candidate of this.candidates.get(path) ?? []) {
      let score = 0;
      for (const frame of frames) {
        if (frame.functionName === '') continue;
        const entry = candidate.map.findEntry(frame.lineNumber, frame.columnNumber) as { originalLine?: number };
        if (entry.originalLine !== undefined && (candidate.lines[entry.originalLine] ?? '').includes(frame.functionName)) score += 1;
      }
      if (score > bestScore || (score === bestScore && candidate.mtimeMs > bestTime)) {
        best = candidate;
        bestScore = score;
        bestTime = candidate.mtimeMs;
      }
    }
    this.chosen.set(path, best);
  }

  /** The 1-based line in the .ts source, or null. */
  line(path: string, lineNumber: number, columnNumber: number): number | null {
    const chosen = this.chosen.get(path);
    if (chosen === undefined || chosen === null) return null;
    const entry = chosen.map.findEntry(lineNumber, columnNumber) as { originalLine?: number };
    return entry.originalLine === undefined ? null : entry.originalLine + 1;
  }
}

function packageOf(file: string): string {
  if (file.startsWith('node_modules/')) {
    const parts = file.split('/');
    return parts[1]!.startsWith('@') ? `${parts[0]}/${parts[1]}/${parts[2]}` : `${parts[0]}/${parts[1]}`;
  }
  if (file.startsWith('node:')) return file.split('/').slice(0, 2).join('/');
  if (file.startsWith('src/') || file.startsWith('bench/')) return file.split('/').slice(0, 2).join('/');
  return file;
}

function ranked(totals: Map<string, number>, busyMs: number, top: number): Ranked[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, percent: (100 * us) / 1000 / busyMs }));
}

export function summarizeProfile(file: string, top = 30): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  // Self time per node (µs): each sample's delta belongs to the node sampled.
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const sourceLines = new TsxSourceLines();
  const framesByPath = new Map<string, ProfileNode['callFrame'][]>();
  for (const node of profile.nodes) {
    const url = node.callFrame.url;
    if (!url.startsWith('file://') || !url.endsWith('.ts')) continue;
    const path = fileURLToPath(url);
    framesByPath.set(path, [...(framesByPath.get(path) ?? []), node.callFrame]);
  }
  for (const [path, frames] of framesByPath) sourceLines.choose(path, frames);
  const lineOf = (frame: ProfileNode['callFrame']): number => {
    if (frame.url.startsWith('file://') && frame.url.endsWith('.ts')) return sourceLines.line(fileURLToPath(frame.url), frame.lineNumber, frame.columnNumber) ?? frame.lineNumber + 1;
    return frame.lineNumber + 1;
  };
  const functionKey = (node: ProfileNode): string => `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}${node.callFrame.url === '' ? '' : `:${lineOf(node.callFrame)}`}`;
  const special = new Set(['(idle)', '(garbage collector)', '(program)', '(root)']);
  let idle = 0;
  let gc = 0;
  let program = 0;
  let total = 0;
  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const inclusiveByFunction = new Map<string, number>();
  const inclusiveByFile = new Map<string, number>();
  const inclusiveByPackage = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number): void => void map.set(key, (map.get(key) ?? 0) + us);
  const callersOf = new Map<string, Map<string, number>>();
  const isProject = (frame: ProfileNode['callFrame']): boolean => /\/(src|bench)\//.test(frame.url) && !frame.url.includes('node_modules');
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    total += us;
    const name = node.callFrame.functionName;
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    if (name === '(garbage collector)') gc += us;
    if (name === '(program)') program += us;
    const selfKey = special.has(name) ? name : functionKey(node);
    add(selfByFunction, selfKey, us);
    let caller = '(no project frame)';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!;
      if (isProject(frame.callFrame)) {
        caller = functionKey(frame);
        break;
      }
    }
    const callers = callersOf.get(selfKey) ?? new Map<string, number>();
    add(callers, caller, us);
    callersOf.set(selfKey, callers);
    add(selfByFile, special.has(name) ? name : shortUrl(node.callFrame.url), us);
    // Inclusive: every distinct function, file and package on the stack gets the sample once.
    const functions = new Set<string>();
    const files = new Set<string>();
    const packages = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!;
      if (special.has(frame.callFrame.functionName)) continue;
      const fileName = shortUrl(frame.callFrame.url);
      functions.add(functionKey(frame));
      files.add(fileName);
      packages.add(packageOf(fileName));
    }
    for (const key of functions) add(inclusiveByFunction, key, us);
    for (const key of files) add(inclusiveByFile, key, us);
    for (const key of packages) add(inclusiveByPackage, key, us);
  }
  const busyMs = (total - idle) / 1000;
  return {
    file: basename(file),
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs,
    idleMs: idle / 1000,
    gcMs: gc / 1000,
    programMs: program / 1000,
    selfByFunction: ranked(selfByFunction, busyMs, top),
    selfByFile: ranked(selfByFile, busyMs, top),
    inclusiveByFunction: ranked(inclusiveByFunction, busyMs, top * 2),
    selfByCaller: ranked(selfByFunction, busyMs, Math.min(top, 20)).map((row) => ({ name: row.name, ms: row.ms, callers: ranked(callersOf.get(row.name) ?? new Map<string, number>(), busyMs, 4) })),
    inclusiveBySrcFunction: ranked(new Map([...inclusiveByFunction].filter(([key]) => / (src|bench)\//.test(key))), busyMs, top * 2),
    inclusiveByFile: ranked(inclusiveByFile, busyMs, top),
    inclusiveByPackage: ranked(inclusiveByPackage, busyMs, top),
  };
}

export function formatProfileSummary(s: ProfileSummary): string[] {
  const lines = [
    '',
    `profile ${s.file}: wall ${(s.wallMs / 1000).toFixed(1)} s, busy ${(s.busyMs / 1000).toFixed(1)} s (idle ${(s.idleMs / 1000).toFixed(1)} s); GC ${((100 * s.gcMs) / s.busyMs).toFixed(1)}%, (program) ${((100 * s.programMs) / s.busyMs).toFixed(1)}% of busy`,
  ];
  const section = (title: string, rows: readonly Ranked[]): void => {
    lines.push(`  ${title} (% of busy, ms)`);
    for (const row of rows) lines.push(`    ${row.percent.toFixed(1).padStart(5)}% ${row.ms.toFixed(0).padStart(7)}  ${row.name}`);
  };
  section('self time by function', s.selfByFunction);
  section('self time by file', s.selfByFile);
  lines.push('  the top self-time functions by the nearest project function on their stack (% of busy, ms)');
  for (const row of s.selfByCaller) {
    lines.push(`    ${row.name}`);
    for (const caller of row.callers) lines.push(`      ${caller.percent.toFixed(1).padStart(5)}% ${caller.ms.toFixed(0).padStart(7)}  ${caller.name}`);
  }
  section('inclusive time by package/dir', s.inclusiveByPackage);
  section('inclusive time by file', s.inclusiveByFile);
  section('inclusive time by function', s.inclusiveByFunction);
  section('inclusive time by project function (src/, bench/)', s.inclusiveBySrcFunction);
  return lines;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--top');
  const top = at >= 0 ? Number(process.argv[at + 1]) : 30;
  for (const file of process.argv.slice(2).filter((a, i, all) => a.endsWith('.cpuprofile') && all[i - 1] !== '--top')) {
    for (const line of formatProfileSummary(summarizeProfile(file, top))) console.log(line);
  }
}

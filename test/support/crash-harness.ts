/**
 * Kills a load child at random moments: the child prints `READY` once it is loaded and
 * `ACK <id> <result>` for each outcome it was told; the harness kills it with SIGKILL a seeded
 * random time after READY, `crashes` times over the same store, and returns every outcome
 * acknowledged across the runs (the last one for an id).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface CrashSchedule {
  /** The seed of the kill moments (a linear congruential generator: the same runs every time). */
  readonly seed: number;
  /** A kill comes killAfterMinMs to killAfterMinMs + killAfterSpreadMs after READY. */
  readonly killAfterMinMs: number;
  readonly killAfterSpreadMs: number;
}

export async function crashRepeatedly(childScript: string, location: string, crashes: number, schedule: CrashSchedule): Promise<Map<string, string>> {
  const acknowledged = new Map<string, string>();
  let seed = schedule.seed;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let run = 1; run <= crashes; run += 1) {
    const killAfterMs = schedule.killAfterMinMs + Math.floor(random() * schedule.killAfterSpreadMs);
    for (const [id, result] of await loadAndKill(childScript, location, run, killAfterMs)) acknowledged.set(id, result);
  }
  return acknowledged;
}

/** Runs the child until it has acknowledged some work, kills it, returns what it acknowledged. */
function loadAndKill(childScript: string, location: string, run: number, killAfterMs: number): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, location, String(run)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged = new Map<string, string>();
    let timer: NodeJS.Timeout | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, id, result] = line.split(' ');
      if (kind === 'READY' && timer === undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      if (kind === 'ACK' && id !== undefined && result !== undefined) acknowledged.set(id, result);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`load child ${childScript} ended with ${code ?? signal} before it was killed`));
      else resolve(acknowledged);
    });
  });
}

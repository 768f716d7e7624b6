/** What bench/http.ts and bench/iso.ts share: the server child, reading its JSON, amounts, arguments. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BenchServerInfo } from './http-server-child.js';

export function stringArgument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Starts bench/http-server-child.ts and waits for the JSON line that describes it; its later lines go to `log`. */
export async function startServer(options: { banks: number; keysPerBank: number; nodeFlags?: readonly string[]; log: (line: string) => void }): Promise<{ child: ChildProcess; info: BenchServerInfo; exited: Promise<number | null> }> {
  const childPath = fileURLToPath(new URL('./http-server-child.ts', import.meta.url));
  const flags = ['--import', 'tsx', ...(options.nodeFlags ?? [])];
  const child = spawn(process.execPath, [...flags, childPath, '--banks', String(options.banks), '--keys-per-bank', String(options.keysPerBank)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout });
  const info = await new Promise<BenchServerInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server child printed nothing in 60 s')), 60_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as BenchServerInfo);
    });
    void exited.then((code) => reject(new Error(`the server child exited (${code}) before it was ready`)));
  });
  lines.on('line', (line) => options.log(`server: ${line}`));
  return { child, info, exited };
}

export async function getJson<T>(info: BenchServerInfo, path: string, key: string = info.operatorKey): Promise<{ status: number; body: T }> {
  const response = await fetch(info.url + path, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as T };
}

/** A 2-decimal amount as minor units (the benchmarks pay in INR). */
export function minorOf(value: string): bigint {
  const [whole, fraction = ''] = value.split('.') as [string, string?];
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}

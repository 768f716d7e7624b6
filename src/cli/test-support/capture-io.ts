import type { CliIo } from '../verb.js';

/** A CliIo that keeps what a verb prints, for assertions. */
export function captureIo(): CliIo & { readonly outLines: string[]; readonly errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (line) => outLines.push(line), err: (line) => errLines.push(line) };
}

/** One CLI verb: `corridor <name> …`. Exit codes (DESIGN.md §5): 0 success, 1 negative result, 2 bad usage. */
export interface Verb {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const exitOk = 0;
export const exitNegative = 1;
export const exitUsage = 2;

export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

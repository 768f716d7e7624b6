import { parseArgs, type ParseArgsConfig } from 'node:util';

export type ParsedArgs = { ok: true; values: Record<string, string | boolean | undefined>; positionals: string[] } | { ok: false; error: string };

/** node:util parseArgs, with unknown options reported as a usage error instead of thrown. */
export function parseVerbArgs(args: string[], options: NonNullable<ParseArgsConfig['options']>, allowPositionals = false): ParsedArgs {
  try {
    const parsed = parseArgs({ args, options, allowPositionals, strict: true });
    return { ok: true, values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** A positive whole number option, or an error text. */
export function positiveInteger(value: string | boolean | undefined, name: string, fallback: number): number | string {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (typeof value !== 'string' || !Number.isSafeInteger(parsed) || parsed <= 0) return `--${name} must be a positive whole number`;
  return parsed;
}

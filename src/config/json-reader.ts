/**
 * Small readers for untrusted JSON that say where a value is wrong: every failure is a
 * ConfigError naming the JSON path (`$.participants[2].limits.INR.creditLine`) and the problem.
 */

/** A configuration that cannot be used; `path` is where, `problem` what. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

/** Long enough for a SHA-256 in hex. */
const shownLengthMax = 64;
const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function fieldPath(path: string, key: string): string {
  return identifierPattern.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A value shown in a message, cut short so a message stays one readable line. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length <= shownLengthMax ? value : `${value.slice(0, shownLengthMax)}…`);
  const text = String(JSON.stringify(value));
  return text.length <= shownLengthMax ? text : `${text.slice(0, shownLengthMax)}…`;
}

/** An object with exactly the allowed fields: the required ones present, none unknown. */
export function readObject(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): JsonObject {
  // Unbounded here: the loop below stops at the first unknown field.
  const object = readRecord(value, path, Number.MAX_SAFE_INTEGER);
  for (const key of Object.keys(object)) {
    if (!required.includes(key) && !optional.includes(key)) {
      throw new ConfigError(fieldPath(path, key), `unknown field; allowed here: ${[...required, ...optional].join(', ')}`);
    }
  }
  for (const key of required) if (!Object.hasOwn(object, key)) throw new ConfigError(fieldPath(path, key), 'missing (required)');
  return object;
}

/** An object used as a map: any keys, at most `sizeMax` of them; the caller checks each key. */
export function readRecord(value: unknown, path: string, sizeMax: number): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(path, `expected an object, got ${jsonType(value)}`);
  const size = Object.keys(value).length;
  if (size > sizeMax) throw new ConfigError(path, `has ${size} fields; at most ${sizeMax} allowed`);
  return value as JsonObject;
}

export function readArray(value: unknown, path: string, lengthMax: number): readonly unknown[] {
  if (!Array.isArray(value)) throw new ConfigError(path, `expected an array, got ${jsonType(value)}`);
  if (value.length > lengthMax) throw new ConfigError(path, `has ${value.length} entries; at most ${lengthMax} allowed`);
  return value as readonly unknown[];
}

export function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ConfigError(path, `expected a string, got ${jsonType(value)}`);
  return value;
}

/** A string matching `pattern`; `what` completes "… is not " in the message. */
export function readPatterned(value: unknown, path: string, pattern: RegExp, what: string): string {
  const text = readString(value, path);
  if (!pattern.test(text)) throw new ConfigError(path, `${shown(text)} is not ${what}`);
  return text;
}

/** One of a fixed set of strings. */
export function readChoice<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
  const text = readString(value, path);
  if (!(choices as readonly string[]).includes(text)) throw new ConfigError(path, `${shown(text)} is not one of ${choices.join(', ')}`);
  return text as T;
}

export function readInteger(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number') throw new ConfigError(path, `expected a number, got ${jsonType(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(path, `${value} is not an integer from ${min} to ${max}`);
  return value;
}

/** A finite number with min < value ≤ max. */
export function readPositive(value: unknown, path: string, max: number): number {
  if (typeof value !== 'number') throw new ConfigError(path, `expected a number, got ${jsonType(value)}`);
  if (!(value > 0 && value <= max)) throw new ConfigError(path, `${value} is not a number above 0 and at most ${max}`);
  return value;
}

/** Fails on the second occurrence of a value, naming where the first one was. */
export function rejectDuplicates(values: readonly string[], pathOf: (index: number) => string, what: string): void {
  const first = new Map<string, number>();
  values.forEach((value, index) => {
    const earlier = first.get(value);
    if (earlier !== undefined) throw new ConfigError(pathOf(index), `${what} ${shown(value)} appears twice (first at ${pathOf(earlier)})`);
    first.set(value, index);
  });
}

import {
  type IsoFailure,
  type MessageId,
  type SchemaStore,
  createSchemaStore,
  messageToJson,
  readIsoPath,
  validateIsoFile,
} from '../iso20022/index.js';
import { type CliIo, type Verb, exitNegative, exitOk, exitUsage, wantsHelp } from './verb.js';

const help = `Usage:
  corridor iso validate FILE...   schema and business-rule check of ISO 20022 files
  corridor iso to-json FILE       the business content of one message as JSON

Each file may hold a bare Document, or an AppHdr (head.001) and a Document in any wrapper
(SWIFT Envelope, RequestPayload, FedNow, Fedwire...). Each is validated against the XML Schema
of its namespace, then against Corridor's business rules (see docs/iso20022.md).

validate prints one line per file, in argument order:
  OK <msg> <version>                          e.g. OK pacs.008 001.08
  INVALID <msg or ?> line <n>: <ISO reason code> <kind>: <detail>
to-json prints one JSON object; amounts are decimal strings exactly as in the message.

Exit status: 0 all files OK, 1 a file is invalid, 2 bad usage.`;

/** One schema store per process: parsed XSDs are reused across files. */
let sharedSchemas: SchemaStore | null = null;
function schemas(): SchemaStore {
  sharedSchemas ??= createSchemaStore();
  return sharedSchemas;
}

export const isoVerb: Verb = {
  name: 'iso',
  summary: 'validate ISO 20022 messages, or print one as JSON',
  help,
  async run(args: string[], io: CliIo): Promise<number> {
    const [command, ...rest] = args;
    if (command === undefined || command === '--help' || command === '-h' || (command !== 'validate' && command !== 'to-json' && wantsHelp(args))) {
      io.out(help);
      return command === undefined ? exitUsage : exitOk;
    }
    if (wantsHelp(rest)) {
      io.out(help);
      return exitOk;
    }
    const files = fileArguments(rest);
    if (files === null) return usageError(io, `unknown option in: ${rest.join(' ')}`);
    if (command === 'validate') return files.length === 0 ? usageError(io, 'iso validate needs at least one FILE') : validateFiles(files, io);
    if (command === 'to-json') return files.length === 1 ? toJson(files[0] ?? '', io) : usageError(io, 'iso to-json needs exactly one FILE');
    return usageError(io, `unknown iso command ${JSON.stringify(command)}`);
  },
};

/** Files after the command; '--' ends options so a file may start with '-'. Null on an unknown option. */
function fileArguments(args: readonly string[]): string[] | null {
  const separator = args.indexOf('--');
  const options = separator === -1 ? args : args.slice(0, separator);
  if (options.some((arg) => arg.startsWith('-') && arg !== '-')) return null;
  return separator === -1 ? [...args] : [...options, ...args.slice(separator + 1)];
}

function usageError(io: CliIo, message: string): number {
  io.err(`corridor iso: ${message}\n\n${help}`);
  return exitUsage;
}

async function validateFiles(files: readonly string[], io: CliIo): Promise<number> {
  let allOk = true;
  for (const file of files) {
    const line = await validateOne(file);
    if (!line.startsWith('OK ')) allOk = false;
    io.out(line);
  }
  return allOk ? exitOk : exitNegative;
}

async function validateOne(file: string): Promise<string> {
  const read = await readIsoPath(file);
  if (!read.ok) return invalidLine(null, read.failure);
  const verdict = validateIsoFile(read.bytes, { schemas: schemas() });
  if (verdict.ok) return `OK ${verdict.reported.message} ${verdict.reported.version}`;
  return invalidLine(verdict.reported, verdict.failures[0]);
}

/** `INVALID <msg or ?> line <n>: <code> <kind>: <detail>`; "file:" when no line applies. */
export function invalidLine(reported: MessageId | null, failure: IsoFailure | undefined): string {
  const message = reported?.message ?? '?';
  if (!failure) return `INVALID ${message} file: FF01 schema_invalid: invalid`;
  const where = failure.line === null ? 'file' : `line ${failure.line}`;
  return `INVALID ${message} ${where}: ${failure.code} ${failure.kind}: ${failure.detail}`;
}

async function toJson(file: string, io: CliIo): Promise<number> {
  const read = await readIsoPath(file);
  if (!read.ok) {
    io.err(invalidLine(null, read.failure));
    return exitNegative;
  }
  const result = messageToJson(read.bytes, schemas());
  if (!result.ok) {
    io.err(invalidLine(result.reported, result.failures[0]));
    return exitNegative;
  }
  io.out(JSON.stringify(result.json, null, 2));
  return exitOk;
}

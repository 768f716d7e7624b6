import { type CliIo, type Verb, exitUsage, exitOk } from './verb.js';
import { verbs } from './verbs.js';

const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

function usage(all: readonly Verb[]): string {
  const width = Math.max(...all.map((verb) => verb.name.length));
  return [
    'Usage: corridor <verb> [options]   (corridor <verb> --help for each verb)',
    '',
    ...all.map((verb) => `  ${verb.name.padEnd(width)}  ${verb.summary}`),
  ].join('\n');
}

export async function main(args: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage(verbs));
    return name === undefined ? exitUsage : exitOk;
  }
  const verb = verbs.find((candidate) => candidate.name === name);
  if (!verb) {
    io.err(`corridor: unknown verb ${JSON.stringify(name)}\n\n${usage(verbs)}`);
    return exitUsage;
  }
  return verb.run(rest, io);
}

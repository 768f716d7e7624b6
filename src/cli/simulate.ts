import { readFile, stat } from 'node:fs/promises';
import { formatAmount, type Currency } from '../core/money/index.js';
import { parseScenario, scenarioBytesMax, simulateDay, type SimulationResult } from '../core/settlement/index.js';
import { parseVerbArgs } from './args.js';
import { exitNegative, exitOk, exitUsage, wantsHelp, type CliIo, type Verb } from './verb.js';

const help = `Usage: corridor simulate FILE [--json]

Replays a day of payments through the settlement engine and reports what settled.
FILE is a JSON scenario:
  {"currency":"XTS","mode":"rtgs"|"rtgs-lsm"|"dns",
   "participants":[{"id":"BANKAAAA","balance":"1000.00","creditLine":"0.00"}],
   "payments":[{"id":"p1","from":"BANKAAAA","to":"BANKBBBB","amount":"10.00","at":0,"priority":"normal"|"urgent"}]}
"at" is seconds since the start of the day; the day ends after the last payment plus one LSM run.
rtgs: gross settlement with queues (urgent before normal, FIFO); rtgs-lsm adds bilateral
offsetting and multilateral gridlock resolution every minute; dns nets the day in one window,
each participant's net debit cap being its balance plus credit line.

  --json   print one JSON object: mode, payments, settled, settledValue, grossValue, unsettled,
           unsettledValue, liquidityProvided, minimumLiquidity, meanDelaySeconds,
           maxDelaySeconds, finalBalances
Exit status: 0 simulated, 1 unreadable or invalid scenario, 2 bad usage.`;

export const simulateVerb: Verb = {
  name: 'simulate',
  summary: 'replay a day of payments through the settlement engine (rtgs, rtgs-lsm, dns)',
  help,
  async run(args, io) {
    if (wantsHelp(args)) return io.out(help), exitOk;
    const parsed = parseVerbArgs(args, { json: { type: 'boolean' } }, true);
    if (!parsed.ok || parsed.positionals.length !== 1) {
      io.err(`corridor simulate: ${parsed.ok ? 'expected exactly one scenario FILE' : parsed.error}`);
      io.err('Usage: corridor simulate FILE [--json]');
      return exitUsage;
    }
    const file = parsed.positionals[0]!;
    const text = await readScenario(file);
    if (!text.ok) return io.err(`corridor simulate: ${file}: ${text.error}`), exitNegative;
    const scenario = parseScenario(text.text);
    if (!scenario.ok) return io.err(`corridor simulate: ${file}: ${scenario.error}`), exitNegative;
    const result = simulateDay(scenario.scenario);
    if (parsed.values.json === true) io.out(JSON.stringify(resultJson(result, scenario.scenario.currency)));
    else printText(io, result, scenario.scenario.currency);
    return exitOk;
  },
};

async function readScenario(file: string): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, error: 'not a file' };
    if (info.size > scenarioBytesMax) return { ok: false, error: `larger than ${scenarioBytesMax} bytes` };
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'ENOENT' ? 'no such file' : (error as Error).message };
  }
}

/** The DESIGN.md §5 object, field for field. */
export function resultJson(result: SimulationResult, currency: Currency): Record<string, unknown> {
  const money = (minor: bigint): string => formatAmount(minor, currency);
  return {
    mode: result.mode,
    payments: result.payments,
    settled: result.settled,
    settledValue: money(result.settledValue),
    grossValue: money(result.grossValue),
    unsettled: result.unsettled,
    unsettledValue: money(result.unsettledValue),
    liquidityProvided: money(result.liquidityProvided),
    minimumLiquidity: money(result.minimumLiquidity),
    meanDelaySeconds: result.meanDelaySeconds,
    maxDelaySeconds: result.maxDelaySeconds,
    finalBalances: Object.fromEntries(result.finalBalances.map((b) => [b.id, money(b.balance)])),
  };
}

function printText(io: CliIo, result: SimulationResult, currency: Currency): void {
  const money = (minor: bigint): string => `${formatAmount(minor, currency)} ${currency.code}`;
  io.out(`mode ${result.mode}: ${result.payments} payments worth ${money(result.grossValue)}`);
  io.out(`settled ${result.settled} worth ${money(result.settledValue)}; unsettled ${result.unsettled} worth ${money(result.unsettledValue)}`);
  io.out(`liquidity provided ${money(result.liquidityProvided)}; minimum liquidity ${money(result.minimumLiquidity)}`);
  io.out(`delay: mean ${result.meanDelaySeconds.toFixed(1)} s, max ${result.maxDelaySeconds} s`);
  io.out('final balances:');
  for (const b of result.finalBalances) io.out(`  ${b.id} ${money(b.balance)}`);
}

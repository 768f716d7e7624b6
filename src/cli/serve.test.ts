import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveVerb, settlementClockFlags } from './serve.js';
import { captureIo } from './test-support/capture-io.js';
import { exitNegative, exitUsage } from './verb.js';

describe('corridor serve: the settlement clock flags', () => {
  it('documents --tick-ms and --end-of-day in --help', async () => {
    const io = captureIo();
    await serveVerb.run(['--help'], io);
    const help = io.outLines.join('\n');
    assert.match(help, /--tick-ms N/);
    assert.match(help, /--end-of-day T/);
  });

  it('reads the flags as overrides of the config file', () => {
    assert.deepEqual(settlementClockFlags(undefined, undefined), {});
    assert.deepEqual(settlementClockFlags('250', '17:30'), { tickMs: 250, endOfDay: '17:30' });
    assert.deepEqual(settlementClockFlags(undefined, 'none'), { endOfDay: null });
  });

  it('refuses a bad tick or end of day with exit 2 and a message naming the flag, before opening anything', async () => {
    const cases: [string[], string][] = [
      [['--tick-ms', '5'], 'corridor serve: --tick-ms must be an integer from 10 to 600000 (ms), not 5'],
      [['--tick-ms', '1.5'], 'corridor serve: --tick-ms must be an integer from 10 to 600000 (ms), not 1.5'],
      [['--tick-ms', '600001'], 'corridor serve: --tick-ms must be an integer from 10 to 600000 (ms), not 600001'],
      [['--end-of-day', '25:00'], 'corridor serve: --end-of-day must be HH:MM (UTC, 00:00 to 23:59) or none, not 25:00'],
      [['--end-of-day', '5pm'], 'corridor serve: --end-of-day must be HH:MM (UTC, 00:00 to 23:59) or none, not 5pm'],
    ];
    for (const [flags, message] of cases) {
      const io = captureIo();
      assert.equal(await serveVerb.run(['--config', 'no-such-file.json', ...flags], io), exitUsage, flags.join(' '));
      assert.deepEqual(io.errLines, [message]);
    }
  });

  it('refuses a config file whose settlement section is wrong, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-serve-'));
    const path = join(dir, 'network.json');
    writeFileSync(path, JSON.stringify({ currencies: [], participants: [], settlement: { tickMs: 0 } }));
    const io = captureIo();
    assert.equal(await serveVerb.run(['--config', path, '--db', join(dir, 'x.db')], io), exitNegative);
    assert.deepEqual(io.errLines, [`corridor serve: ${path}: $.settlement.tickMs: 0 is not an integer from 10 to 600000`]);
  });
});

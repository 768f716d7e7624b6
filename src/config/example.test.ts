import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseNodeConfig } from './node-config.js';
import { configCommands } from './commands.js';

describe('examples/network.json', () => {
  it('is a valid config whose commands onboard two currencies and their banks', () => {
    const config = parseNodeConfig(readFileSync(new URL('../../examples/network.json', import.meta.url), 'utf8'));
    assert.deepEqual(config.currencies.map((c) => c.code), ['INR', 'AED']);
    const commands = configCommands(config);
    assert.equal(commands.filter((c) => c.type === 'register_participant').length, 7);
    assert.equal(commands.filter((c) => c.type === 'add_api_key').length, 1);
    assert.deepEqual(config.settlement, { tickMs: 1000, endOfDay: '17:00' });
  });
});

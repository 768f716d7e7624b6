import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { applyNodeBatch, type NodeResult } from '../core/network/apply.js';
import { createNodeState, type NodeState } from '../core/network/state.js';
import type { NetworkCommand } from '../core/network/types.js';
import { configTextLengthMax } from './limits.js';
import { ConfigError, configCommands, formatNodeConfig, nodeLimitsDefaults, parseNodeConfig, settlementClockDefaults, type NodeConfig } from './node-config.js';

type Entry = Record<string, unknown>;
interface FileJson {
  currencies: Entry[];
  participants: Entry[];
  limits?: Entry;
  [extra: string]: unknown;
}

const sbinHash = createHash('sha256').update('sbin secret').digest('hex');

/** The example of the format's description, completed. */
function example(): FileJson {
  return {
    currencies: [{ code: 'INR', mode: 'rtgs', agent: 'RBISINBB' }],
    participants: [
      { bic: 'RBISINBB', name: 'Reserve Bank of India', country: 'IN', type: 'direct', roles: ['settlement_agent'], currencies: [] },
      {
        bic: 'SBININBB',
        name: 'State Bank of India',
        country: 'IN',
        type: 'direct',
        roles: ['bank'],
        currencies: ['INR'],
        limits: { INR: { creditLine: '1000000.00', netDebitCap: '500000.00' } },
        apiKeys: [{ keyId: 'sbinkey1', secretHash: sbinHash }],
        webhook: { url: 'https://sbi.example/corridor/events', secret: 'a-webhook-secret-of-32-characters' },
      },
      { bic: 'ABCDINBBXXX', name: 'ABCD Co-operative Bank', country: 'IN', type: 'indirect', sponsor: 'SBININBB', roles: ['bank'], currencies: ['INR'] },
    ],
    limits: { requestsPerSecondPerKey: 2000, bodyBytesMax: 65536 },
  };
}


/** The example with a second currency (XTS, agent RBI) held by SBI only. */
function withXts(): FileJson {
  const file = example();
  file.currencies.push({ code: 'XTS', mode: 'dns', agent: 'RBISINBB' });
  file.participants[1]!.currencies = ['INR', 'XTS'];
  return file;
}

function parse(file: FileJson): NodeConfig {
  return parseNodeConfig(JSON.stringify(file));
}

function refusal(text: string): ConfigError {
  try {
    parseNodeConfig(text);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error;
  }
  assert.fail('the config was accepted');
}

function refuses(change: (file: FileJson) => void, message: string, start: () => FileJson = example): void {
  const file = start();
  change(file);
  assert.equal(refusal(JSON.stringify(file)).message, message);
}

const p = (file: FileJson, i: number): Entry => file.participants[i]!;
const bicRule = 'a BIC (ISO 9362: 4 letters, 2-letter country, 2 letters or digits, optionally 3 more)';

describe('parseNodeConfig', () => {
  it('reads the documented example, amounts in minor units and defaults filled in', () => {
    const config = parse(example());
    assert.deepEqual(config.currencies, [{ code: 'INR', mode: 'rtgs', agent: 'RBISINBB', exponent: 2, ledger: 356 }]);
    const [agent, sbi, abcd] = config.participants;
    assert.deepEqual(agent, {
      bic: 'RBISINBB', name: 'Reserve Bank of India', country: 'IN', type: 'direct', sponsor: null,
      roles: ['settlement_agent'], currencies: [], limits: [], apiKeys: [], webhook: null, weight: 1,
    });
    assert.deepEqual(sbi?.limits, [{ currency: 'INR', creditLine: 100000000n, netDebitCap: 50000000n }]);
    assert.deepEqual(sbi?.apiKeys, [{ keyId: 'sbinkey1', secretHash: sbinHash }]);
    assert.deepEqual(sbi?.webhook, { url: 'https://sbi.example/corridor/events', secret: 'a-webhook-secret-of-32-characters' });
    assert.equal(abcd?.type, 'indirect');
    assert.equal(abcd?.sponsor, 'SBININBB');
    assert.deepEqual(config.limits, { requestsPerSecondPerKey: 2000, bodyBytesMax: 65536 });
  });

  it('fills the node limits with their defaults when left out', () => {
    const file = example();
    delete file.limits;
    assert.deepEqual(parse(file).limits, nodeLimitsDefaults);
    file.limits = { bodyBytesMax: 4096 };
    assert.deepEqual(parse(file).limits, { requestsPerSecondPerKey: nodeLimitsDefaults.requestsPerSecondPerKey, bodyBytesMax: 4096 });
  });

  it('accepts one of the two limits alone, a null sponsor on a direct participant and a null webhook', () => {
    const file = example();
    p(file, 1).limits = { INR: { netDebitCap: '0' } };
    p(file, 1).sponsor = null;
    p(file, 1).webhook = null;
    const sbi = parse(file).participants[1]!;
    assert.deepEqual(sbi.limits, [{ currency: 'INR', creditLine: null, netDebitCap: 0n }]);
    assert.equal(sbi.sponsor, null);
    assert.equal(sbi.webhook, null);
  });

  it('refuses text that is not JSON, or too long', () => {
    assert.match(refusal('{"currencies": [').message, /^\$: not valid JSON: /);
    assert.equal(refusal(' '.repeat(configTextLengthMax + 1)).message, `$: the file has ${configTextLengthMax + 1} characters; at most ${configTextLengthMax} allowed`);
    assert.equal(refusal('[]').message, '$: expected an object, got an array');
    assert.equal(refusal('null').message, '$: expected an object, got null');
  });

  it('refuses unknown and missing fields at the top', () => {
    refuses((f) => (f.extra = 1), '$.extra: unknown field; allowed here: currencies, participants, limits, settlement');
    refuses((f) => delete (f as Partial<FileJson>).participants, '$.participants: missing (required)');
    refuses((f) => ((f as Entry).currencies = {}), '$.currencies: expected an array, got an object');
    refuses((f) => (f.limits = { rps: 5 }), '$.limits.rps: unknown field; allowed here: requestsPerSecondPerKey, bodyBytesMax');
    refuses((f) => (f.limits = { requestsPerSecondPerKey: 0 }), '$.limits.requestsPerSecondPerKey: 0 is not an integer from 1 to 1000000');
    refuses((f) => (f.limits = { bodyBytesMax: 2048.5 }), '$.limits.bodyBytesMax: 2048.5 is not an integer from 1024 to 16777216');
    refuses((f) => (f.limits = { bodyBytesMax: '64k' }), '$.limits.bodyBytesMax: expected a number, got a string');
  });

  it('reads the settlement clock (tick, end of day) and dns window schedules, with defaults', () => {
    assert.deepEqual(parse(example()).settlement, settlementClockDefaults);
    const file = withXts();
    file.settlement = { tickMs: 250, endOfDay: '17:30' };
    file.currencies[1]!.windowSeconds = 900;
    const config = parse(file);
    assert.deepEqual(config.settlement, { tickMs: 250, endOfDay: '17:30' });
    assert.equal(config.currencies[1]!.windowSeconds, 900);
    assert.deepEqual(configCommands(config).filter((c) => c.type === 'set_window_schedule'), [{ type: 'set_window_schedule', currency: 'XTS', windowSeconds: 900 }]);
    assert.deepEqual(parseNodeConfig(formatNodeConfig(config)), config);
    file.settlement = { endOfDay: null };
    assert.deepEqual(parse(file).settlement, { tickMs: 1000, endOfDay: null });
  });

  it('refuses a malformed settlement clock or window schedule, naming the field', () => {
    refuses((f) => (f.settlement = { tickMs: 5 }), '$.settlement.tickMs: 5 is not an integer from 10 to 600000');
    refuses((f) => (f.settlement = { tickMs: '1s' }), '$.settlement.tickMs: expected a number, got a string');
    refuses((f) => (f.settlement = { endOfDay: '24:00' }), '$.settlement.endOfDay: end of day must be HH:MM (UTC, 00:00 to 23:59), not "24:00"');
    refuses((f) => (f.settlement = { endOfDay: 1700 }), '$.settlement.endOfDay: expected a string, got a number');
    refuses((f) => (f.settlement = { gridlockMs: 5 }), '$.settlement.gridlockMs: unknown field; allowed here: tickMs, endOfDay');
    refuses((f) => (f.currencies[0]!.windowSeconds = 900), '$.currencies[0].windowSeconds: settlement windows exist in dns currencies only; INR settles rtgs');
    refuses((f) => (f.currencies[1]!.windowSeconds = 30), '$.currencies[1].windowSeconds: 30 is not an integer from 60 to 86400', withXts);
  });

  it('reads a currency’s queue order, set at every start by set_queue_order (not in the registration), and refuses it for dns or unknown', () => {
    const file = withXts();
    file.currencies[0]!.queueOrder = 'fifo';
    const config = parse(file);
    assert.equal(config.currencies[0]!.queueOrder, 'fifo');
    assert.equal(config.currencies[1]!.queueOrder, undefined);
    const commands = configCommands(config);
    assert.deepEqual(commands.filter((c) => c.type === 'set_queue_order'), [{ type: 'set_queue_order', currency: 'INR', queueOrder: 'fifo' }]);
    assert.ok(commands.every((c) => c.type !== 'register_currency' || c.queueOrder === undefined));
    assert.deepEqual(parseNodeConfig(formatNodeConfig(config)), config);
    refuses((f) => (f.currencies[1]!.queueOrder = 'fifo'), '$.currencies[1].queueOrder: a queue order exists in rtgs and rtgs-lsm currencies only; XTS settles dns', withXts);
    refuses((f) => (f.currencies[0]!.queueOrder = 'lifo'), '$.currencies[0].queueOrder: "lifo" is not one of fifo, fifo-bypass');
  });

  it('cuts long values short in messages', () => {
    refuses((f) => (p(f, 1).country = 'X'.repeat(100)), `$.participants[1].country: "${'X'.repeat(64)}…" is not an ISO 3166 alpha-2 country code (two capital letters)`);
  });

  it('bounds the number of entries', () => {
    refuses((f) => (f.participants = new Array<Entry>(10_001).fill({})), '$.participants: has 10001 entries; at most 10000 allowed');
  });

  it('refuses malformed currencies', () => {
    refuses((f) => (f.currencies[0]!.code = 'inr'), '$.currencies[0].code: "inr" is not an ISO 4217 code (three capital letters)');
    refuses((f) => (f.currencies[0]!.code = 'ABC'), '$.currencies[0].code: "ABC" is not an ISO 4217 currency with a minor unit');
    refuses((f) => (f.currencies[0]!.code = 'XAU'), '$.currencies[0].code: "XAU" is not an ISO 4217 currency with a minor unit');
    refuses((f) => (f.currencies[0]!.code = 356), '$.currencies[0].code: expected a string, got a number');
    refuses((f) => (f.currencies[0]!.mode = 'gross'), '$.currencies[0].mode: "gross" is not one of rtgs, rtgs-lsm, dns');
    refuses((f) => (f.currencies[0]!.agent = 'RBI'), `$.currencies[0].agent: "RBI" is not ${bicRule}`);
    refuses((f) => (f.currencies[0]!.exponent = 2), '$.currencies[0].exponent: unknown field; allowed here: code, mode, agent, windowSeconds, queueOrder');
    refuses((f) => f.currencies.push({ code: 'INR', mode: 'dns', agent: 'RBISINBB' }), '$.currencies[1].code: currency "INR" appears twice (first at $.currencies[0].code)');
  });

  it('refuses an agent that is not a listed participant with the settlement_agent role', () => {
    refuses((f) => (f.currencies[0]!.agent = 'RBISINBC'), '$.currencies[0].agent: RBISINBC is not a participant of this config (see $.participants)');
    refuses((f) => (f.currencies[0]!.agent = 'SBININBB'), '$.currencies[0].agent: SBININBB lacks the settlement_agent role, so it cannot be the agent of INR');
  });

  it('keeps settlement agents to their role: direct, alone, holding no settlement account', () => {
    refuses((f) => (p(f, 0).roles = ['settlement_agent', 'bank']), '$.participants[0].roles: a settlement agent takes no payments: give it the settlement_agent role alone');
    refuses((f) => (p(f, 0).currencies = ['INR']), '$.participants[0].currencies: a settlement agent joins the currencies it is the agent of (see $.currencies); leave this empty');
    refuses(
      (f) => Object.assign(p(f, 0), { type: 'indirect', sponsor: 'SBININBB' }),
      '$.participants[0].type: a settlement agent must be a direct participant',
    );
  });

  it('refuses malformed participant fields', () => {
    refuses((f) => (p(f, 1).bic = 'SBIN'), `$.participants[1].bic: "SBIN" is not ${bicRule}`);
    refuses((f) => (p(f, 1).bic = 'sbininbb'), `$.participants[1].bic: "sbininbb" is not ${bicRule}`);
    refuses((f) => (p(f, 1).name = 42), '$.participants[1].name: expected a string, got a number');
    refuses((f) => (p(f, 1).name = ''), '$.participants[1].name: must have 1 to 140 characters and no control characters');
    refuses((f) => (p(f, 1).name = 'State\nBank'), '$.participants[1].name: must have 1 to 140 characters and no control characters');
    refuses((f) => (p(f, 1).country = 'IND'), '$.participants[1].country: "IND" is not an ISO 3166 alpha-2 country code (two capital letters)');
    refuses((f) => (p(f, 1).type = 'sponsored'), '$.participants[1].type: "sponsored" is not one of direct, indirect');
    refuses((f) => (p(f, 1).roles = []), '$.participants[1].roles: needs at least one role of bank, fx_provider, settlement_agent');
    refuses((f) => (p(f, 1).roles = ['banker']), '$.participants[1].roles[0]: "banker" is not one of bank, fx_provider, settlement_agent');
    refuses((f) => (p(f, 1).roles = ['bank', 'bank']), '$.participants[1].roles[1]: role "bank" appears twice (first at $.participants[1].roles[0])');
    refuses((f) => (p(f, 1).roles = 'bank'), '$.participants[1].roles: expected an array, got a string');
    refuses((f) => (p(f, 1).currencies = ['USD']), '$.participants[1].currencies[0]: "USD" is not a currency of this config (see $.currencies)');
    refuses((f) => (p(f, 1).currencies = ['INR', 'INR']), '$.participants[1].currencies[1]: currency "INR" appears twice (first at $.participants[1].currencies[0])');
    refuses((f) => (p(f, 1).weight = 0), '$.participants[1].weight: 0 is not a number above 0 and at most 1000000');
    refuses((f) => (p(f, 1).weight = '3'), '$.participants[1].weight: expected a number, got a string');
    refuses(
      (f) => (p(f, 1).bicc = 'x'),
      '$.participants[1].bicc: unknown field; allowed here: bic, name, country, type, roles, currencies, sponsor, limits, apiKeys, webhook, weight',
    );
    refuses((f) => delete p(f, 1).country, '$.participants[1].country: missing (required)');
    refuses((f) => (p(f, 2).bic = 'SBININBB'), '$.participants[2].bic: BIC "SBININBB" appears twice (first at $.participants[1].bic)');
  });

  it('refuses an indirect participant without a direct sponsor holding its currencies', () => {
    refuses((f) => delete p(f, 2).sponsor, '$.participants[2].sponsor: missing: an indirect participant needs a direct participant as sponsor');
    refuses((f) => (p(f, 2).sponsor = 'SBININBC'), '$.participants[2].sponsor: SBININBC is not a participant of this config (see $.participants)');
    refuses(
      (f) => f.participants.push({ bic: 'EFGHINBB', name: 'EFGH Bank', country: 'IN', type: 'indirect', sponsor: 'ABCDINBBXXX', roles: ['bank'], currencies: ['INR'] }),
      '$.participants[3].sponsor: ABCDINBBXXX is itself indirect; a sponsor must be a direct participant',
    );
    refuses((f) => (p(f, 1).sponsor = 'RBISINBB'), '$.participants[1].sponsor: a direct participant settles on its own accounts and has no sponsor');
    const xtsOnlyAtAbcd = (): FileJson => {
      const file = withXts();
      file.participants[1]!.currencies = ['INR'];
      file.participants[2]!.currencies = ['INR', 'XTS'];
      return file;
    };
    refuses(() => undefined, '$.participants[2].sponsor: SBININBB does not hold XTS, which ABCDINBBXXX settles through it', xtsOnlyAtAbcd);
  });

  it('refuses limits that are not decimal strings within the currency’s decimals', () => {
    const setLimit = (value: unknown) => (f: FileJson) => (p(f, 1).limits = { INR: { creditLine: value } });
    const at = '$.participants[1].limits.INR.creditLine';
    refuses(setLimit(1000000), `${at}: expected a decimal string like "1000.00", got a number`);
    refuses(setLimit('1000000.001'), `${at}: INR amount "1000000.001" has 3 decimal digit(s); this currency allows at most 2`);
    refuses(setLimit('1e6'), `${at}: INR amount "1e6" is not a decimal amount like 1250.50 (digits, then optionally a point and 1 to 2 digits)`);
    refuses(setLimit('-5.00'), `${at}: INR amount "-5.00" is negative; amounts are written without a sign`);
    refuses(setLimit('1,000.00'), `${at}: INR amount "1,000.00" is not a decimal amount like 1250.50 (digits, then optionally a point and 1 to 2 digits)`);
    refuses((f) => (p(f, 1).limits = { INR: {} }), '$.participants[1].limits.INR: give creditLine, netDebitCap or both');
    refuses((f) => (p(f, 1).limits = { INR: { cap: '1.00' } }), '$.participants[1].limits.INR.cap: unknown field; allowed here: creditLine, netDebitCap');
    refuses((f) => (p(f, 1).limits = { inr: { creditLine: '1.00' } }), '$.participants[1].limits.inr: the key "inr" is not an ISO 4217 code (three capital letters)');
    refuses((f) => (p(f, 1).limits = { 'I R': { creditLine: '1.00' } }), '$.participants[1].limits["I R"]: the key "I R" is not an ISO 4217 code (three capital letters)');
    refuses((f) => (p(f, 1).limits = [{ creditLine: '1.00' }]), '$.participants[1].limits: expected an object, got an array');
    refuses((f) => (p(f, 2).limits = { INR: { creditLine: '1.00' } }), '$.participants[2].limits: an indirect participant settles on its sponsor’s accounts; limits belong to the sponsor');
    refuses(
      (f) => (p(f, 1).limits = { XTS: { creditLine: '1.00' } }),
      '$.participants[1].limits.XTS: XTS is not one of this participant’s currencies (INR)',
      () => {
        const file = withXts();
        file.participants[1]!.currencies = ['INR'];
        return file;
      },
    );
  });

  it('reads limits with each currency’s own exponent', () => {
    const file = withXts();
    p(file, 1).limits = { INR: { creditLine: '10.5' }, XTS: { netDebitCap: '7' } };
    assert.deepEqual(parse(file).participants[1]!.limits, [
      { currency: 'INR', creditLine: 1050n, netDebitCap: null },
      { currency: 'XTS', creditLine: null, netDebitCap: 700n },
    ]);
  });

  it('refuses malformed or reused API keys', () => {
    refuses((f) => (p(f, 1).apiKeys = [{ keyId: 'k1', secretHash: sbinHash }]), '$.participants[1].apiKeys[0].keyId: "k1" is not a key id (8 to 32 letters or digits)');
    refuses(
      (f) => (p(f, 1).apiKeys = [{ keyId: 'sbinkey1', secretHash: sbinHash.toUpperCase() }]),
      `$.participants[1].apiKeys[0].secretHash: "${sbinHash.toUpperCase()}" is not a SHA-256 hash (64 lowercase hex digits)`,
    );
    refuses((f) => (p(f, 1).apiKeys = [{ keyId: 'sbinkey1' }]), '$.participants[1].apiKeys[0].secretHash: missing (required)');
    refuses(
      (f) => (p(f, 2).apiKeys = [{ keyId: 'sbinkey1', secretHash: sbinHash }]),
      '$.participants[2].apiKeys[0].keyId: key id "sbinkey1" appears twice (first at $.participants[1].apiKeys[0].keyId)',
    );
  });

  it('refuses a webhook that is not http(s) or has a short secret, without repeating the secret', () => {
    refuses((f) => (p(f, 1).webhook = { url: 'ftp://sbi.example/x', secret: 'a-webhook-secret-of-32-characters' }), '$.participants[1].webhook.url: "ftp://sbi.example/x" is not an http(s) URL of at most 2048 characters');
    const file = example();
    p(file, 1).webhook = { url: 'https://sbi.example/x', secret: 'hunter2' };
    const error = refusal(JSON.stringify(file));
    assert.equal(error.message, '$.participants[1].webhook.secret: must have 16 to 256 characters and no control characters');
    assert.ok(!error.message.includes('hunter2'));
    assert.equal(error.path, '$.participants[1].webhook.secret');
  });
});

describe('formatNodeConfig', () => {
  it('writes a config that reads back as the same config', () => {
    const config = parse(example());
    assert.deepEqual(parseNodeConfig(formatNodeConfig(config)), config);
  });

  it('round-trips any limits amounts exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), fc.option(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n })), (creditLine, netDebitCap) => {
        const config = parse(example());
        const sbi = { ...config.participants[1]!, limits: [{ currency: 'INR', creditLine, netDebitCap }] };
        const changed: NodeConfig = { ...config, participants: [config.participants[0]!, sbi, config.participants[2]!] };
        assert.deepEqual(parseNodeConfig(formatNodeConfig(changed)), changed);
      }),
    );
  });
});

describe('configCommands', () => {
  it('lists agents, currencies, direct then indirect participants, limits, keys, webhooks', () => {
    const commands = configCommands(parse(example()));
    assert.deepEqual(
      commands.map((c) => `${c.type} ${'bic' in c ? c.bic : 'code' in c ? c.code : 'participant' in c ? c.participant : ''}`),
      [
        'register_participant RBISINBB',
        'register_currency INR',
        'register_participant SBININBB',
        'register_participant ABCDINBBXXX',
        'set_limits SBININBB',
        'add_api_key SBININBB',
        'set_webhook SBININBB',
      ],
    );
    assert.deepEqual(commands[1], { type: 'register_currency', code: 'INR', exponent: 2, ledger: 356, mode: 'rtgs', agent: 'RBISINBB' });
    assert.deepEqual(commands[3], {
      type: 'register_participant', bic: 'ABCDINBBXXX', name: 'ABCD Co-operative Bank', country: 'IN',
      participantType: 'indirect', sponsor: 'SBININBB', roles: ['bank'], currencies: ['INR'],
    });
    assert.deepEqual(commands[4], { type: 'set_limits', bic: 'SBININBB', currency: 'INR', creditLine: 100000000n, netDebitCap: 50000000n });
  });

  it('registers agents first even when the file lists them last, and indirect after direct', () => {
    const file = example();
    file.participants.reverse();
    const registrations = configCommands(parse(file)).filter((c) => c.type === 'register_participant' || c.type === 'register_currency');
    assert.deepEqual(
      registrations.map((c) => (c.type === 'register_currency' ? c.code : c.bic)),
      ['RBISINBB', 'INR', 'SBININBB', 'ABCDINBBXXX'],
    );
  });

  it('sets up a fresh node, and applied again at a restart changes nothing', () => {
    const state = createNodeState();
    const commands = configCommands(parse(withXts()));
    assert.ok(applyAll(state, commands, 1_000).every((r) => r === 'accepted'));
    const again = applyAll(state, commands, 2_000);
    assert.deepEqual(
      again,
      commands.map((c) => (c.type === 'set_limits' || c.type === 'set_webhook' ? 'accepted' : 'already_applied')),
    );
    assert.equal(state.network.participants.get('ABCDINBBXXX')?.sponsor, 'SBININBB');
    assert.deepEqual(state.network.participants.get('SBININBB')?.currencies, ['INR', 'XTS']);
    assert.equal(state.network.currencies.get('XTS')?.mode, 'dns');
    assert.equal(state.network.apiKeys.get('sbinkey1')?.participant, 'SBININBB');
  });
});

function applyAll(state: NodeState, commands: readonly NetworkCommand[], timestamp: number): NodeResult[] {
  return applyNodeBatch(state, { timestamp, commands }).results;
}

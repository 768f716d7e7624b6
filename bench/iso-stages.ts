/**
 * CPU per message of each ISO 20022 stage of POST /v1/iso20022, in this process, without HTTP,
 * the sequencer or the journal: the same one-transaction pacs.008 as bench:iso (the project's
 * builder), each stage repeated until it has used about --ms milliseconds of CPU. CPU time
 * (process.cpuUsage, one thread here) is what is reported, so a loaded machine changes it less
 * than wall-clock time; the load is printed beside it.
 *
 * Run: node --import tsx bench/iso-stages.ts [--ms 1500]
 * Prints figures only; nothing here is asserted (benchmarks never gate tests).
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { buildPacs002, buildPacs008, createSchemaStore, parseMessageId, renderPart } from '../src/iso20022/index.js';
import { readIsoFile } from '../src/iso20022/intake.js';
import { decodeXmlBytes } from '../src/iso20022/decode.js';
import { businessRuleFailures } from '../src/iso20022/rules.js';
import { parsePart, partText } from '../src/iso20022/xml-part.js';
import { scanXml } from '../src/iso20022/xml-scan.js';
import { compileSchema } from '../src/iso20022/xsd-compiled.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSchemaDir } from '../src/iso20022/schemas.js';
import { argument } from './common.js';

const stageCpuMs = argument('--ms', 1500);

const xml = renderPart(
  buildPacs008({
    messageId: 'MBENCH-1',
    creationDateTime: '2026-11-29T10:00:00+00:00',
    instructingAgent: 'BKAAINBB',
    instructedAgent: 'RBISINBB',
    transactions: [
      {
        uetr: '8a562c67-ca16-48ba-b074-65581be6f011',
        endToEndId: 'EBENCH-1',
        settlementAmount: { value: '12.50', currency: 'INR' },
        settlementDate: '2026-11-29',
        debtor: { name: 'Asha Traders' },
        debtorAgent: 'BKAAINBB',
        creditorAgent: 'BKABINBB',
        creditor: { name: 'Pune Textiles' },
        remittanceInformation: ['Invoice 2026-001'],
      },
    ],
  }),
);
const bytes = Buffer.from(xml, 'utf8');
const id = parseMessageId('pacs.008.001.08')!;
const schemas = createSchemaStore();
const compiled = compileSchema(readFileSync(join(defaultSchemaDir, `${id.id}.xsd`), 'utf8'));
const decoded = decodeXmlBytes(bytes);
if (!decoded.ok) throw new Error(decoded.failure.detail);
const scanned = scanXml(decoded.text);
if (!scanned.ok) throw new Error(scanned.failure.detail);
const text = partText(decoded.text, scanned.parts[0]!);
const intake = readIsoFile(bytes, schemas);
for (let i = 0; i < 3 && intake.ok; i += 1) readIsoFile(bytes, schemas);
if (!intake.ok || businessRuleFailures(intake.message, { isKnownBic: () => true }).length > 0) throw new Error(`the bench message does not pass: ${JSON.stringify(intake)}`);
const network = { isKnownBic: () => true, settlesCurrency: () => true, isSeenMessageId: () => false, isSeenUetr: () => false };

function pacs002(): string {
  const original = { messageId: 'MBENCH-1', messageNameId: 'pacs.008.001.08', creationDateTime: '2026-11-29T10:00:00+00:00' };
  return renderPart(
    buildPacs002({
      messageId: 'CRDR0123456789abcdef0123456789abcd',
      creationDateTime: '2026-11-29T10:00:00.123456+00:00',
      group: { original, status: 'ACSC' },
      transactions: [
        {
          original: { message: original, uetr: '8a562c67-ca16-48ba-b074-65581be6f011', endToEndId: 'EBENCH-1' },
          status: 'ACSC',
          acceptanceDateTime: '2026-11-29T10:00:00.123456+00:00',
          settlementDate: '2026-11-29',
          settlementAmount: { value: '12.50', currency: 'INR' },
          debtorAgent: 'BKAAINBB',
          creditorAgent: 'BKABINBB',
        },
      ],
    }),
  );
}

const stages: [string, () => unknown][] = [
  ['sha-256 of the body (request hash)', () => createHash('sha256').update(bytes).digest('hex')],
  [
    'decode + scan + element tree (main thread)',
    () => {
      const text = decodeXmlBytes(bytes);
      return text.ok && scanXml(text.text);
    },
  ],
  ['part text for the validator (main thread)', () => partText(decoded.text, scanned.parts[0]!)],
  ['XSD: libxml2-wasm parse + compiled validate (validator thread)', () => compiled.isValid(text)],
  [
    // A fresh tree each time: a message's reading is kept with its tree, so the rules alone would read it once only.
    'decode + scan + tree, then the business + network rules (main thread)',
    () => {
      const text = decodeXmlBytes(bytes);
      const scan = text.ok ? scanXml(text.text) : null;
      if (scan === null || !scan.ok) throw new Error('scan failed');
      const part = scan.parts[0]!;
      return businessRuleFailures({ header: null, document: { kind: 'Document', id, line: part.line, root: part.root }, reported: id }, network);
    },
  ],
  ['whole intake on one thread: readIsoFile (scan, XSD, tree)', () => readIsoFile(bytes, schemas)],
  ['pacs.002 ACSC: build + render (main thread)', pacs002],
  ['for comparison: libxmljs2 parse of the part (the old reading path)', () => parsePart(text)],
];

console.log(`iso-stages: a one-transaction pacs.008 of ${bytes.length} bytes; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
/** CPU µs per run over rounds of about roundMs, the median round reported (a loaded machine makes single rounds noisy). */
function measure(run: () => unknown, roundMs: number): { cpuUs: number; wallUs: number; runs: number } {
  const rounds: { cpuUs: number; wallUs: number }[] = [];
  let total = 0;
  for (let round = 0; round < 5; round += 1) {
    let runs = 0;
    let cpuUs = 0;
    const wallStart = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    while (cpuUs < roundMs * 1000) {
      for (let i = 0; i < 100; i += 1) run();
      runs += 100;
      const used = process.cpuUsage(cpuStart);
      cpuUs = used.user + used.system;
    }
    rounds.push({ cpuUs: cpuUs / runs, wallUs: Number(process.hrtime.bigint() - wallStart) / 1000 / runs });
    total += runs;
  }
  rounds.sort((a, b) => a.cpuUs - b.cpuUs);
  return { ...rounds[2]!, runs: total };
}

for (const [name, run] of stages) {
  measure(run, stageCpuMs / 10); // warm-up: optimised code before the rounds that count
  const { cpuUs, wallUs, runs } = measure(run, stageCpuMs / 5);
  console.log(`${name.padEnd(70)} ${cpuUs.toFixed(1).padStart(7)} µs CPU/msg ${wallUs.toFixed(1).padStart(7)} µs wall/msg (${runs} runs, median of 5 rounds)`);
}
console.log(`load after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

/**
 * The compiled XSD validator's wasm memory over many documents: validates N pacs.008 files
 * (valid and not well-formed alternately) through the intake and prints the wasm heap and RSS
 * every 20,000, and the CPU per file. Every parsed document is freed (xsd-compiled.ts), so both must level off.
 * Run: node --import tsx bench/iso-validator-memory.ts [--count N]
 */
import { buildPacs008, createSchemaStore, readIsoFile, renderPart } from '../src/iso20022/index.js';
import { argument } from './common.js';

const count = Math.round(argument('--count', 100_000));
const xml = renderPart(
  buildPacs008({
    messageId: 'MSG-1',
    creationDateTime: '2026-11-29T10:00:00+00:00',
    instructingAgent: 'BKAAINBB',
    instructedAgent: 'RBISINBB',
    transactions: [
      {
        uetr: '8a562c67-ca16-48ba-b074-65581be6f011',
        endToEndId: 'E2E-1',
        settlementAmount: { value: '12.50', currency: 'INR' },
        settlementDate: '2026-11-29',
        debtor: { name: 'Asha Traders' },
        debtorAgent: 'BKAAINBB',
        creditorAgent: 'BKABINBB',
        creditor: { name: 'Pune Textiles' },
      },
    ],
  }),
);
const good = Buffer.from(xml, 'utf8');
const bad = Buffer.from(xml.replace('<Nm>Asha Traders</Nm>', '<Nm>Asha Traders</Nm><Unexpected/>'), 'utf8');
const schemas = createSchemaStore();
const started = process.cpuUsage();
for (let i = 1; i <= count; i += 1) {
  const result = readIsoFile(i % 10 === 0 ? bad : good, schemas);
  if (result.ok === (i % 10 === 0)) throw new Error(`message ${i}: unexpected verdict`);
  if (i % 20_000 === 0) {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage(started);
    // libxml2-wasm's heap is a WebAssembly.Memory, counted in arrayBuffers.
    console.log(`${i.toLocaleString('en-US')} files: rss ${(memory.rss / 1e6).toFixed(0)} MB, array buffers (wasm) ${(memory.arrayBuffers / 1e6).toFixed(0)} MB, JS heap ${(memory.heapUsed / 1e6).toFixed(0)} MB; ${((cpu.user + cpu.system) / i).toFixed(0)} µs CPU per file`);
  }
}

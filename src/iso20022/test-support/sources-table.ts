import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** test/fixtures/iso20022, where the samples and their SOURCES.md table live. */
export const fixturesDir = fileURLToPath(new URL('../../../test/fixtures/iso20022/', import.meta.url));

/** One sample's row of test/fixtures/iso20022/SOURCES.md. */
export interface SampleRow {
  readonly path: string;
  readonly intent: string;
  readonly parts: string;
  readonly amounts: string;
  readonly xsd: string;
  readonly notes: string;
}

const columnsPerRow = 9;

/** Reads every `| \`samples/…\` | …` row; the column order is the table header's. */
export function readSampleRows(): SampleRow[] {
  const text = readFileSync(`${fixturesDir}SOURCES.md`, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('| `samples/'))
    .map((line) => {
      const cells = line.slice(2, -2).split(' | ');
      if (cells.length !== columnsPerRow) throw new Error(`SOURCES.md row has ${cells.length} columns: ${line.slice(0, 120)}`);
      const [file = '', , , intent = '', parts = '', amounts = '', xsd = '', , notes = ''] = cells;
      return { path: file.replace(/`/g, ''), intent, parts, amounts, xsd, notes };
    });
}

/** The XSD column's verdict: every listed part VALID. n/a, NOT WELL-FORMED and JSON rows are not valid messages. */
export function xsdVerdict(row: SampleRow): 'OK' | 'INVALID' {
  const verdicts = row.xsd.split('<br>');
  return verdicts.every((verdict) => / VALID$/.test(verdict.trim())) ? 'OK' : 'INVALID';
}

/** The first "(line N:" of the XSD column: where the first schema error is. */
export function firstXsdErrorLine(row: SampleRow): number | null {
  const match = /INVALID \(line (\d+):/.exec(row.xsd);
  return match?.[1] ? Number(match[1]) : null;
}

/** The message identifiers of the parts column: head.001 first (if any), then the Document. */
export function partIds(row: SampleRow): string[] {
  return row.parts.split('<br>').flatMap((part) => {
    const id = /^([a-z]{4}\.\d{3}\.\d{3}\.\d{2})/.exec(part.trim())?.[1];
    return id ? [id] : [];
  });
}

export interface ListedAmount {
  readonly element: string;
  readonly currency: string;
  readonly value: string;
}

/** "IntrBkSttlmAmt EUR 1000.00; InstdAmt EUR 1000.00 / NbOfTxs 1 / …" to its amounts. */
export function listedAmounts(row: SampleRow): ListedAmount[] {
  const amountsPart = row.amounts.split(' / ')[0] ?? '';
  return amountsPart.split('; ').flatMap((entry) => {
    const match = /^(\w+) ([A-Z]{3}) ([0-9.]+)$/.exec(entry.trim());
    return match?.[1] && match[2] && match[3] ? [{ element: match[1], currency: match[2], value: match[3] }] : [];
  });
}

export function listedTransactionCount(row: SampleRow): string | null {
  return /NbOfTxs (\d+)/.exec(row.amounts)?.[1] ?? null;
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { labelledCases, labelledList, type LabelledCase } from './labelled-set.js';
import { buildScreeningIndex } from './name-index.js';
import { defaultScreeningOptions } from './options.js';
import { screenPayment } from './screen-payment.js';
import { list } from './test-support.js';

const index = buildScreeningIndex([list(labelledList)]);

function hitsOf(labelled: LabelledCase, nameThreshold = defaultScreeningOptions.nameThreshold): string[] {
  const payment = labelled.kind === 'name' ? { creditor: { name: labelled.text } } : { remittanceInformation: [labelled.text] };
  const screening = screenPayment(index, payment, { ...defaultScreeningOptions, nameThreshold });
  assert.ok(screening.ok);
  return screening.hits.map((h) => h.entryId);
}

interface Quality {
  precision: number;
  recall: number;
  missed: LabelledCase[];
  falseAlarms: LabelledCase[];
}

function measure(nameThreshold?: number): Quality {
  let truePositives = 0;
  let flagged = 0;
  const missed: LabelledCase[] = [];
  const falseAlarms: LabelledCase[] = [];
  for (const labelled of labelledCases) {
    const hits = hitsOf(labelled, nameThreshold);
    if (labelled.expected === null) {
      if (hits.length > 0) falseAlarms.push(labelled);
      flagged += hits.length > 0 ? 1 : 0;
    } else if (hits.includes(labelled.expected)) {
      truePositives += 1;
      flagged += 1;
    } else missed.push(labelled);
  }
  const positives = labelledCases.filter((c) => c.expected !== null).length;
  return { precision: flagged === 0 ? 1 : truePositives / flagged, recall: truePositives / positives, missed, falseAlarms };
}

void describe('screening quality on the labelled set', () => {
  void it('finds at least 95 % of listed names and variants, with at least 85 % of flagged names right, at the default threshold', () => {
    const quality = measure();
    const positives = labelledCases.filter((c) => c.expected !== null).length;
    console.log(`labelled set: ${positives} listed variants, ${labelledCases.length - positives} innocent names; threshold ${defaultScreeningOptions.nameThreshold}`);
    console.log(`precision ${quality.precision.toFixed(3)}, recall ${quality.recall.toFixed(3)}`);
    for (const c of quality.missed) console.log(`  missed: ${c.text} (${c.why})`);
    for (const c of quality.falseAlarms) console.log(`  false alarm: ${c.text} (${c.why})`);
    assert.ok(quality.recall >= 0.95, `recall ${quality.recall}`);
    assert.ok(quality.precision >= 0.85, `precision ${quality.precision}`);
  });

  void it('trades recall for precision as the threshold rises', () => {
    const figures = [0.85, 0.9, 0.95].map((t) => ({ t, ...measure(t) }));
    for (const f of figures) console.log(`threshold ${f.t}: precision ${f.precision.toFixed(3)}, recall ${f.recall.toFixed(3)}`);
    const [low, , high] = figures;
    assert.ok(low !== undefined && high !== undefined);
    assert.ok(low.recall >= high.recall);
    assert.ok(high.falseAlarms.length <= low.falseAlarms.length);
  });

  void it('explains every hit: list, entry, listed name, payment field and the words that agreed', () => {
    const screening = screenPayment(index, { creditor: { name: 'Виктор Петренко' } });
    assert.ok(screening.ok && screening.decision === 'hit');
    const [first] = screening.hits;
    assert.ok(first !== undefined && first.kind === 'name');
    assert.equal(first.listId, 'TEST');
    assert.equal(first.entryId, 'E1');
    assert.equal(first.field, 'creditor.name');
    assert.equal(first.fieldText, 'Виктор Петренко');
    assert.ok(first.score >= defaultScreeningOptions.nameThreshold && first.score <= 1);
    assert.deepEqual(first.words.map((w) => [w.query, w.listed]), [['viktor', 'viktor'], ['petrenko', 'petrenko']]);
  });
});

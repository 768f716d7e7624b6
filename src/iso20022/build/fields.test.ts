import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IsoBuildError } from './errors.js';
import { isoDate, isoDateTime } from './fields.js';

/** The Date-based checks the arithmetic ones replaced: the reference they must agree with. */
function dateByDateObject(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  return day !== null && day.toISOString().slice(0, 10) === value;
}

function dateTimeByDateObject(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)) && dateByDateObject(value.slice(0, 10));
}

function accepts(check: (value: string, field: string) => string, value: string): boolean {
  try {
    return check(value, 'field') === value;
  } catch (error) {
    if (error instanceof IsoBuildError) return false;
    throw error;
  }
}

const digits = (n: number, max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
const dateText = fc.tuple(fc.oneof(digits(4, 9999), fc.constantFrom('2024', '2000', '1900', '2100', '0099', '0100')), digits(2, 13), digits(2, 32)).map(([y, m, d]) => `${y}-${m}-${d}`);
const timeText = fc.tuple(fc.oneof(digits(2, 25), fc.constant('24')), digits(2, 61), digits(2, 61), fc.option(fc.oneof(fc.constantFrom('0', '000', '5', '000000001'), digits(6, 999999)), { nil: undefined }));
const offsetText = fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), digits(2, 25), digits(2, 61)).map(([s, h, m]) => `${s}${h}:${m}`));

describe('ISODate and ISODateTime checks', () => {
  it('property: accept exactly what the Date-based checks accepted', () => {
    fc.assert(fc.property(dateText, (value) => assert.equal(accepts(isoDate, value), dateByDateObject(value), value)), { numRuns: 5000 });
    fc.assert(
      fc.property(dateText, timeText, offsetText, (date, [h, m, s, fraction], offset) => {
        const value = `${date}T${h}:${m}:${s}${fraction === undefined ? '' : `.${fraction}`}${offset}`;
        assert.equal(accepts(isoDateTime, value), dateTimeByDateObject(value), value);
      }),
      { numRuns: 5000 },
    );
  });

  it('known days and times', () => {
    assert.equal(accepts(isoDate, '2024-02-29'), true);
    assert.equal(accepts(isoDate, '2026-02-29'), false);
    assert.equal(accepts(isoDate, '2100-02-29'), false);
    assert.equal(accepts(isoDateTime, '2026-11-29T24:00:00+00:00'), true);
    assert.equal(accepts(isoDateTime, '2026-11-29T24:00:00.5+00:00'), false);
    assert.equal(accepts(isoDateTime, '2026-11-29T10:00:00+24:00'), false);
    assert.equal(accepts(isoDateTime, '2026-11-29T10:00:00'), false);
  });
});

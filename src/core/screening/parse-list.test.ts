import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCsv } from './csv.js';
import { listErrorsReportedMax } from './limits.js';
import { parseWatchList } from './parse-list.js';

const header = 'list_id,entry_id,entity_type,primary_name,aliases,listed_on,birth_dates,countries,bics,remarks';
const good = [
  header,
  'OFAC-SDN,1001,entity,"Sberbank of Russia, PJSC",Sberbank|ПАО Сбербанк,2022-04-06,,RU,SABRRUMM,"Directive 1 (""CAPTA"")"',
  'OFAC-SDN,1002,individual,Viktor PETRENKO,,2014-03-20,1961|1961-05-02,UA|RU,,"two',
  'lines"',
].join('\r\n');

function errorsOf(text: string, format: 'csv' | 'json' = 'csv') {
  const parsed = parseWatchList(text, format);
  assert.ok(!parsed.ok, 'expected refusal');
  return parsed.errors.map((e) => [e.code, e.line, e.field]);
}

void describe('parseWatchList, CSV', () => {
  void it('reads quoted fields, doubled quotes, CRLF, multi-valued cells and a field spanning lines', () => {
    const parsed = parseWatchList(good, 'csv');
    assert.ok(parsed.ok);
    assert.equal(parsed.list.listId, 'OFAC-SDN');
    const [first, second] = parsed.list.entries;
    assert.equal(first?.primaryName, 'Sberbank of Russia, PJSC');
    assert.deepEqual(first?.aliases, ['Sberbank', 'ПАО Сбербанк']);
    assert.equal(first?.remarks, 'Directive 1 ("CAPTA")');
    assert.deepEqual(second?.birthDates, ['1961', '1961-05-02']);
    assert.deepEqual(second?.countries, ['UA', 'RU']);
    assert.equal(second?.remarks, 'two\r\nlines');
  });

  void it('refuses the whole file with the line, column and reason of each bad field', () => {
    const text = [
      header,
      'L,1,entity,Good Name,,,,,,',
      'L,2,person,Bad Type,,2022-02-30,1961-13,Russia,SABRRU,',
      'L,1,entity,Duplicate Id,,,,,,',
      'M,3,entity,Other List,,,,,,',
    ].join('\n');
    assert.deepEqual(errorsOf(text), [
      ['entity_type_unknown', 3, 'entity_type'],
      ['date_invalid', 3, 'listed_on'],
      ['date_invalid', 3, 'birth_dates[0]'],
      ['country_invalid', 3, 'countries[0]'],
      ['bic_invalid', 3, 'bics[0]'],
      ['entry_id_duplicate', 4, 'entry_id'],
      ['list_id_mixed', 5, 'list_id'],
    ]);
    const parsed = parseWatchList(text, 'csv');
    assert.ok(!parsed.ok);
    assert.equal(parsed.errors[0]?.column, 3);
  });

  void it('refuses broken CSV syntax at its line', () => {
    assert.deepEqual(errorsOf(`${header}\nL,1,entity,"open,,,,,,\nL,2,entity,x,,,,,,`), [['csv_unterminated_quote', 2, '']]);
    assert.deepEqual(errorsOf(`${header}\nL,1,entity,ab"c,,,,,,`), [['csv_bare_quote', 2, '']]);
    assert.deepEqual(errorsOf(`${header}\nL,1,entity,"ab"c,,,,,,`), [['csv_text_after_quote', 2, '']]);
    assert.deepEqual(errorsOf(`${header}\nL,1,entity,abc`), [['csv_field_count', 2, '']]);
  });

  void it('refuses headers with missing, unknown or repeated columns, and empty files', () => {
    assert.deepEqual(errorsOf('list_id,entry_id,primary_name,name\nL,1,x,y'), [['header_column_unknown', 1, 'name'], ['header_column_missing', 1, 'entity_type']]);
    assert.deepEqual(errorsOf('list_id,entry_id,entity_type,primary_name,aliases,aliases\n'), [['header_column_duplicate', 1, 'aliases']]);
    assert.deepEqual(errorsOf(`${header}\r\n`), [['list_empty', 0, '']]);
    assert.deepEqual(errorsOf(''), [['list_empty', 1, '']]);
  });

  void it('refuses names without letters, control characters and too many values, and reports at most the first errors', () => {
    assert.deepEqual(errorsOf(`${header}\nL,1,entity,"---",,,,,,\nL,2,entity,"a\u0007b",,,,,,`), [['name_invalid', 2, 'primary_name'], ['field_control_character', 3, 'primary_name']]);
    assert.deepEqual(errorsOf(`${header}\nL,1,entity,x,,,,${Array(65).fill('RU').join('|')},,`), [['too_many_values', 2, 'countries']]);
    const many = [header, ...Array.from({ length: 50 }, (_, i) => `L,${i},robot,x,,,,,,`)].join('\n');
    assert.equal(errorsOf(many).length, listErrorsReportedMax);
  });

  void it('round-trips any cells through RFC 4180 quoting (property: parse(quote(rows)) = rows)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'б', ',', '"', '\r\n', '\n', ' ', 'x'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const quote = (c: string) => `"${c.replaceAll('"', '""')}"`;
        const parsed = parseCsv(rows.map((r) => r.map(quote).join(',')).join('\r\n'));
        assert.ok(parsed.ok);
        assert.deepEqual(parsed.rows.map((r) => r.fields), rows);
      }),
    );
  });
});

void describe('parseWatchList, JSON', () => {
  const entry = { listId: 'UN', entryId: 'QDi.001', entityType: 'entity', primaryName: 'Al-Qaida', aliases: ['The Base'], countries: [], bics: [], birthDates: [], listedOn: '2001-10-06', remarks: null };

  void it('reads entries with optional fields absent or null', () => {
    const parsed = parseWatchList(JSON.stringify({ entries: [entry, { listId: 'UN', entryId: 'QDi.002', entityType: 'individual', primaryName: 'X Y' }] }), 'json');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.list.entries[0]?.aliases, ['The Base']);
    assert.equal(parsed.list.entries[1]?.listedOn, null);
  });

  void it('refuses syntax errors at their line, bad shapes and bad fields with the entry line and path', () => {
    assert.deepEqual(errorsOf('{"entries": [\n{"listId": "UN",}\n]}', 'json'), [['json_syntax', 2, '']]);
    assert.deepEqual(errorsOf('[]', 'json'), [['json_shape', 1, '']]);
    assert.deepEqual(errorsOf(JSON.stringify({ entries: [{ ...entry, alias: ['x'] }] }), 'json'), [['json_shape', 1, 'entries[0].alias']]);
    const text = JSON.stringify({ entries: [entry, { ...entry, entryId: 'QDi.002', bics: ['NOTABIC'] }] }, null, 2);
    const parsed = parseWatchList(text, 'json');
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.errors.map((e) => [e.code, e.field]), [['bic_invalid', 'entries[1].bics[0]']]);
    assert.equal(text.split('\n')[(parsed.errors[0]?.line ?? 0) - 1]?.trim(), '{');
    assert.ok((parsed.errors[0]?.line ?? 0) > 10);
  });
});

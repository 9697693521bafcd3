import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../../errors.ts';
import { detectDelimiter, inspect, readRecords, type CsvRecord } from './csv.ts';

/** Write records as a spreadsheet would: quote what needs it, and sometimes what does not. */
function writeCsv(header: string[], records: { fields: string[]; quote: boolean[] }[], delimiter: string, eol: string): string {
  const field = (v: string, quote: boolean) =>
    quote || v.includes(delimiter) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v;
  return [header.join(delimiter), ...records.map((r) => r.fields.map((v, i) => field(v, r.quote[i] ?? false)).join(delimiter))].join(eol) + eol;
}

// No-break space, BOM and em space are blank to trim(): the door must see them as blank too.
const char = fc.constantFrom('a', 'B', 'æ', 'Ø', '1', ' ', '\u00A0', '\uFEFF', '\u2003', ';', ',', '"', '\n', '😀', '-', '|');
const cell = fc.string({ unit: char, maxLength: 10 });
const record = fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 5 }).map((cells) => ({ fields: cells.map((c) => c[0]), quote: cells.map((c) => c[1]) }));
const hasContent = (fields: string[]) => fields.some((f) => f.trim() !== '');

async function read(csv: string) {
  const file = inspect(csv, 20_000);
  const out: CsvRecord[] = [];
  await readRecords(file, (r) => out.push(r));
  return { file, records: out };
}

describe('reading CSV files', () => {
  it('counts at the door exactly the records the parser reads later, each with the line it starts on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 30 }), fc.constantFrom(';', ','), fc.constantFrom('\n', '\r\n'), fc.boolean(), async (records, delimiter, eol, bom) => {
        const header = ['navn', 'type', 'distrikt'];
        const csv = (bom ? '\uFEFF' : '') + writeCsv(header, records, delimiter, eol);
        const kept = records.filter((r) => hasContent(r.fields));
        if (kept.length === 0) {
          assert.throws(() => inspect(csv, 20_000), (e: unknown) => e instanceof AppError && e.code === 'import.empty');
          return;
        }
        const { file, records: got } = await read(csv);
        assert.equal(file.delimiter, delimiter);
        assert.deepEqual(file.header, header);
        assert.equal(file.rows, kept.length);
        assert.deepEqual(
          got.map((r) => r.values),
          kept.map((r) => r.fields),
        );
        // Line numbers: the header is line 1; a record takes one line plus one per newline in its values.
        let line = 2;
        const expected: number[] = [];
        for (const r of records) {
          if (hasContent(r.fields)) expected.push(line);
          line += 1 + r.fields.join('').split('\n').length - 1;
        }
        assert.deepEqual(
          got.map((r) => r.line),
          expected,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('detects the delimiter from the header line: semicolon as Danish Excel writes, or comma', () => {
    assert.equal(detectDelimiter('navn;type;distrikt'), ';');
    assert.equal(detectDelimiter('navn,type,distrikt'), ',');
    assert.equal(detectDelimiter('"navn, fuldt";type'), ';', 'a comma inside quotes does not count');
    assert.equal(detectDelimiter('navn'), ';');
  });

  it('refuses at the door what is not a CSV text file, with a stable code', () => {
    const code = (csv: string) => {
      try {
        inspect(csv, 3);
        return 'ok';
      } catch (e) {
        return e instanceof AppError ? `${e.code}${(e.details as { line?: number } | undefined)?.line ? `@${(e.details as { line: number }).line}` : ''}` : 'crash';
      }
    };
    assert.equal(code(''), 'import.empty');
    assert.equal(code('\uFEFF'), 'import.empty');
    assert.equal(code('navn;type\r\n'), 'import.empty');
    assert.equal(code('navn;type\nA;skole\n;;\n'), 'ok');
    assert.equal(code('navn;type\nA;skole\nB;skole\nC;skole\nD;skole\n'), 'import.too_many_rows');
    assert.equal(code('navn;type\nA;skole\n\n\n;\nB;skole\nC;skole\n'), 'ok', 'blank lines do not count');
    assert.equal(code('PK\u0003\u0004'), 'import.not_csv');
    assert.equal(code('navn;type\n"A;skole\n'), 'import.not_csv@2');
    assert.equal(code('navn;type\nA;skole\n"B"x;skole\n'), 'import.not_csv@3');
    assert.equal(code('navn;type\nB\uFFFDrn;skole\n'), 'import.encoding');
    assert.equal(code('navn;type\nB\uDC00rn;skole\n'), 'import.encoding');
    assert.equal(code('navn;type\nA"s hus;skole\n'), 'ok', 'a quote inside an unquoted value is just a character');
  });
});

// Reading an uploaded CSV file. Two steps:
// - inspect(): at the door, in the request. One fast pass without building values: strips the
//   BOM, refuses binary and mis-encoded text, detects the delimiter (';' as Danish Excel
//   writes it, or ','), reads the header row and counts the data rows, so a wrong file is a
//   4xx answer at once and never a run.
// - readRecords(): in the background job. csv-parse in small chunks, yielding to the event
//   loop between them (it takes ~0.2 s per MB), each record with the line it starts on.
import { parse, type CsvError } from 'csv-parse';
import { AppError } from '../../errors.ts';
import { hasLoneSurrogate } from './report.ts';

export type Delimiter = ';' | ',';

export interface CsvFile {
  /** BOM removed, line endings normalised to \n. */
  text: string;
  delimiter: Delimiter;
  header: string[];
  /** Line the header row is on (1 unless the file starts with blank lines). */
  headerLine: number;
  /** Data rows with content (rows of only delimiters, as Excel leaves them, do not count). */
  rows: number;
}

export interface CsvRecord {
  /** Line in the file the record starts on (the header is line 1). */
  line: number;
  values: string[];
}

/** A structural error found while reading the file in the background (the door check missed it). */
export class CsvLineError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`CSV error at line ${line}`);
  }
}

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const WHITESPACE = /\s/;

/**
 * Whether a character is blank the way String.prototype.trim sees it (space, tab, no-break
 * space, BOM, …). The door check and readRecords must agree on which records are blank, or
 * the header and the row count would differ between the two.
 */
function isBlank(c: number): boolean {
  if (c === SPACE || c === TAB) return true;
  return c > 0x7f && WHITESPACE.test(String.fromCharCode(c));
}

const WHY_NOT_CSV = {
  binary: 'Filen indeholder tegn, der ikke findes i en tekstfil. Er det et Excel-regneark? Gem det som CSV.',
  quote_not_closed: 'Et anførselstegn (") åbner en værdi, men lukker den aldrig.',
  invalid_closing_quote: 'Efter et afsluttende anførselstegn (") skal der stå et skilletegn eller et linjeskift.',
} as const;

/** Danish text for a csv-parse error code met in the background (the door check should have caught it). */
export function csvErrorText(code: string): string {
  if (code === 'CSV_QUOTE_NOT_CLOSED') return WHY_NOT_CSV.quote_not_closed;
  if (code.includes('CLOSING_QUOTE')) return WHY_NOT_CSV.invalid_closing_quote;
  if (code === 'CSV_MAX_RECORD_SIZE') return 'En linje er længere end 1.000.000 tegn.';
  return 'Linjen har en form, som ikke kan læses.';
}

function notCsv(reason: keyof typeof WHY_NOT_CSV, line?: number): AppError {
  return new AppError('import.not_csv', 422, { reason, message: WHY_NOT_CSV[reason], ...(line ? { line } : {}) });
}

/** ';' or ',': whichever the header line has more of outside quotes (';' on a tie, as Danish Excel writes). */
export function detectDelimiter(firstLine: string): Delimiter {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons += 1;
    else if (!quoted && ch === ',') commas += 1;
  }
  return commas > semicolons ? ',' : ';';
}

/**
 * The door check. Throws 422 AppErrors with stable codes: import.empty, import.not_csv,
 * import.encoding, import.too_many_rows. The rules mirror csv-parse with relax_quotes: a
 * quote opens a quoted field only at the start of a field, "" inside it is a quote, and the
 * closing quote must be followed by a delimiter, a line end or the end of the file.
 */
export function inspect(csv: string, maxRows: number): CsvFile {
  let text = csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv;
  if (text.trim() === '') throw new AppError('import.empty', 422);
  text = text.replace(/\r\n?/g, '\n');
  if (CONTROL_CHARS.test(text)) throw notCsv('binary');
  // U+FFFD: the browser read non-UTF-8 bytes; half a surrogate pair cannot be UTF-8 at all.
  if (text.includes('\uFFFD') || hasLoneSurrogate(text)) throw new AppError('import.encoding', 422);

  const firstContentLine = text.split('\n', 50).find((l) => l.trim() !== '') ?? '';
  const delimiter = detectDelimiter(firstContentLine);
  const delim = delimiter.charCodeAt(0);

  let header: string[] | null = null;
  let headerLine = 1;
  let rows = 0;
  let line = 1;
  let recordLine = 1;
  let field = '';
  let fields: string[] = [];
  let content = false;
  let i = 0;
  const n = text.length;
  // Field by field; values are only built for the header row.
  while (i <= n) {
    const fieldStart = i;
    let c = i < n ? text.charCodeAt(i) : -1;
    if (c === QUOTE) {
      const openedOn = line;
      i += 1;
      let value = '';
      let chunkStart = i;
      for (;;) {
        if (i >= n) throw notCsv('quote_not_closed', openedOn);
        c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            if (!header) value += text.slice(chunkStart, i + 1);
            content = true;
            i += 2;
            chunkStart = i;
            continue;
          }
          if (!header) value += text.slice(chunkStart, i);
          i += 1;
          break;
        }
        if (c === NEWLINE) line += 1;
        else if (!isBlank(c)) content = true;
        i += 1;
      }
      c = i < n ? text.charCodeAt(i) : -1;
      if (c !== delim && c !== NEWLINE && c !== -1) throw notCsv('invalid_closing_quote', line);
      field = value;
    } else {
      while (i < n) {
        c = text.charCodeAt(i);
        if (c === delim || c === NEWLINE) break;
        if (!isBlank(c)) content = true;
        i += 1;
      }
      c = i < n ? c : -1;
      field = header ? '' : text.slice(fieldStart, i);
    }
    if (!header) fields.push(field);
    if (c === delim) {
      i += 1;
      continue;
    }
    // End of a record (newline or end of file).
    if (content) {
      if (!header) {
        header = fields;
        headerLine = recordLine;
      } else rows += 1;
    }
    fields = [];
    content = false;
    i += 1;
    if (c === NEWLINE) line += 1;
    recordLine = line;
    if (rows > maxRows) throw new AppError('import.too_many_rows', 422, { max: maxRows });
  }
  if (!header) throw new AppError('import.empty', 422);
  if (rows === 0) throw new AppError('import.empty', 422, { reason: 'no_rows' });
  return { text, delimiter, header, headerLine, rows };
}

const CHUNK = 32 * 1024;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function newlinesIn(values: readonly string[]): number {
  let count = 0;
  for (const v of values) for (let i = v.indexOf('\n'); i !== -1; i = v.indexOf('\n', i + 1)) count += 1;
  return count;
}

/**
 * Read the data records after the header, blank ones left out, handing each to onRecord with
 * the line it starts on. Rejects with CsvLineError when the text is not CSV after all.
 */
export async function readRecords(file: CsvFile, onRecord: (record: CsvRecord) => void): Promise<number> {
  const parser = parse({
    delimiter: file.delimiter,
    record_delimiter: '\n',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: 1_000_000,
  });
  let count = 0;
  let headerSeen = false;
  let failure: unknown = null;
  parser.on('readable', () => {
    let item: { record: string[]; info: { lines: number } } | null;
    while ((item = parser.read() as typeof item) !== null) {
      const values = item.record;
      if (values.every((v) => v.trim() === '')) continue;
      if (!headerSeen) {
        headerSeen = true;
        continue;
      }
      count += 1;
      try {
        onRecord({ line: item.info.lines - newlinesIn(values), values });
      } catch (err) {
        failure ??= err;
      }
    }
  });
  const finished = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', (err: CsvError & { lines?: number }) => reject(new CsvLineError(Number(err.lines) || 0, err.code ?? 'CSV_ERROR')));
  });
  // Keep a rejection from surfacing as unhandled while we are still writing.
  finished.catch(() => {});
  const { text } = file;
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + CHUNK, text.length);
    // Never split a surrogate pair between two chunks.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    const ok = parser.write(text.slice(i, end));
    i = end;
    if (!ok) await Promise.race([new Promise<void>((resolve) => parser.once('drain', resolve)), finished]);
    await tick();
    if (parser.destroyed) break;
  }
  if (!parser.destroyed) parser.end();
  await finished;
  if (failure) throw failure;
  return count;
}

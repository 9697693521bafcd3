// Row rules for CSV imports: how the columns and cells that municipalities export from their
// existing systems (Danish Excel: "Fødselsdato", 04-03-2021, "ja") are read. Source: S1
// (organisation, staff, children and enrolments brought into Tidlig). Pure: no I/O, no clock.
import { parseCpr } from './cpr.ts';

/** Danish letters as ASCII, the way the column names and codes are spelled: æ → ae, ø → oe, å → aa. */
function asciiDanish(input: string): string {
  return input
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * A column name or code as people write it, in the canonical spelling:
 * 'Fødselsdato' → 'foedselsdato', 'Forælder1 CPR' → 'foraelder1_cpr', 'SSO-id' → 'sso_id',
 * 'Forebyggende enhed' → 'forebyggende_enhed', 'Plejeforælder' → 'plejeforaelder'.
 */
export function canonicalToken(raw: string): string {
  return asciiDanish(raw.trim())
    .replace(/[\s\-.]+/g, '_')
    .replace(/[^a-z0-9_]/g, '')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

export type HeaderCheck =
  | { ok: true; columns: string[] }
  | { ok: false; missing: string[]; unknown: string[]; duplicate: string[] };

/**
 * Match a header row against a kind's columns. Every required column must be there, optional
 * ones may be left out, and a column we do not know (or one named twice) is refused rather
 * than silently ignored: a misspelt "foedselsdato" must not become an empty birth date.
 */
export function checkHeader(header: readonly string[], required: readonly string[], optional: readonly string[]): HeaderCheck {
  const known = new Set([...required, ...optional]);
  const columns = header.map(canonicalToken);
  const seen = new Set<string>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  columns.forEach((c, i) => {
    if (c === '' && (header[i] ?? '').trim() === '' && i === columns.length - 1 && i > 0) return; // trailing delimiter
    if (!known.has(c)) unknown.push((header[i] ?? '').trim() || `(tom kolonne ${i + 1})`);
    else if (seen.has(c)) duplicate.push(c);
    seen.add(c);
  });
  const missing = required.filter((c) => !seen.has(c));
  if (missing.length || unknown.length || duplicate.length) return { ok: false, missing, unknown, duplicate };
  return { ok: true, columns };
}

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DANISH_DAY = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/;

/**
 * A calendar day as written in a Danish spreadsheet or in ISO form: '2021-03-04', '04-03-2021',
 * '4.3.2021', '04/03/2021' → '2021-03-04'. Null when the text is not a day that exists.
 */
export function parseDay(input: string): string | null {
  const s = input.trim();
  let y: string, m: string, d: string;
  const iso = ISO_DAY.exec(s);
  const dk = iso ? null : DANISH_DAY.exec(s);
  if (iso) [, y, m, d] = iso as unknown as [string, string, string, string];
  else if (dk) [, d, m, y] = dk as unknown as [string, string, string, string];
  else return null;
  const day = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? day : null;
}

/** The birth date must be the one the CPR number carries (DDMMYY; replacement and fictitious numbers decoded). */
export function birthDateFitsCpr(cpr: string, birthDate: string): boolean {
  const parts = parseCpr(cpr);
  if (!parts) return false;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  return parts.day === d && parts.month === m && parts.year === y % 100;
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1', 'x']);
const NO = new Set(['nej', 'n', 'no', 'false', '0']);

/** 'ja'/'nej' (and the usual spreadsheet spellings) → boolean; null when it is neither. */
export function parseYesNo(input: string): boolean | null {
  const v = input.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

/** 'Stue Blå | Stue Grøn|' → ['Stue Blå', 'Stue Grøn']: trimmed, empty parts dropped, each name once. */
export function splitList(input: string, separator = '|'): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const part of input.split(separator)) {
    const name = part.trim();
    const key = name.toLocaleLowerCase('da');
    if (name && !seen.has(key)) {
      seen.add(key);
      out.push(name);
    }
  }
  return out;
}

/** Names are matched exactly first, then ignoring case and surrounding spaces, if that is unambiguous. */
export function foldName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');
}

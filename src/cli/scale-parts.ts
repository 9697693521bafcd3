// Building blocks of the synthetic scale data (scale-data.ts): a seeded PRNG, deterministic
// UUIDs, calendar days as integers, and rows as COPY text.

/** One table's rows as COPY text (tab-separated, \N for null), in column order. */
export interface TableRows {
  table: string;
  columns: readonly string[];
  lines: string[];
}

// ── deterministic randomness and ids ───────────────────────────────────────────────────
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private a: number;
  constructor(seed: number, stream: string) {
    let h = 0x811c9dc5;
    for (let i = 0; i < stream.length; i += 1) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193);
    this.a = fmix32((seed ^ h) >>> 0);
  }
  /** mulberry32 */
  float(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.float() * xs.length)]!;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (n: number) => HEX[(n >>> 24) & 255]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
const hex16 = (n: number) => HEX[(n >>> 8) & 255]! + HEX[n & 255]!;

/**
 * v4-formatted UUIDs from (table tag, counter): the first 32 bits rise with the counter, so
 * bulk inserts land on the right edge of each primary-key index; the rest hash the seed and
 * the municipality, so ids differ between municipalities and seeds.
 */
export function scaleUuid(seed: number, municipality: number, tag: number, n: number): string {
  const w0 = ((tag << 24) | (n & 0xffffff)) >>> 0;
  const w1 = fmix32(w0 ^ fmix32(seed ^ Math.imul(municipality + 1, 0x9e3779b1)) ^ (n >>> 24));
  const w2 = fmix32(w1 + 0x9e3779b9);
  const w3 = fmix32(w2 ^ 0x7f4a7c15);
  return `${hex32(w0)}-${hex16(w1 >>> 16)}-${hex16(0x4000 | (w1 & 0x0fff))}-${hex16(0x8000 | ((w2 >>> 16) & 0x3fff))}-${hex16(w2)}${hex32(w3)}`;
}

export const TAG = {
  municipality: 0x10,
  district: 0x11,
  institution: 0x22,
  group: 0x33,
  user: 0x55,
  membership: 0x66,
  child: 0x77,
  holder: 0x88,
  custody: 0x99,
  enrolment: 0xaa,
  scale: 0xc1,
  scaleVersion: 0xc2,
  position: 0xc3,
  round: 0xc4,
  rating: 0xc5,
} as const;

// ── calendar days as integers (days since 1970-01-01) ──────────────────────────────────
export const MS_DAY = 86_400_000;
export const dayNum = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / MS_DAY;
export const ymd = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / MS_DAY;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const dayCache = new Map<number, string>();
export function dayStr(n: number): string {
  let s = dayCache.get(n);
  if (!s) dayCache.set(n, (s = new Date(n * MS_DAY).toISOString().slice(0, 10)));
  return s;
}
export const yearOf = (n: number) => new Date(n * MS_DAY).getUTCFullYear();
/** The day a person born on day b turns `years` (1 March for leap-day births in common years). */
export function birthday(b: number, years: number): number {
  const dt = new Date(b * MS_DAY);
  const y = dt.getUTCFullYear() + years;
  const m = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  return m === 2 && d === 29 && !isLeap(y) ? ymd(y, 3, 1) : ymd(y, m, d);
}
/** The same calendar day `months` earlier (clamped to the month's last day). */
export function monthsBefore(day: number, months: number): number {
  const dt = new Date(day * MS_DAY);
  const total = dt.getUTCFullYear() * 12 + dt.getUTCMonth() - months;
  const y = Math.floor(total / 12);
  const m = total % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(dt.getUTCDate(), last)) / MS_DAY;
}

// ── COPY text ──────────────────────────────────────────────────────────────────────────
export type Cell = string | number | boolean | null;
const NEEDS_ESCAPE = /[\\\t\n\r]/;
function cell(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}
export class Table implements TableRows {
  readonly lines: string[] = [];
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}
  add(...values: Cell[]): void {
    this.lines.push(values.map(cell).join('\t'));
  }
}

/** A name as a username part: 'Søren' → 'soeren'. */
export function ascii(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9.-]/g, '');
}

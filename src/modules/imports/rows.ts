// One zod schema per import kind, over the row's cells (canonical column names, raw strings).
// Messages are Danish and name the column; a cell's value is echoed only clipped and with
// anything CPR-like masked, and a CPR cell is never echoed at all.
import { z } from 'zod';
import { isValidCpr, maskSearchTerm, normaliseCpr } from '../../domain/cpr.ts';
import { birthDateFitsCpr, canonicalToken, parseDay, parseYesNo, splitList } from '../../domain/import-rows.ts';
import { INSTITUTION_TYPES, PROFESSIONS, ROLES } from '../../domain/roles.ts';
import { messageFor } from '../../errors.ts';
import { COLUMNS, type ImportKind } from './columns.ts';

/** A cell's value quoted for a message: clipped, CPR-like digits masked. */
export function show(value: string): string {
  // By code point, so an emoji is never cut in half.
  const chars = Array.from(maskSearchTerm(value.trim()));
  return `«${chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : chars.join('')}»`;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

function text(max = 200) {
  return z.string().transform((v, ctx) => {
    const s = v.trim().replace(/\s+/g, ' ');
    if (s === '') ctx.addIssue({ code: 'custom', message: 'skal udfyldes' });
    else if (s.length > max) ctx.addIssue({ code: 'custom', message: `må højst være ${max} tegn` });
    return s;
  });
}

/** A code from a fixed list, written as people write it: 'Børnehave' → 'boernehave'. */
function code<const T extends readonly string[]>(values: T, what: string) {
  return z.string().transform((v, ctx): T[number] => {
    const token = canonicalToken(v);
    if ((values as readonly string[]).includes(token)) return token;
    ctx.addIssue({
      code: 'custom',
      message: v.trim() === '' ? 'skal udfyldes' : `${show(v)} er ikke ${what}. Gyldige værdier: ${values.join(', ')}`,
    });
    return z.NEVER;
  });
}

const cprCell = z.string().transform((v, ctx) => {
  const s = v.trim();
  if (s === '') ctx.addIssue({ code: 'custom', message: 'skal udfyldes' });
  else if (/^\d{9}$/.test(s)) {
    ctx.addIssue({
      code: 'custom',
      message: 'ugyldigt CPR-nummer (9 cifre). Excel fjerner ofte et foranstillet 0 – formatér kolonnen som tekst',
    });
  } else if (!isValidCpr(s)) ctx.addIssue({ code: 'custom', message: 'ugyldigt CPR-nummer (10 cifre, evt. med bindestreg)' });
  else return normaliseCpr(s)!;
  return z.NEVER;
});

const dayCell = z.string().transform((v, ctx) => {
  const d = parseDay(v);
  if (d) return d;
  ctx.addIssue({
    code: 'custom',
    message: v.trim() === '' ? 'skal udfyldes' : `${show(v)} er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ)`,
  });
  return z.NEVER;
});

const yesNoCell = z.string().transform((v, ctx) => {
  const b = parseYesNo(v);
  if (b !== null) return b;
  ctx.addIssue({ code: 'custom', message: v.trim() === '' ? 'skal udfyldes (ja eller nej)' : `${show(v)} skal være ja eller nej` });
  return z.NEVER;
});

export const RELATIONS = ['mor', 'far', 'plejeforaelder', 'vaerge', 'anden'] as const;

const institutionRow = z.object({
  navn: text(),
  type: code(INSTITUTION_TYPES, 'en institutionstype'),
  distrikt: optional(text()),
  grupper: z.string().transform((v, ctx) => {
    const names = splitList(v);
    const long = names.find((n) => n.length > 200);
    if (long) ctx.addIssue({ code: 'custom', message: `gruppenavnet ${show(long)} er længere end 200 tegn` });
    if (names.length > 500) ctx.addIssue({ code: 'custom', message: 'højst 500 grupper pr. institution' });
    return names;
  }),
});

const staffRow = z.object({
  brugernavn: z.string().transform((v, ctx) => {
    const s = v.trim().toLowerCase();
    if (/^[a-z0-9._@-]{2,100}$/.test(s)) return s;
    ctx.addIssue({
      code: 'custom',
      message: s === '' ? 'skal udfyldes' : `${show(v)} er ikke et gyldigt brugernavn (2–100 tegn: a–z, 0–9 og . _ @ -)`,
    });
    return z.NEVER;
  }),
  navn: text(),
  email: optional(z.string().trim().max(200, { error: 'må højst være 200 tegn' }).pipe(z.email({ error: 'er ikke en gyldig e-mailadresse' }))),
  faggruppe: code(PROFESSIONS, 'en faggruppe'),
  rolle: code(ROLES, 'en rolle'),
  enhed: text(420),
  sso_id: optional(text()),
  fra: optional(dayCell),
});

const parentFields = ['cpr', 'fornavn', 'efternavn', 'relation', 'myndighed'] as const;

const childRow = z
  .object({
    cpr: cprCell,
    fornavn: text(),
    efternavn: text(),
    foedselsdato: dayCell,
    foraelder1_cpr: cprCell,
    foraelder1_fornavn: text(),
    foraelder1_efternavn: text(),
    foraelder1_relation: code(RELATIONS, 'en relation'),
    foraelder1_myndighed: yesNoCell,
    foraelder2_cpr: optional(cprCell),
    foraelder2_fornavn: optional(text()),
    foraelder2_efternavn: optional(text()),
    foraelder2_relation: optional(code(RELATIONS, 'en relation')),
    foraelder2_myndighed: optional(yesNoCell),
  })
  .superRefine((r, ctx) => {
    if (!birthDateFitsCpr(r.cpr, r.foedselsdato)) ctx.addIssue({ code: 'custom', path: ['foedselsdato'], message: 'passer ikke med datoen i CPR-nummeret' });
    const second = parentFields.map((f) => r[`foraelder2_${f}`]);
    if (second.some((v) => v !== undefined)) {
      parentFields.forEach((f, i) => {
        if (second[i] === undefined) ctx.addIssue({ code: 'custom', path: [`foraelder2_${f}`], message: 'skal udfyldes, når forælder 2 er angivet' });
      });
    }
    if (r.foraelder1_cpr === r.cpr) ctx.addIssue({ code: 'custom', path: ['foraelder1_cpr'], message: 'er det samme som barnets CPR-nummer' });
    if (r.foraelder2_cpr === r.cpr) ctx.addIssue({ code: 'custom', path: ['foraelder2_cpr'], message: 'er det samme som barnets CPR-nummer' });
    if (r.foraelder2_cpr !== undefined && r.foraelder2_cpr === r.foraelder1_cpr) {
      ctx.addIssue({ code: 'custom', path: ['foraelder2_cpr'], message: 'er det samme som forælder 1' });
    }
  });
const enrolmentRow = z
  .object({
    cpr: cprCell,
    institution: text(),
    gruppe: optional(text()),
    fra: dayCell,
    til: optional(dayCell),
  })
  .superRefine((r, ctx) => {
    if (r.til !== undefined && r.til < r.fra) ctx.addIssue({ code: 'custom', path: ['til'], message: messageFor('period.invalid') });
  });

export const ROW_SCHEMAS = {
  institutions: institutionRow,
  staff: staffRow,
  children: childRow,
  enrolments: enrolmentRow,
} as const;

export type RowOf<K extends ImportKind> = z.output<(typeof ROW_SCHEMAS)[K]>;

export type ReadRow<K extends ImportKind> = { ok: true; value: RowOf<K> } | { ok: false; messages: string[] };

/**
 * Cells → a typed row, or the row's messages ("type: «Børnhave» er ikke en institutionstype …").
 * Missing optional columns read as empty cells; extra non-empty cells are an error (usually a
 * delimiter inside an unquoted value).
 */
export function readRow<K extends ImportKind>(kind: K, columns: readonly string[], values: readonly string[]): ReadRow<K> {
  const spec = COLUMNS[kind];
  const cells: Record<string, string> = {};
  for (const c of [...spec.required, ...spec.optional]) cells[c] = '';
  columns.forEach((c, i) => {
    if (c) cells[c] = values[i] ?? '';
  });
  const messages: string[] = [];
  const extra = values.slice(columns.length).filter((v) => v.trim() !== '');
  if (extra.length) {
    messages.push(
      `Linjen har ${values.length} felter, men overskriften har ${columns.length}. Står der et skilletegn i en værdi uden anførselstegn?`,
    );
  }
  const parsed = ROW_SCHEMAS[kind].safeParse(cells);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) messages.push(`${String(issue.path[0] ?? '')}: ${issue.message}`);
  }
  if (messages.length || !parsed.success) return { ok: false, messages };
  return { ok: true, value: parsed.data as RowOf<K> };
}

// Samarbejdsguide entries (domain.md S3; seed 003 Hedensted: "samle faglig viden,
// handlevejledninger, beskrivelser af samarbejdsrum og faggrupper", seed 002 Egedal/Aalborg).
// Four kinds, each with its own structured fields; content lives in immutable versions, so an
// edit is a new version and a restore is a new version carrying old content.

export const GUIDE_KINDS = ['samarbejdsrum', 'faggruppe', 'retningslinje', 'moedevaerktoej'] as const;
export type GuideKind = (typeof GUIDE_KINDS)[number];

/**
 * The structured fields of each kind, in display order (all optional text):
 *  - samarbejdsrum: a meeting type — its purpose, who takes part, when to use it, how it runs;
 *  - faggruppe: a professional group — what it offers, for whom, how to reach it;
 *  - retningslinje: an action guideline — when it applies, its legal basis;
 *  - moedevaerktoej: a meeting tool — what it is for, how to use it.
 */
export const KIND_FIELDS = {
  samarbejdsrum: ['purpose', 'participants', 'whenToUse', 'how'],
  faggruppe: ['offers', 'targetGroup', 'contact'],
  retningslinje: ['appliesWhen', 'legalBasis'],
  moedevaerktoej: ['purpose', 'how'],
} as const satisfies Record<GuideKind, readonly string[]>;

export const LIMITS = {
  title: 200,
  summary: 600,
  body: 20_000,
  field: 4_000,
  changeNote: 300,
} as const;

export type EntryFields = Record<string, string>;

export interface EntryContent {
  title: string;
  summary: string;
  body: string;
  fields: EntryFields;
}

export interface FieldProblem {
  path: string;
  message: string;
}

export function isGuideKind(value: string): value is GuideKind {
  return (GUIDE_KINDS as readonly string[]).includes(value);
}

/** Field names the kind allows, for checks and for the order fields are shown in. */
export function fieldsOf(kind: GuideKind): readonly string[] {
  return KIND_FIELDS[kind];
}

/** Unknown or too long fields for the kind, with their path under `fields`. */
export function fieldProblems(kind: GuideKind, fields: Readonly<Record<string, unknown>>): FieldProblem[] {
  const allowed = new Set(fieldsOf(kind));
  const out: FieldProblem[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (!allowed.has(key)) out.push({ path: `fields.${key}`, message: `Feltet findes ikke for denne type (tilladt: ${[...allowed].join(', ')})` });
    else if (typeof value !== 'string') out.push({ path: `fields.${key}`, message: 'Feltet skal være tekst' });
    else if (value.trim().length > LIMITS.field) out.push({ path: `fields.${key}`, message: `Højst ${LIMITS.field} tegn` });
  }
  return out;
}

/** Trimmed, empty fields dropped, keys in the kind's order: equal content compares equal. */
export function normaliseFields(kind: GuideKind, fields: Readonly<Record<string, string>>): EntryFields {
  const out: EntryFields = {};
  for (const key of fieldsOf(kind)) {
    const v = fields[key]?.trim();
    if (v) out[key] = v;
  }
  return out;
}

export function normaliseContent(kind: GuideKind, c: EntryContent): EntryContent {
  return { title: c.title.trim(), summary: c.summary.trim(), body: normaliseBody(c.body), fields: normaliseFields(kind, c.fields) };
}

/** Line endings unified and trailing spaces dropped: a re-saved text is not a "change". */
export function normaliseBody(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .trim();
}

export function sameEntryContent(a: EntryContent, b: EntryContent): boolean {
  if (a.title !== b.title || a.summary !== b.summary || a.body !== b.body) return false;
  const ak = Object.keys(a.fields);
  const bk = Object.keys(b.fields);
  return ak.length === bk.length && ak.every((k) => a.fields[k] === b.fields[k]);
}

/** The change note a restore gets when the editor writes none. */
export function restoreNote(number: number): string {
  return `Gendannet fra version ${number}`;
}

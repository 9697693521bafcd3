// The four import kinds and their Danish columns, in the order the templates show them.
// Names are matched after canonicalToken(): 'Fødselsdato' and 'foedselsdato' are the same column.
import { fictitiousCpr } from '../../domain/cpr.ts';
import { checkHeader } from '../../domain/import-rows.ts';
import { AppError } from '../../errors.ts';

export const IMPORT_KINDS = ['institutions', 'staff', 'children', 'enrolments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Rows per file (and the body limit of 5 MB) keep one run inside one sensible transaction. */
export const MAX_ROWS = 20_000;

const parent = (n: 1 | 2) =>
  [`foraelder${n}_cpr`, `foraelder${n}_fornavn`, `foraelder${n}_efternavn`, `foraelder${n}_relation`, `foraelder${n}_myndighed`] as const;

interface KindColumns {
  required: readonly string[];
  optional: readonly string[];
  /** One example row for the template, in column order (required, then optional). */
  example: readonly string[];
}

const childCpr = fictitiousCpr('2021-03-04', 1234);
const motherCpr = fictitiousCpr('1990-05-06', 2346);
const fatherCpr = fictitiousCpr('1988-11-12', 3457);

export const COLUMNS: Record<ImportKind, KindColumns> = {
  institutions: {
    required: ['navn', 'type'],
    optional: ['distrikt', 'grupper'],
    example: ['Børnehuset Mælkebøtten', 'boernehave', 'Nord', 'Stue Blå|Stue Grøn'],
  },
  staff: {
    required: ['brugernavn', 'navn', 'faggruppe', 'rolle', 'enhed'],
    optional: ['email', 'sso_id', 'fra'],
    example: ['anne.hansen', 'Anne Hansen', 'paedagog', 'fagperson', 'Børnehuset Mælkebøtten/Stue Blå', 'anne.hansen@kommune.dk', 'anne.hansen@kommune.dk', '2025-08-01'],
  },
  children: {
    required: ['cpr', 'fornavn', 'efternavn', 'foedselsdato', ...parent(1)],
    optional: [...parent(2)],
    example: [childCpr, 'Alma', 'Jensen', '2021-03-04', motherCpr, 'Mette', 'Jensen', 'mor', 'ja', fatherCpr, 'Lars', 'Jensen', 'far', 'ja'],
  },
  enrolments: {
    required: ['cpr', 'institution', 'fra'],
    optional: ['gruppe', 'til'],
    example: [childCpr, 'Børnehuset Mælkebøtten', '2024-08-01', 'Stue Blå', ''],
  },
};

/** Map the header row to canonical column names, or answer 422 naming what is missing and unknown. */
export function resolveHeader(kind: ImportKind, header: readonly string[]): string[] {
  const spec = COLUMNS[kind];
  const check = checkHeader(header, spec.required, spec.optional);
  if (check.ok) return check.columns;
  const parts: string[] = [];
  if (check.missing.length) parts.push(`Mangler kolonne${check.missing.length > 1 ? 'rne' : 'n'}: ${check.missing.join(', ')}.`);
  if (check.unknown.length) parts.push(`Ukendt${check.unknown.length > 1 ? 'e kolonner' : ' kolonne'}: ${check.unknown.map(clip).join(', ')}.`);
  if (check.duplicate.length) parts.push(`Står flere gange: ${check.duplicate.join(', ')}.`);
  parts.push(`Forventet: ${[...spec.required, ...spec.optional].join(';')}`);
  throw new AppError('import.headers', 422, {
    missing: check.missing,
    unknown: check.unknown.map(clip),
    duplicate: check.duplicate,
    expected: [...spec.required, ...spec.optional],
    optional: spec.optional,
    message: parts.join(' '),
  });
}

/** Echo at most 40 characters of what the file said, never something that looks like a CPR number. */
function clip(s: string): string {
  const masked = s.replace(/\d{6}-?\d{1,4}|\d{7,10}/g, (m) => `${m.slice(0, 6)}-xxxx`);
  return masked.length > 40 ? `${masked.slice(0, 39)}…` : masked;
}

function csvField(v: string): string {
  return /[;"\n,]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Header and one example row, ';'-separated with a BOM so Danish Excel opens æøå correctly. */
export function template(kind: ImportKind): string {
  const spec = COLUMNS[kind];
  const header = [...spec.required, ...spec.optional];
  return `\uFEFF${header.join(';')}\r\n${spec.example.map(csvField).join(';')}\r\n`;
}

import { z } from 'zod';
import { maskSearchTerm } from '../../domain/cpr.ts';
import { uuid } from '../shared/schema.ts';
import { IMPORT_KINDS } from './columns.ts';

export const importKind = z.enum(IMPORT_KINDS);

/** The file travels as text in JSON; the body limit (5 MB) bounds it. */
export const importStart = z
  .object({
    kind: importKind,
    // Shown in the list of runs: a CPR-like part of a file name is masked like a search term.
    fileName: z
      .string()
      .trim()
      .max(255)
      .nullable()
      .default(null)
      .transform((v) => (v ? maskSearchTerm(v) : null)),
    csv: z.string(),
    dryRun: z.boolean().default(false),
  })
  .strict();

export const importParams = z.object({ id: uuid }).strict();
export const templateParams = z.object({ kind: importKind }).strict();

export const importsQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export const importAccepted = z.object({ id: uuid });

const progress = z
  .object({
    phase: z.enum(['parsing', 'validating', 'applying', 'done']),
    processed: z.number().int(),
    total: z.number().int(),
  })
  .nullable();

export const reportRow = z.object({
  row: z.number().int().describe('Linjenummer i filen (overskriften er linje 1; 0 = filen som helhed)'),
  status: z.enum(['ok', 'error']),
  messages: z.array(z.string()),
  created: z.array(z.string()),
});

export const importSummary = z.object({
  id: uuid,
  kind: importKind,
  fileName: z.string().nullable(),
  status: z.enum(['running', 'applied', 'rejected', 'validated', 'failed']),
  rowsTotal: z.number().int(),
  rowsOk: z.number().int(),
  rowsFailed: z.number().int(),
  progress,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const importDetail = importSummary.extend({ report: z.array(reportRow) });

export const importsPage = z.object({
  items: z.array(importSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

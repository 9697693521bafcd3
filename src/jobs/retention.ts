// Job: retention (docs/adr/0006). Each night, per municipality and in its own transaction:
// deletion and anonymisation per the municipality's retention settings, one run row and one
// audit row per kind with counts. One municipality failing does not hold back the others; the
// next night (or a DPO's "run now") picks up what is due, since the rules are by date.
import type { DataContext } from '../access/scope.ts';
import { runForMunicipality } from '../modules/retention/service.ts';

export const RETENTION = 'retention';

export interface RetentionJobResult {
  municipalities: number;
  failed: number;
  totals: Record<string, number>;
}

export async function runRetentionJob(ctx: DataContext, opts: { onError?: (municipalityId: string, err: unknown) => void } = {}): Promise<RetentionJobResult> {
  const municipalities = await ctx.db.kysely.selectFrom('municipalities').select('id').orderBy('id').execute();
  const totals: Record<string, number> = {};
  let failed = 0;
  for (const m of municipalities) {
    try {
      const run = await runForMunicipality(ctx, m.id);
      for (const [k, v] of Object.entries(run.counts)) totals[k] = (totals[k] ?? 0) + v;
    } catch (err) {
      failed += 1;
      opts.onError?.(m.id, err);
    }
  }
  if (failed > 0 && !opts.onError) throw new Error(`retention failed for ${failed} of ${municipalities.length} municipalities`);
  return { municipalities: municipalities.length, failed, totals };
}

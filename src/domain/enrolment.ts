// Enrolment tracks (S1, S2 "overgange"): a child is in at most one institution per track at a
// time — one daycare, one school, one SFO, one klub, one health-visiting — and a new
// enrolment in the same track closes the previous one the day before it starts.
import { addDays } from './calendar.ts';
import type { InstitutionType } from './roles.ts';

export type Track = 'sundhedspleje' | 'dagtilbud' | 'skole' | 'sfo' | 'klub' | 'other';

export function trackOf(type: string): Track {
  switch (type as InstitutionType) {
    case 'sundhedspleje':
      return 'sundhedspleje';
    case 'dagpleje':
    case 'vuggestue':
    case 'boernehave':
    case 'integreret':
      return 'dagtilbud';
    case 'skole':
      return 'skole';
    case 'sfo':
      return 'sfo';
    case 'klub':
      return 'klub';
    default:
      return 'other';
  }
}

export interface Period {
  validFrom: string;
  validTo: string | null;
}

export function overlaps(a: Period, b: Period): boolean {
  const aEnd = a.validTo ?? '9999-12-31';
  const bEnd = b.validTo ?? '9999-12-31';
  return a.validFrom <= bEnd && b.validFrom <= aEnd;
}

/**
 * Plan a transition: which open enrolments in the same track end, and on which day.
 * An open enrolment that started on or after the new start cannot be closed before it: conflict.
 */
export function planTransition<T extends Period & { id: string; track: Track }>(
  existing: readonly T[],
  next: Period & { track: Track },
): { close: { id: string; validTo: string }[]; conflicts: string[] } {
  const close: { id: string; validTo: string }[] = [];
  const conflicts: string[] = [];
  for (const e of existing) {
    if (e.track !== next.track || next.track === 'other' || !overlaps(e, next)) continue;
    if (e.validFrom < next.validFrom && e.validTo === null) close.push({ id: e.id, validTo: addDays(next.validFrom, -1) });
    else conflicts.push(e.id);
  }
  return { close, conflicts };
}

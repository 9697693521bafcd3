// Screening rows as the API shows them: never a raw row.
import type { Row } from '../../db/types.ts';
import { roundPhase } from '../../domain/screening-round.ts';

export function presentPosition(p: Row<'screeningPositions'>) {
  return { id: p.id, ordinal: p.ordinal, label: p.label, colour: p.colour, meaning: p.meaning, isConcern: p.isConcern };
}

export function presentRound(r: Row<'screeningRounds'>, today: string) {
  return {
    id: r.id,
    name: r.name,
    institutionTypes: r.institutionTypes,
    scaleVersionId: r.scaleVersionId,
    opensOn: r.opensOn,
    closesOn: r.closesOn,
    jointRatingRequired: r.jointRatingRequired,
    phase: roundPhase(r, today),
    version: r.version,
  };
}

export function presentScale(
  s: Row<'screeningScales'>,
  versions: Row<'screeningScaleVersions'>[],
  positions: Row<'screeningPositions'>[],
) {
  return {
    id: s.id,
    name: s.name,
    template: s.template,
    version: s.version,
    versions: versions
      .filter((v) => v.scaleId === s.id)
      .map((v) => ({ id: v.id, number: v.number, positions: positions.filter((p) => p.scaleVersionId === v.id).map(presentPosition) })),
  };
}

export const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

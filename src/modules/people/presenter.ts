// Children as the API shows them: CPR masked, age computed for today, placements named.
import { ageOn, coversDay } from '../../domain/calendar.ts';
import { maskCpr } from '../../domain/cpr.ts';
import type { Row } from '../../db/types.ts';
import type { placementsOf } from './repo.ts';

type PlacementRow = Awaited<ReturnType<typeof placementsOf>>[number];

export function presentPlacement(p: PlacementRow, today: string) {
  return {
    enrolmentId: p.enrolmentId,
    institutionId: p.institutionId,
    institutionName: p.institutionName,
    institutionType: p.institutionType,
    groupId: p.groupId,
    groupName: p.groupName,
    validFrom: p.validFrom,
    validTo: p.validTo,
    current: coversDay(p, today),
  };
}

export function presentChildSummary(c: Row<'children'>, placements: PlacementRow[], today: string) {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    cprMasked: maskCpr(c.cpr),
    birthDate: c.birthDate,
    age: ageOn(c.birthDate, today),
    placements: placements.filter((p) => p.childId === c.id).map((p) => presentPlacement(p, today)),
  };
}

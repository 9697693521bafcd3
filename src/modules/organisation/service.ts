// Organisation use cases (S1): the municipality's districts, institutions, groups and teams.
// Reading the structure needs org.read; changing it needs org.manage. Unit names carry no
// personal data, so reads are not audited; every change is.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../access/actor.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import { uniqueOr409, updateVersioned } from '../shared/versioned.ts';
import * as repo from './repo.ts';
import type { z } from 'zod';
import type * as s from './schema.ts';

export async function orgTree(ctx: AppContext, actor: Actor) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read');
    const [districts, institutions, groups, teams, counts, members] = [
      await repo.listDistricts(scope),
      await repo.listInstitutions(scope),
      await repo.listGroups(scope),
      await repo.listTeams(scope),
      await repo.enrolmentCounts(scope),
      await repo.teamMemberCounts(scope),
    ];
    const groupsOf = (institutionId: string) =>
      groups
        .filter((g) => g.institutionId === institutionId)
        .map((g) => ({ id: g.id, name: g.name, version: g.version, archived: g.archivedAt !== null, institutionId, childCount: counts.byGroup.get(g.id) ?? 0 }));
    const inst = (i: (typeof institutions)[number]) => ({
      id: i.id,
      name: i.name,
      version: i.version,
      archived: i.archivedAt !== null,
      type: i.type,
      districtId: i.districtId,
      groups: groupsOf(i.id),
      childCount: counts.byInstitution.get(i.id) ?? 0,
    });
    return {
      districts: districts.map((d) => ({
        id: d.id,
        name: d.name,
        version: d.version,
        archived: d.archivedAt !== null,
        institutions: institutions.filter((i) => i.districtId === d.id).map(inst),
      })),
      unassigned: institutions.filter((i) => i.districtId === null).map(inst),
      teams: teams.map((t) => ({
        id: t.id,
        name: t.name,
        version: t.version,
        archived: t.archivedAt !== null,
        kind: t.kind,
        districtId: t.districtId,
        institutionId: t.institutionId,
        memberCount: members.get(t.id) ?? 0,
      })),
    };
  });
}

async function ensureUnit(scope: Scope, kind: 'district' | 'institution', id: string | null | undefined) {
  if (id && !(await repo.unitExists(scope, kind, id))) throw new AppError(`${kind}.not_found`, 404);
}

function manage<T>(ctx: AppContext, actor: Actor, fn: (scope: Scope) => Promise<T>) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.manage');
    return fn(scope);
  });
}

type UnitTable = 'districts' | 'institutions' | 'groups' | 'teams';
const RESOURCE: Record<UnitTable, { type: string; notFound: ErrorCode }> = {
  districts: { type: 'district', notFound: 'district.not_found' },
  institutions: { type: 'institution', notFound: 'institution.not_found' },
  groups: { type: 'group', notFound: 'group.not_found' },
  teams: { type: 'team', notFound: 'team.not_found' },
};

/** Insert a unit (names are unique per municipality → 409) and audit it. */
async function insertUnit(scope: Scope, table: UnitTable, values: Record<string, unknown>) {
  const id = randomUUID();
  await uniqueOr409(
    () => scope.trx.insertInto(table).values({ municipalityId: scope.municipalityId, id, archivedAt: null, ...values } as never).execute(),
    'name.taken',
  );
  scope.audit({ action: 'create', resourceType: RESOURCE[table].type, resourceId: id });
  return { id, version: 1 };
}

/** Versioned change of a unit's fields (and archiving), audited with the field names. */
async function updateUnit(
  scope: Scope,
  table: UnitTable,
  id: string,
  version: number,
  input: Record<string, unknown> & { archived?: boolean },
  fields: readonly string[],
) {
  const changes: Record<string, unknown> = {};
  for (const f of fields) if (input[f] !== undefined) changes[f] = input[f];
  if (input.archived !== undefined) changes.archivedAt = input.archived ? scope.now : null;
  await uniqueOr409(() => updateVersioned(scope, table, id, version, changes, RESOURCE[table].notFound), 'name.taken');
  scope.audit({ action: 'update', resourceType: RESOURCE[table].type, resourceId: id, details: { fields: Object.keys(input) } });
  return { id, version: version + 1 };
}

export function createDistrict(ctx: AppContext, actor: Actor, input: z.infer<typeof s.districtCreate>) {
  return manage(ctx, actor, (scope) => insertUnit(scope, 'districts', { name: input.name }));
}

export function updateDistrict(ctx: AppContext, actor: Actor, id: string, version: number, input: z.infer<typeof s.districtUpdate>) {
  return manage(ctx, actor, (scope) => updateUnit(scope, 'districts', id, version, input, ['name']));
}

export function createInstitution(ctx: AppContext, actor: Actor, input: z.infer<typeof s.institutionCreate>) {
  return manage(ctx, actor, async (scope) => {
    await ensureUnit(scope, 'district', input.districtId);
    return insertUnit(scope, 'institutions', { name: input.name, type: input.type, districtId: input.districtId, externalRef: null });
  });
}

export function updateInstitution(ctx: AppContext, actor: Actor, id: string, version: number, input: z.infer<typeof s.institutionUpdate>) {
  return manage(ctx, actor, async (scope) => {
    await ensureUnit(scope, 'district', input.districtId);
    return updateUnit(scope, 'institutions', id, version, input, ['name', 'type', 'districtId']);
  });
}

export function createGroup(ctx: AppContext, actor: Actor, input: z.infer<typeof s.groupCreate>) {
  return manage(ctx, actor, async (scope) => {
    await ensureUnit(scope, 'institution', input.institutionId);
    return insertUnit(scope, 'groups', { institutionId: input.institutionId, name: input.name });
  });
}

export function updateGroup(ctx: AppContext, actor: Actor, id: string, version: number, input: z.infer<typeof s.groupUpdate>) {
  return manage(ctx, actor, (scope) => updateUnit(scope, 'groups', id, version, input, ['name']));
}

export function createTeam(ctx: AppContext, actor: Actor, input: z.infer<typeof s.teamCreate>) {
  return manage(ctx, actor, async (scope) => {
    await ensureUnit(scope, 'district', input.districtId);
    await ensureUnit(scope, 'institution', input.institutionId);
    return insertUnit(scope, 'teams', { name: input.name, kind: input.kind, districtId: input.districtId, institutionId: input.institutionId });
  });
}

export function updateTeam(ctx: AppContext, actor: Actor, id: string, version: number, input: z.infer<typeof s.teamUpdate>) {
  return manage(ctx, actor, async (scope) => {
    await ensureUnit(scope, 'district', input.districtId);
    await ensureUnit(scope, 'institution', input.institutionId);
    return updateUnit(scope, 'teams', id, version, input, ['name', 'districtId', 'institutionId']);
  });
}

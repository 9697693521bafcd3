// Organisation use cases (S1): the municipality's districts, institutions, groups and teams.
// Reading the structure needs org.read; changing it needs org.manage. Unit names carry no
// personal data, so reads are not audited; every change is.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../access/actor.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import { AppError } from '../../errors.ts';
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

const archivedAt = (scope: Scope, archived: boolean | undefined) =>
  archived === undefined ? {} : { archivedAt: archived ? scope.now : null };

function manage<T>(ctx: AppContext, actor: Actor, fn: (scope: Scope) => Promise<T>) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.manage');
    return fn(scope);
  });
}

export function createDistrict(ctx: AppContext, actor: Actor, input: z.infer<typeof s.districtCreate>) {
  return manage(ctx, actor, async (scope) => {
    const id = randomUUID();
    await uniqueOr409(
      () => scope.trx.insertInto('districts').values({ municipalityId: scope.municipalityId, id, name: input.name, archivedAt: null }).execute(),
      'name.taken',
    );
    scope.audit({ action: 'create', resourceType: 'district', resourceId: id });
    return { id, version: 1 };
  });
}

export function updateDistrict(ctx: AppContext, actor: Actor, id: string, version: number, input: z.infer<typeof s.districtUpdate>) {
  return manage(ctx, actor, async (scope) => {
    await uniqueOr409(
      () => updateVersioned(scope, 'districts', id, version, { ...pick(input, ['name']), ...archivedAt(scope, input.archived) }, 'district.not_found'),
      'name.taken',
    );
    scope.audit({ action: 'update', resourceType: 'district', resourceId: id, details: { fields: Object.keys(input) } });
    return { id, version: version + 1 };
  });
}

export function createInstitution(ctx: AppContext, actor: Actor, input: z.infer<typeof s.institutionCreate>) {
  return manage(ctx, actor, async (scope) => {
    await ensureUnit(scope, 'district', input.districtId);
    const id = randomUUID();
    await uniqueOr409(
      () =>
        scope.trx
          .insertInto('institutions')
          .values({ municipalityId: scope.municipalityId, id, name: input.name, type: input.type, districtId: input.districtId, externalRef: null, archivedAt: null })
          .execute(),
      'name.taken',
    );
    scope.audit({ action: 'create', resourceType: 'institution', resourceId: id });
    return { id, version: 1 };
  });
}

export function updateInstitution(ctx: AppContext, actor: Actor, id: string, version: number, input: z.infer<typeof s.institutionUpdate>) {
  return manage(ctx, actor, async (scope) => {
    await ensureUnit(scope, 'district', input.districtId);
    await uniqueOr409(
      () =>
        updateVersioned(
          scope,
          'institutions',
          id,
          version,
          { ...pick(input, ['name', 'type', 'districtId']), ...archivedAt(scope, input.archived) },
          'institution.not_found',
        ),
      'name.taken',
    );
    scope.audit({ action: 'update', resourceType: 'institution', resourceId: id, details: { fields: Object.keys(input) } });
    return { id, version: version + 1 };
  });
}

export function createGroup(ctx: AppContext, actor: Actor, input: z.infer<typeof s.groupCreate>) {
  return manage(ctx, actor, async (scope) => {
    await ensureUnit(scope, 'institution', input.institutionId);
    const id = randomUUID();
    await uniqueOr409(
      () =>
        scope.trx
          .insertInto('groups')
          .values({ municipalityId: scope.municipalityId, id, institutionId: input.institutionId, name: input.name, archivedAt: null })
          .execute(),
      'name.taken',
    );
    scope.audit({ action: 'create', resourceType: 'group', resourceId: id });
    return { id, version: 1 };
  });
}

export function updateGroup(ctx: AppContext, actor: Actor, id: string, version: number, input: z.infer<typeof s.groupUpdate>) {
  return manage(ctx, actor, async (scope) => {
    await uniqueOr409(
      () => updateVersioned(scope, 'groups', id, version, { ...pick(input, ['name']), ...archivedAt(scope, input.archived) }, 'group.not_found'),
      'name.taken',
    );
    scope.audit({ action: 'update', resourceType: 'group', resourceId: id, details: { fields: Object.keys(input) } });
    return { id, version: version + 1 };
  });
}

export function createTeam(ctx: AppContext, actor: Actor, input: z.infer<typeof s.teamCreate>) {
  return manage(ctx, actor, async (scope) => {
    await ensureUnit(scope, 'district', input.districtId);
    await ensureUnit(scope, 'institution', input.institutionId);
    const id = randomUUID();
    await uniqueOr409(
      () =>
        scope.trx
          .insertInto('teams')
          .values({ municipalityId: scope.municipalityId, id, name: input.name, kind: input.kind, districtId: input.districtId, institutionId: input.institutionId, archivedAt: null })
          .execute(),
      'name.taken',
    );
    scope.audit({ action: 'create', resourceType: 'team', resourceId: id });
    return { id, version: 1 };
  });
}

export function updateTeam(ctx: AppContext, actor: Actor, id: string, version: number, input: z.infer<typeof s.teamUpdate>) {
  return manage(ctx, actor, async (scope) => {
    await ensureUnit(scope, 'district', input.districtId);
    await ensureUnit(scope, 'institution', input.institutionId);
    await uniqueOr409(
      () =>
        updateVersioned(
          scope,
          'teams',
          id,
          version,
          { ...pick(input, ['name', 'districtId', 'institutionId']), ...archivedAt(scope, input.archived) },
          'team.not_found',
        ),
      'name.taken',
    );
    scope.audit({ action: 'update', resourceType: 'team', resourceId: id, details: { fields: Object.keys(input) } });
    return { id, version: version + 1 };
  });
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

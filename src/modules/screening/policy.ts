// Who may do what in screening (S2, S14). Pure: (actor, unit) → allowed. The service asks
// these before it reads or writes; the child filter (scope.childAccess) applies on top.
//
// A permission says what kind of work the actor does; a current role in the unit says where:
//   - `screening.rate` + fagperson in the group, or in the group's institution: rates the group;
//   - `screening.lead` + leder of the institution: sees and rates every group, also late after close;
//   - `screening.progress`: counts for the institution's leader, the district's facilitator or
//     leader, and (with `screening.manage`) the municipality administrator;
//   - `screening.manage`: scales and rounds.
import type { Actor, ActorMembership } from '../../access/actor.ts';

export interface GroupUnit {
  id: string;
  institutionId: string;
}

export interface InstitutionUnit {
  id: string;
  districtId: string | null;
}

export type GroupRelation = 'leader' | 'professional';

type PolicyActor = Pick<Actor, 'memberships' | 'permissions'>;

const holds = (m: ActorMembership, role: ActorMembership['role'], kind: ActorMembership['unitKind'], id: string) =>
  m.role === role && m.unitKind === kind && m.unitId === id;

/** The actor's relation to a group: leader of its institution, a professional in it, or none. */
export function relationToGroup(actor: PolicyActor, group: GroupUnit): GroupRelation | null {
  if (!actor.permissions.has('screening.rate')) return null;
  if (actor.permissions.has('screening.lead') && actor.memberships.some((m) => holds(m, 'leder', 'institution', group.institutionId))) return 'leader';
  if (actor.memberships.some((m) => holds(m, 'fagperson', 'group', group.id) || holds(m, 'fagperson', 'institution', group.institutionId))) {
    return 'professional';
  }
  return null;
}

export const mayManage = (actor: PolicyActor) => actor.permissions.has('screening.manage');

/** Open the group's list of children with their positions (and rate it, within the window rules). */
export const mayRateGroup = (actor: PolicyActor, group: GroupUnit) => relationToGroup(actor, group) !== null;

/** Rate after the round has closed: only the institution's leader. */
export const mayRateLate = (actor: PolicyActor, group: GroupUnit) => relationToGroup(actor, group) === 'leader';

/** Progress (rated / total per group): counts only, no child is named. */
export function mayViewProgress(actor: PolicyActor, institution: InstitutionUnit): boolean {
  if (!actor.permissions.has('screening.progress')) return false;
  if (mayManage(actor)) return true;
  return actor.memberships.some(
    (m) =>
      holds(m, 'leder', 'institution', institution.id) ||
      (institution.districtId !== null && (holds(m, 'distriktsfacilitator', 'district', institution.districtId) || holds(m, 'leder', 'district', institution.districtId))),
  );
}

/** A child's screening history: anyone who works with children; the child must be theirs (checked by the scope). */
export const mayViewChildHistory = (actor: PolicyActor) => actor.permissions.has('children.list');

/**
 * Notes are working notes. Another rater's note is not shown on the group list (the position is
 * the data); in a child's history a note is shown to its author and to whoever now holds a
 * role in the group or institution where it was written, never across institutions.
 */
export function mayReadNote(actor: PolicyActor & Pick<Actor, 'userId'>, rating: { raterUserId: string; groupId: string; institutionId: string }): boolean {
  if (rating.raterUserId === actor.userId) return true;
  return actor.memberships.some(
    (m) => (m.role === 'fagperson' || m.role === 'leder') && ((m.unitKind === 'group' && m.unitId === rating.groupId) || (m.unitKind === 'institution' && m.unitId === rating.institutionId)),
  );
}

// Who is acting. Built once per request from the session; rights come from roles held now.
import { permissionsOf, type Permission, type Role } from '../domain/roles.ts';

export interface ActorMembership {
  role: Role;
  unitKind: 'municipality' | 'district' | 'institution' | 'group' | 'team';
  unitId: string;
}

export interface Actor {
  kind: 'staff' | 'citizen' | 'system' | 'anonymous';
  municipalityId: string;
  userId: string | null;
  displayName: string | null;
  memberships: ActorMembership[];
  permissions: Set<Permission>;
  sessionId: string | null;
  requestId: string | null;
  /** For system actors: why the job touches data (audited). */
  reason?: string;
}

export function staffActor(args: {
  municipalityId: string;
  userId: string;
  displayName: string;
  memberships: ActorMembership[];
  sessionId?: string | null;
  requestId?: string | null;
}): Actor {
  return {
    kind: 'staff',
    municipalityId: args.municipalityId,
    userId: args.userId,
    displayName: args.displayName,
    memberships: args.memberships,
    permissions: permissionsOf(args.memberships.map((m) => m.role)),
    sessionId: args.sessionId ?? null,
    requestId: args.requestId ?? null,
  };
}

/** A custody holder logged in to the parents' portal (userId is the custody holder's id). */
export function citizenActor(args: { municipalityId: string; custodyHolderId: string; displayName: string; sessionId?: string | null; requestId?: string | null }): Actor {
  return {
    kind: 'citizen',
    municipalityId: args.municipalityId,
    userId: args.custodyHolderId,
    displayName: args.displayName,
    memberships: [],
    permissions: new Set(),
    sessionId: args.sessionId ?? null,
    requestId: args.requestId ?? null,
  };
}

export function anonymousActor(municipalityId: string, requestId: string | null = null): Actor {
  return {
    kind: 'anonymous',
    municipalityId,
    userId: null,
    displayName: null,
    memberships: [],
    permissions: new Set(),
    sessionId: null,
    requestId,
  };
}

export function systemActor(municipalityId: string, reason: string): Actor {
  return {
    kind: 'system',
    municipalityId,
    userId: null,
    displayName: 'System',
    memberships: [],
    permissions: new Set(),
    sessionId: null,
    requestId: null,
    reason,
  };
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** The role shown in the audit trail: the actor's roles, most specific first. */
export function auditRole(actor: Actor): string | null {
  if (actor.kind !== 'staff') return actor.kind;
  const roles = [...new Set(actor.memberships.map((m) => m.role))];
  return roles.length ? roles.join(',') : null;
}

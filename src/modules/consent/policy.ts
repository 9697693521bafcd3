// Who may do what with consents (S14). Pure: (actor) → allowed. Reaching the child is checked
// separately and set-based (scope.allowedChildIds: staff through their relations, citizens
// through custody today); another municipality's consent never reaches a policy (RLS → 404).
//   - staff with `consent.register` (every child-work role): read a child's consents, register
//     a paper consent with an attestation, record a withdrawal the family asked for;
//   - citizens (custody holders, in the portal): read, give (digitally), co-sign, withdraw;
//   - `consent.manage` (the administrator): the municipality's consent settings.
import type { Actor } from '../../access/actor.ts';

type PolicyActor = Pick<Actor, 'kind' | 'permissions'>;

const staffWith = (actor: PolicyActor, permission: 'consent.register' | 'consent.manage') => actor.kind === 'staff' && actor.permissions.has(permission);

export const mayReadConsents = (actor: PolicyActor) => actor.kind === 'citizen' || staffWith(actor, 'consent.register');
export const mayRegisterPaper = (actor: PolicyActor) => staffWith(actor, 'consent.register');
export const mayGiveDigital = (actor: PolicyActor) => actor.kind === 'citizen';
export const mayWithdraw = (actor: PolicyActor) => actor.kind === 'citizen' || staffWith(actor, 'consent.register');
export const mayManageSettings = (actor: PolicyActor) => staffWith(actor, 'consent.manage');

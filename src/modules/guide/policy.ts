// Who may do what with the guide (S3). Pure: (actor, entry) → allowed.
//   - anyone, also without a session: the public entries of a municipality (the public /guide);
//   - staff with `org.read`: the whole guide of their municipality, and the handleguide;
//   - `guide.edit` (the administrator today): write entries and handleguides, see archived ones.
// Another municipality's entry never reaches a policy: row-level security hides it (404).
import type { Actor } from '../../access/actor.ts';

type PolicyActor = Pick<Actor, 'kind' | 'permissions'>;

export interface EntryVisibility {
  isPublic: boolean;
  archivedAt: Date | null;
}

/** Read the full guide (public and internal entries, the handleguide). */
export const mayReadGuide = (actor: PolicyActor | null) => actor !== null && actor.kind === 'staff' && actor.permissions.has('org.read');

export const mayEditGuide = (actor: PolicyActor | null) => actor !== null && actor.kind === 'staff' && actor.permissions.has('guide.edit');

/** One entry: archived ones only for editors; internal ones only for staff; public ones for all. */
export function mayReadEntry(actor: PolicyActor | null, entry: EntryVisibility): boolean {
  if (entry.archivedAt !== null) return mayEditGuide(actor);
  return entry.isPublic || mayReadGuide(actor);
}

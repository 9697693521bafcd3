import type { Row } from '../../db/types.ts';

/** Never the password hash; only whether there is one. */
export function presentStaff(u: Row<'users'>) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    profession: u.profession,
    ssoSubject: u.ssoSubject,
    hasPassword: u.passwordHash !== null,
    blocked: u.blockedAt !== null,
    deactivated: u.deactivatedAt !== null,
    version: u.version,
  };
}

// Log-in lock-out. Datatilsynet's guidance for public authorities: after 3 failed log-ins
// within 24 hours the account is blocked (here: until an administrator unblocks it).

export const MAX_FAILED_LOGINS = 3;
export const FAILED_LOGIN_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface LoginAttempt {
  at: Date;
  succeeded: boolean;
}

/**
 * Failures that count at `now`: inside the 24-hour window and after the last success (a
 * successful log-in or an administrator's unblock resets the count).
 */
export function countingFailures(attempts: readonly LoginAttempt[], now: Date): number {
  const windowStart = now.getTime() - FAILED_LOGIN_WINDOW_MS;
  const lastSuccess = Math.max(-Infinity, ...attempts.filter((a) => a.succeeded).map((a) => a.at.getTime()));
  return attempts.filter((a) => !a.succeeded && a.at.getTime() > windowStart && a.at.getTime() > lastSuccess).length;
}

export function shouldBlock(attempts: readonly LoginAttempt[], now: Date): boolean {
  return countingFailures(attempts, now) >= MAX_FAILED_LOGINS;
}

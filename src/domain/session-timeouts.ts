// Session lifetime: an idle timeout (default 30 min) and an absolute one (default 8 h),
// both configurable. Pure: the caller supplies the clock.

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export type SessionState = 'active' | 'idle_timeout' | 'absolute_timeout';

export function sessionState(s: SessionTimes, now: Date, idleMinutes: number): SessionState {
  if (now.getTime() >= s.expiresAt.getTime()) return 'absolute_timeout';
  if (now.getTime() - s.lastSeenAt.getTime() >= idleMinutes * 60_000) return 'idle_timeout';
  return 'active';
}

export function absoluteExpiry(createdAt: Date, absoluteHours: number): Date {
  return new Date(createdAt.getTime() + absoluteHours * 3_600_000);
}

/** Touching last_seen on every request is a write; once a minute is precise enough for a 30-minute timeout. */
export const TOUCH_INTERVAL_MS = 60_000;

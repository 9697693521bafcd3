import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absoluteExpiry, sessionState } from './session-timeouts.ts';

describe('session timeouts', () => {
  const createdAt = new Date('2026-11-23T08:00:00Z');
  const s = { createdAt, lastSeenAt: createdAt, expiresAt: absoluteExpiry(createdAt, 8) };

  it('is active until 30 idle minutes have passed', () => {
    assert.equal(sessionState(s, new Date('2026-11-23T08:29:59Z'), 30), 'active');
    assert.equal(sessionState(s, new Date('2026-11-23T08:30:00Z'), 30), 'idle_timeout');
  });

  it('ends after 8 hours however active the user is', () => {
    const busy = { ...s, lastSeenAt: new Date('2026-11-23T15:59:00Z') };
    assert.equal(sessionState(busy, new Date('2026-11-23T15:59:30Z'), 30), 'active');
    assert.equal(sessionState(busy, new Date('2026-11-23T16:00:00Z'), 30), 'absolute_timeout');
  });

  it('the absolute expiry is 8 hours of real time across a DST change', () => {
    const before = new Date('2026-10-25T00:30:00Z'); // 02:30 summer time, clocks go back at 03:00
    assert.equal(absoluteExpiry(before, 8).toISOString(), '2026-10-25T08:30:00.000Z');
  });
});

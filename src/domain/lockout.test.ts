import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { countingFailures, MAX_FAILED_LOGINS, shouldBlock } from './lockout.ts';

const at = (iso: string) => new Date(iso);

describe('log-in lock-out (3 failures within 24 hours)', () => {
  it('blocks on the third failure within 24 hours', () => {
    const now = at('2026-11-23T12:00:00Z');
    const fails = ['2026-11-22T13:00:00Z', '2026-11-23T08:00:00Z', '2026-11-23T12:00:00Z'].map((t) => ({ at: at(t), succeeded: false }));
    assert.equal(MAX_FAILED_LOGINS, 3);
    assert.equal(shouldBlock(fails.slice(0, 2), now), false);
    assert.equal(shouldBlock(fails, now), true);
  });

  it('does not count a failure older than 24 hours', () => {
    const now = at('2026-11-23T12:00:00Z');
    const fails = ['2026-11-22T11:59:59Z', '2026-11-23T08:00:00Z', '2026-11-23T12:00:00Z'].map((t) => ({ at: at(t), succeeded: false }));
    assert.equal(countingFailures(fails, now), 2);
    assert.equal(shouldBlock(fails, now), false);
  });

  it('a success (or an unblock) resets the count', () => {
    const now = at('2026-11-23T12:00:00Z');
    const attempts = [
      { at: at('2026-11-23T09:00:00Z'), succeeded: false },
      { at: at('2026-11-23T09:01:00Z'), succeeded: false },
      { at: at('2026-11-23T09:02:00Z'), succeeded: true },
      { at: at('2026-11-23T11:00:00Z'), succeeded: false },
    ];
    assert.equal(countingFailures(attempts, now), 1);
  });

  it('property: the count never exceeds the failures and is monotone in new failures', () => {
    const attemptArb = fc.record({ at: fc.date({ min: at('2026-11-20T00:00:00Z'), max: at('2026-11-23T12:00:00Z'), noInvalidDate: true }), succeeded: fc.boolean() });
    fc.assert(
      fc.property(fc.array(attemptArb, { maxLength: 20 }), (attempts) => {
        const now = at('2026-11-23T12:00:00Z');
        const n = countingFailures(attempts, now);
        // A new failure just after every earlier attempt counts, once.
        const later = new Date(now.getTime() + 1);
        const more = countingFailures([...attempts, { at: later, succeeded: false }], later);
        fc.pre(countingFailures(attempts, later) === n);
        return n <= attempts.filter((a) => !a.succeeded).length && more === n + 1;
      }),
    );
  });
});

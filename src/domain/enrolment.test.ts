import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { overlaps, planTransition, trackOf } from './enrolment.ts';

describe('enrolment transitions', () => {
  it('groups institution types into tracks: dagpleje, vuggestue and børnehave are one daycare track', () => {
    assert.equal(trackOf('dagpleje'), 'dagtilbud');
    assert.equal(trackOf('boernehave'), 'dagtilbud');
    assert.equal(trackOf('skole'), 'skole');
    assert.equal(trackOf('sfo'), 'sfo');
    assert.equal(trackOf('ppr'), 'other');
  });

  it('dagpleje → børnehave: the open daycare enrolment ends the day before', () => {
    const plan = planTransition([{ id: 'a', validFrom: '2024-01-01', validTo: null, track: 'dagtilbud' }], { validFrom: '2026-03-01', validTo: null, track: 'dagtilbud' });
    assert.deepEqual(plan, { close: [{ id: 'a', validTo: '2026-02-28' }], conflicts: [] });
  });

  it('a school start does not end the SFO or the daycare track of another kind', () => {
    const plan = planTransition(
      [
        { id: 's', validFrom: '2025-08-01', validTo: null, track: 'sfo' },
        { id: 'k', validFrom: '2025-08-01', validTo: null, track: 'klub' },
      ],
      { validFrom: '2026-08-01', validTo: null, track: 'skole' },
    );
    assert.deepEqual(plan, { close: [], conflicts: [] });
  });

  it('an enrolment starting on or after the new one is a conflict, not silently changed', () => {
    const plan = planTransition([{ id: 'a', validFrom: '2026-03-01', validTo: null, track: 'dagtilbud' }], { validFrom: '2026-03-01', validTo: null, track: 'dagtilbud' });
    assert.deepEqual(plan.conflicts, ['a']);
  });

  it('a closed period before the new start is left alone; leap day closing works', () => {
    const plan = planTransition(
      [
        { id: 'old', validFrom: '2020-01-01', validTo: '2023-12-31', track: 'dagtilbud' },
        { id: 'open', validFrom: '2024-01-01', validTo: null, track: 'dagtilbud' },
      ],
      { validFrom: '2028-03-01', validTo: null, track: 'dagtilbud' },
    );
    assert.deepEqual(plan.close, [{ id: 'open', validTo: '2028-02-29' }]);
  });

  it('property: after applying a plan without conflicts, no two periods in the track overlap', () => {
    const dayArb = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(dayArb, dayArb, (a, b) => {
        fc.pre(a < b);
        const existing = [{ id: 'x', validFrom: a, validTo: null as string | null, track: 'skole' as const }];
        const next = { validFrom: b, validTo: null, track: 'skole' as const };
        const plan = planTransition(existing, next);
        const after = existing.map((e) => ({ ...e, validTo: plan.close.find((c) => c.id === e.id)?.validTo ?? e.validTo }));
        return plan.conflicts.length === 0 && after.every((e) => !overlaps(e, next));
      }),
    );
  });
});

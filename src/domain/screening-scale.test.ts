import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BOERNELINEALEN, scaleProblems, stepDistance, TRAFIKLYS, type ScalePosition } from './screening-scale.ts';

const pos = (ordinal: number, isConcern: boolean, label = `P${ordinal}`): ScalePosition => ({ ordinal, label, colour: '#112233', meaning: '', isConcern });

describe('screening scales', () => {
  it('the default is grøn (trivsel), gul (bekymring), rød (stærk bekymring); only green is not concern', () => {
    assert.deepEqual(
      TRAFIKLYS.positions.map((p) => [p.label, p.meaning, p.isConcern]),
      [
        ['Grøn', 'Trivsel', false],
        ['Gul', 'Bekymring', true],
        ['Rød', 'Stærk bekymring', true],
      ],
    );
    assert.deepEqual(scaleProblems(TRAFIKLYS.positions), []);
  });

  it('Børnelinealen has five positions; moderat trivsel and sårbar count as mistrivsel (seed 003)', () => {
    assert.equal(BOERNELINEALEN.positions.length, 5);
    const byLabel = new Map(BOERNELINEALEN.positions.map((p) => [p.label, p]));
    assert.equal(byLabel.get('Trivsel')!.isConcern, false);
    assert.equal(byLabel.get('Moderat trivsel')!.isConcern, true);
    assert.equal(byLabel.get('Sårbar')!.isConcern, true);
    assert.deepEqual(scaleProblems(BOERNELINEALEN.positions), []);
  });

  it('grøn to rød is two steps, grøn to gul one', () => {
    const [g, y, r] = TRAFIKLYS.positions as [ScalePosition, ScalePosition, ScalePosition];
    assert.equal(stepDistance(g, r), 2);
    assert.equal(stepDistance(g, y), 1);
    assert.equal(stepDistance(r, g), 2);
  });

  it('refuses scales that cannot be used', () => {
    assert.deepEqual(scaleProblems([pos(1, false)]), [{ kind: 'count', min: 2, max: 10 }]);
    assert.deepEqual(scaleProblems([pos(1, false), pos(3, true)]), [{ kind: 'ordinals', index: 1 }]);
    assert.deepEqual(scaleProblems([pos(1, false, 'Grøn'), pos(2, true, 'grøn ')]), [{ kind: 'duplicate_label', index: 1 }]);
    assert.deepEqual(scaleProblems([pos(1, true), pos(2, true)]), [{ kind: 'no_wellbeing' }]);
    assert.deepEqual(scaleProblems([pos(1, false), pos(2, true), pos(3, false)]), [{ kind: 'concern_order', index: 2 }]);
    assert.deepEqual(scaleProblems([{ ...pos(1, false), colour: 'green' }, pos(2, true)]), [{ kind: 'colour', index: 0 }]);
  });

  it('property: step distance is symmetric, zero only for the same ordinal, and obeys the triangle inequality', () => {
    const o = fc.integer({ min: 1, max: 10 }).map((ordinal) => ({ ordinal }));
    fc.assert(
      fc.property(o, o, o, (a, b, c) => {
        assert.equal(stepDistance(a, b), stepDistance(b, a));
        assert.equal(stepDistance(a, b) === 0, a.ordinal === b.ordinal);
        assert.ok(stepDistance(a, c) <= stepDistance(a, b) + stepDistance(b, c));
      }),
    );
  });

  it('property: any list of 2–10 positions, non-concern first, ordinals 1..n, distinct labels, is accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1, max: 10 }), (n, green) => {
        const greens = Math.min(green, n);
        const positions = Array.from({ length: n }, (_, i) => pos(i + 1, i >= greens));
        assert.deepEqual(scaleProblems(positions), []);
      }),
    );
  });
});

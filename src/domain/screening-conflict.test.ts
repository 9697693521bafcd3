import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { childRoundStatus, conflictOf, currentRows, effectivePositionId, mayAgreeJoint, type RaterPosition } from './screening-conflict.ts';
import { BOERNELINEALEN, TRAFIKLYS } from './screening-scale.ts';

const scale = (t: typeof TRAFIKLYS) => t.positions.map((p) => ({ id: p.label, ordinal: p.ordinal, isConcern: p.isConcern }));
const [groen, gul, roed] = scale(TRAFIKLYS) as [RaterPosition['position'], RaterPosition['position'], RaterPosition['position']];
const rate = (raterId: string, position: RaterPosition['position']): RaterPosition => ({ raterId, position });

describe('joint position and conflicts', () => {
  it('grøn and rød (two steps) is a conflict; gul and rød is not', () => {
    assert.deepEqual(conflictOf([rate('a', groen), rate('b', roed)]), { conflict: true, reasons: ['distance', 'concern_mix'], maxDistance: 2 });
    assert.deepEqual(conflictOf([rate('a', gul), rate('b', roed)]), { conflict: false, reasons: [], maxDistance: 1 });
  });

  it('grøn and gul is one step but concern against no concern: a conflict', () => {
    assert.deepEqual(conflictOf([rate('a', groen), rate('b', gul)]).reasons, ['concern_mix']);
  });

  it('on Børnelinealen, moderat trivsel and udsat (two steps, both concern) is a conflict by distance', () => {
    const [, moderat, , udsat] = scale(BOERNELINEALEN);
    assert.deepEqual(conflictOf([rate('a', moderat!), rate('b', udsat!)]).reasons, ['distance']);
  });

  it('a not-assessed mark does not make a conflict, and one rater never conflicts', () => {
    assert.equal(conflictOf([rate('a', groen), rate('b', null)]).conflict, false);
    assert.equal(conflictOf([rate('a', roed)]).conflict, false);
  });

  it("the child's status: missing, not assessed, conflict, awaiting a joint position, agreed", () => {
    assert.equal(childRoundStatus([], false, false), 'missing');
    assert.equal(childRoundStatus([rate('a', null)], false, false), 'not_assessed');
    assert.equal(childRoundStatus([rate('a', groen), rate('b', roed)], false, false), 'conflict');
    assert.equal(childRoundStatus([rate('a', gul), rate('b', roed)], false, false), 'rated');
    assert.equal(childRoundStatus([rate('a', gul), rate('b', roed)], false, true), 'awaiting_joint');
    assert.equal(childRoundStatus([rate('a', groen), rate('b', roed)], true, true), 'agreed', 'an agreed joint position clears the conflict');
  });

  it('a joint position needs two raters who each gave a position', () => {
    assert.equal(mayAgreeJoint([rate('a', groen)]), false);
    assert.equal(mayAgreeJoint([rate('a', groen), rate('b', null)]), false);
    assert.equal(mayAgreeJoint([rate('a', groen), rate('b', gul)]), true);
  });

  it('the effective position is the joint one, else the raters’ common one, else none yet', () => {
    assert.equal(effectivePositionId([rate('a', groen), rate('b', roed)], 'Gul'), 'Gul');
    assert.equal(effectivePositionId([rate('a', gul), rate('b', gul)], null), 'Gul');
    assert.equal(effectivePositionId([rate('a', gul), rate('b', roed)], null), null);
    assert.equal(effectivePositionId([rate('a', null)], null), null);
  });

  it('the current rows are the ones nothing corrects', () => {
    const rows = [
      { id: '1', correctsId: null },
      { id: '2', correctsId: '1' },
      { id: '3', correctsId: '2' },
      { id: '4', correctsId: null },
    ];
    assert.deepEqual(currentRows(rows).map((r) => r.id), ['3', '4']);
  });

  const position = fc.integer({ min: 1, max: 5 }).map((ordinal) => ({ id: `p${ordinal}`, ordinal, isConcern: ordinal > 1 }));
  const ratings = fc.array(fc.record({ raterId: fc.constantFrom('a', 'b', 'c', 'd'), position: fc.option(position, { nil: null }) }), { maxLength: 6 });

  it('property: a conflict exists exactly when two positions are ≥ 2 steps apart or differ in concern', () => {
    fc.assert(
      fc.property(ratings, (rs) => {
        const ps = rs.flatMap((r) => (r.position ? [r.position] : []));
        const expected = ps.some((a) => ps.some((b) => Math.abs(a.ordinal - b.ordinal) >= 2 || a.isConcern !== b.isConcern));
        assert.equal(conflictOf(rs).conflict, expected);
      }),
    );
  });

  it('property: an agreed joint position always clears the conflict; without ratings the child is missing', () => {
    fc.assert(
      fc.property(ratings, fc.boolean(), (rs, required) => {
        assert.equal(childRoundStatus(rs, true, required), 'agreed');
        if (rs.length === 0) assert.equal(childRoundStatus(rs, false, required), 'missing');
        if (conflictOf(rs).conflict) assert.equal(childRoundStatus(rs, false, required), 'conflict');
      }),
    );
  });

  it('property: every correction chain leaves exactly one current row', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 5 }), (chainLengths) => {
        const rows = chainLengths.flatMap((len, c) => Array.from({ length: len }, (_, i) => ({ id: `${c}-${i}`, correctsId: i === 0 ? null : `${c}-${i - 1}` })));
        assert.deepEqual(
          currentRows(rows).map((r) => r.id),
          chainLengths.map((len, c) => `${c}-${len - 1}`),
        );
      }),
    );
  });
});

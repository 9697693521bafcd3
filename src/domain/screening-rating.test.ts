import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ratingProblems, type RatingContext } from './screening-rating.ts';

const ctx: RatingContext = {
  childrenInGroup: new Set(['c1', 'c2', 'c3']),
  positionIds: new Set(['green', 'yellow', 'red']),
  currentByChild: new Map([['c3', 'r3']]),
};

describe('a group submission of ratings', () => {
  it('a whole group rated, one child marked not assessed, is accepted', () => {
    assert.deepEqual(
      ratingProblems(
        [
          { childId: 'c1', positionId: 'green' },
          { childId: 'c2', positionId: null },
        ],
        ctx,
      ),
      [],
    );
  });

  it('lists every problem with its field path: foreign child, unknown position, duplicate, bad correction', () => {
    assert.deepEqual(
      ratingProblems(
        [
          { childId: 'elsewhere', positionId: 'green' },
          { childId: 'c1', positionId: 'purple' },
          { childId: 'c1', positionId: 'green' },
          { childId: 'c3', positionId: 'red' },
          { childId: 'c2', positionId: 'red', correctsId: 'r3' },
        ],
        ctx,
      ),
      [
        { index: 0, path: 'ratings.0.childId', code: 'screening.child_not_in_group' },
        { index: 1, path: 'ratings.1.positionId', code: 'screening.position_unknown' },
        { index: 2, path: 'ratings.2.childId', code: 'screening.duplicate_rating' },
        { index: 3, path: 'ratings.3.childId', code: 'screening.duplicate_rating' },
        { index: 4, path: 'ratings.4.correctsId', code: 'screening.correction_invalid' },
      ],
    );
  });

  it('a correction pointing at the current rating is accepted', () => {
    assert.deepEqual(ratingProblems([{ childId: 'c3', positionId: 'yellow', correctsId: 'r3' }], ctx), []);
  });

  it('property: a submission is accepted only if every child is in the group, once, with a known position and no current rating', () => {
    const item = fc.record({
      childId: fc.constantFrom('c1', 'c2', 'c3', 'x'),
      positionId: fc.option(fc.constantFrom('green', 'red', 'nope'), { nil: null }),
      correctsId: fc.option(fc.constantFrom('r3', 'r9'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), (items) => {
        const ok = ratingProblems(items, ctx).length === 0;
        const expected =
          new Set(items.map((i) => i.childId)).size === items.length &&
          items.every(
            (i) =>
              ctx.childrenInGroup.has(i.childId) &&
              (i.positionId === null || ctx.positionIds.has(i.positionId)) &&
              (i.correctsId ? i.correctsId === ctx.currentByChild.get(i.childId) : !ctx.currentByChild.has(i.childId)),
          );
        assert.equal(ok, expected);
      }),
    );
  });
});

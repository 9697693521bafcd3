import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normaliseHandleguide, sameHandleguideContent, unknownIds, type HandleguideContent } from './guide-handleguide.ts';

const yellow: HandleguideContent = {
  title: 'Gul: bekymring',
  whatToDo: 'Drøft bekymringen med en kollega eller din leder.',
  steps: ['Drøft med en kollega', 'Indkald til inddragende netværksmøde'],
  entryIds: ['a', 'b'],
  nextStepIds: ['guide.open_room'],
};

describe('handleguide content', () => {
  it('steps are trimmed, blank ones dropped, order kept (Egedal: netværksmøde first for yellow)', () => {
    const n = normaliseHandleguide({ ...yellow, steps: ['  Indkald til netværksmøde ', '', '  ', 'Følg op'] });
    assert.deepEqual(n.steps, ['Indkald til netværksmøde', 'Følg op']);
  });

  it('linking the same entry twice links it once', () => {
    assert.deepEqual(normaliseHandleguide({ ...yellow, entryIds: ['a', 'b', 'a'] }).entryIds, ['a', 'b']);
  });

  it('a different order of steps is a change', () => {
    assert.equal(sameHandleguideContent(yellow, { ...yellow, steps: [...yellow.steps].reverse() }), false);
    assert.equal(sameHandleguideContent(yellow, normaliseHandleguide({ ...yellow, title: ` ${yellow.title} ` })), true);
  });

  it('unknown ids are named by their path', () => {
    assert.deepEqual(unknownIds(['x', 'a', 'y'], new Set(['a']), 'entryIds'), [
      { path: 'entryIds.0', message: 'Ukendt: x' },
      { path: 'entryIds.2', message: 'Ukendt: y' },
    ]);
  });

  it('property: normalising is idempotent', () => {
    const s = fc.string({ maxLength: 30 });
    fc.assert(
      fc.property(s, s, fc.array(s, { maxLength: 6 }), fc.array(s, { maxLength: 6 }), fc.array(s, { maxLength: 6 }), (title, whatToDo, steps, entryIds, nextStepIds) => {
        const once = normaliseHandleguide({ title, whatToDo, steps, entryIds, nextStepIds });
        assert.equal(sameHandleguideContent(once, normaliseHandleguide(once)), true);
        assert.equal(new Set(once.entryIds).size, once.entryIds.length);
      }),
    );
  });
});

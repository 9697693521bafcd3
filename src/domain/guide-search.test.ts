import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { headlineSegments, MARK_START, MARK_STOP, normaliseQuery, QUERY_MAX, tsQueryText } from './guide-search.ts';

describe('guide search queries', () => {
  it('every word is a required prefix, so word forms and compounds are found', () => {
    assert.equal(tsQueryText('netværksmøder'), 'netværksmøder:*');
    assert.equal(tsQueryText('  Sundhedspleje   SPÆD  '), 'sundhedspleje:* & spæd:*');
  });

  it('operators and punctuation cannot reach to_tsquery', () => {
    assert.equal(tsQueryText("PPR & !(tale) | 'x':* <-> §133"), 'ppr:* & tale:* & x:* & 133:*');
    assert.equal(tsQueryText('!!! &&& '), null);
    assert.equal(tsQueryText(''), null);
    assert.equal(tsQueryText(null), null);
  });

  it('an empty or blank query means "show everything"', () => {
    assert.equal(normaliseQuery('   '), null);
    assert.equal(normaliseQuery('\u0001'), null);
    assert.equal(normaliseQuery('a'.repeat(QUERY_MAX + 50))!.length, QUERY_MAX);
  });

  it('a headline becomes segments with the hits marked', () => {
    assert.deepEqual(headlineSegments(`Et ${MARK_START}netværksmøde${MARK_STOP} med familien`), [
      { text: 'Et ', match: false },
      { text: 'netværksmøde', match: true },
      { text: ' med familien', match: false },
    ]);
    assert.deepEqual(headlineSegments('uden hits'), [{ text: 'uden hits', match: false }]);
  });

  it('property: the tsquery text holds only word characters, ":*" and " & "', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (q) => {
        const out = tsQueryText(q);
        if (out !== null) assert.match(out, /^[\p{L}\p{N}]+:\*( & [\p{L}\p{N}]+:\*)*$/u);
      }),
    );
  });

  it('property: segments put back together are the headline without marks', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(MARK_START, MARK_STOP))), (parts) => {
        const h = parts.join('');
        assert.equal(headlineSegments(h).map((s) => s.text).join(''), h.replace(/[\u0001\u0002]/g, ''));
      }),
    );
  });
});

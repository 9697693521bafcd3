import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fieldProblems, GUIDE_KINDS, KIND_FIELDS, normaliseContent, normaliseFields, restoreNote, sameEntryContent, type EntryContent } from './guide-entry.ts';

const content = (over: Partial<EntryContent> = {}): EntryContent => ({ title: 'Tværfagligt team', summary: 'Fast team på skolen', body: 'Mødes hver 3.–4. uge.', fields: {}, ...over });

describe('samarbejdsguide entries', () => {
  it('a collaboration room describes purpose, participants, when and how (seed 003: samarbejdsrum)', () => {
    assert.deepEqual([...KIND_FIELDS.samarbejdsrum], ['purpose', 'participants', 'whenToUse', 'how']);
    assert.deepEqual(fieldProblems('samarbejdsrum', { purpose: 'Råd og vejledning', participants: 'Socialrådgiver, psykolog, sundhedsplejerske' }), []);
  });

  it('a field of another kind is refused with its path', () => {
    assert.deepEqual(
      fieldProblems('moedevaerktoej', { contact: 'ring' }).map((p) => p.path),
      ['fields.contact'],
    );
    assert.deepEqual(fieldProblems('faggruppe', { contact: 'x'.repeat(4001) }).map((p) => p.path), ['fields.contact']);
  });

  it('normalising drops empty fields and orders them as the kind does', () => {
    assert.deepEqual(Object.keys(normaliseFields('samarbejdsrum', { how: ' Møde ', purpose: 'Formål', participants: '  ' })), ['purpose', 'how']);
  });

  it('saving the same text again (other line endings, trailing spaces) is not a change', () => {
    const a = normaliseContent('samarbejdsrum', content({ body: 'Linje 1\nLinje 2', fields: { purpose: 'Formål' } }));
    const b = normaliseContent('samarbejdsrum', content({ body: 'Linje 1  \r\nLinje 2\r\n', fields: { purpose: ' Formål ', how: '' } }));
    assert.equal(sameEntryContent(a, b), true);
    assert.equal(sameEntryContent(a, { ...b, title: 'Andet' }), false);
    assert.equal(sameEntryContent(a, { ...b, fields: { purpose: 'Formål', how: 'Sådan' } }), false);
  });

  it('a restore without a note says which version it came from', () => {
    assert.equal(restoreNote(3), 'Gendannet fra version 3');
  });

  it('property: normalising is idempotent and content always equals itself normalised twice', () => {
    const text = fc.string({ maxLength: 60 });
    fc.assert(
      fc.property(fc.constantFrom(...GUIDE_KINDS), text, text, text, fc.dictionary(fc.constantFrom('purpose', 'how', 'offers', 'contact', 'legalBasis'), text), (kind, title, summary, body, fields) => {
        const once = normaliseContent(kind, { title, summary, body, fields });
        const twice = normaliseContent(kind, once);
        assert.deepEqual(twice, once);
        assert.equal(sameEntryContent(once, twice), true);
        assert.deepEqual(fieldProblems(kind, once.fields), []);
      }),
    );
  });
});

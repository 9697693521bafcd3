import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isValidSlug, slugify, SLUG_MAX, uniqueSlug } from './guide-slug.ts';

describe('guide slugs', () => {
  it('Danish letters become readable ASCII', () => {
    assert.equal(slugify('Inddragende netværksmøde (Signs of Safety)'), 'inddragende-netvaerksmoede-signs-of-safety');
    assert.equal(slugify('Skærpet underretningspligt – BL § 133'), 'skaerpet-underretningspligt-bl-133');
    assert.equal(slugify('Tale-/hørekonsulent'), 'tale-hoerekonsulent');
    assert.equal(slugify('PPR'), 'ppr');
  });

  it('a title without letters still gets a valid slug', () => {
    assert.equal(isValidSlug(slugify('§§ –')), true);
    assert.equal(isValidSlug(slugify('x')), true);
  });

  it('a taken slug gets the next free number', () => {
    assert.equal(uniqueSlug('ppr', new Set()), 'ppr');
    assert.equal(uniqueSlug('ppr', new Set(['ppr', 'ppr-2'])), 'ppr-3');
  });

  it('only lower-case words joined by single dashes are valid', () => {
    for (const bad of ['', 'a', 'Ab', 'a--b', '-ab', 'ab-', 'a b', 'æble', 'x'.repeat(SLUG_MAX + 1)]) assert.equal(isValidSlug(bad), false, bad);
    assert.equal(isValidSlug('tvaerfagligt-team-2'), true);
  });

  it('property: every title gives a valid slug, and a unique one stays valid', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }), (title, others) => {
        const s = slugify(title);
        assert.equal(isValidSlug(s), true, `${JSON.stringify(title)} → ${s}`);
        const taken = new Set([s, `${s}-2`, ...others]);
        const u = uniqueSlug(s, taken);
        assert.equal(isValidSlug(u), true, u);
        assert.equal(taken.has(u), false);
      }),
    );
  });
});

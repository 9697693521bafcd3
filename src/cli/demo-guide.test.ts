import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldProblems, LIMITS } from '../domain/guide-entry.ts';
import { isValidSlug } from '../domain/guide-slug.ts';
import { isRegisteredNextStep } from '../modules/guide/next-steps.ts';
import { DEMO_GUIDE_ENTRIES, DEMO_HANDLEGUIDES } from './demo-guide.ts';

describe('the demo guide content', () => {
  it('has 12–20 entries of every kind, mostly public, with valid unique slugs and fields', () => {
    assert.ok(DEMO_GUIDE_ENTRIES.length >= 12 && DEMO_GUIDE_ENTRIES.length <= 20);
    assert.deepEqual([...new Set(DEMO_GUIDE_ENTRIES.map((e) => e.kind))].sort(), ['faggruppe', 'moedevaerktoej', 'retningslinje', 'samarbejdsrum']);
    assert.ok(DEMO_GUIDE_ENTRIES.filter((e) => e.isPublic).length > DEMO_GUIDE_ENTRIES.length / 2);
    assert.equal(new Set(DEMO_GUIDE_ENTRIES.map((e) => e.slug)).size, DEMO_GUIDE_ENTRIES.length);
    for (const e of DEMO_GUIDE_ENTRIES) {
      assert.ok(isValidSlug(e.slug), e.slug);
      assert.deepEqual(fieldProblems(e.kind, e.fields), [], e.slug);
      assert.ok(e.title.length <= LIMITS.title && e.summary.length <= LIMITS.summary && e.body.length <= LIMITS.body, e.slug);
    }
  });

  it('the handleguide covers grøn, gul and rød; yellow starts with the netværksmøde (Egedal), red names § 133', () => {
    assert.deepEqual(DEMO_HANDLEGUIDES.map((g) => g.ordinal), [1, 2, 3]);
    const slugs = new Set(DEMO_GUIDE_ENTRIES.map((e) => e.slug));
    for (const g of DEMO_HANDLEGUIDES) {
      for (const s of g.entries) assert.ok(slugs.has(s), s);
      for (const id of g.nextSteps) assert.ok(isRegisteredNextStep(id), id);
    }
    assert.equal(DEMO_HANDLEGUIDES[1].entries[0], 'inddragende-netvaerksmoede');
    assert.match(DEMO_HANDLEGUIDES[2].steps.join(' '), /§ 133/);
  });
});

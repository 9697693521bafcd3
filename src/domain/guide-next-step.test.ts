import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fillTemplate, isValidRouteTemplate, isValidStepId, templateKeys } from './guide-next-step.ts';

describe('next-step templates', () => {
  it('fills a route with encoded values and a label with plain ones', () => {
    assert.equal(fillTemplate('/boern/{childId}', { childId: 'abc' }, 'route'), '/boern/abc');
    assert.equal(fillTemplate('/guide/{slug}#kontakt', { slug: 'a b/c' }, 'route'), '/guide/a%20b%2Fc#kontakt');
    assert.equal(fillTemplate('Åbn samarbejdsrummet {title}', { title: 'Tværfagligt team' }, 'label'), 'Åbn samarbejdsrummet Tværfagligt team');
  });

  it('a step that needs a value it does not have is not offered', () => {
    assert.equal(fillTemplate('/boern/{childId}', {}, 'route'), null);
    assert.equal(fillTemplate('/boern/{childId}', { childId: '' }, 'route'), null);
    assert.deepEqual(templateKeys('/x/{a}/{b}/{a}'), ['a', 'b']);
  });

  it('ids are module.action; templates are app paths', () => {
    assert.equal(isValidStepId('stafetlog.start'), true);
    assert.equal(isValidStepId('Stafetlog.start'), false);
    assert.equal(isValidStepId('start'), false);
    assert.equal(isValidRouteTemplate('/boern/{childId}'), true);
    assert.equal(isValidRouteTemplate('//evil.example/x'), false);
    assert.equal(isValidRouteTemplate('https://evil.example'), false);
  });

  it('property: a filled route never leaves its path segment', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (v) => {
        const out = fillTemplate('/boern/{childId}/tidslinje', { childId: v }, 'route')!;
        assert.equal(out.split('/').length, 4);
        assert.ok(out.startsWith('/boern/') && out.endsWith('/tidslinje'));
      }),
    );
  });
});

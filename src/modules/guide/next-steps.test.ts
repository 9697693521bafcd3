import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { permissionsOf } from '../../domain/roles.ts';
import { nextStepCatalogue, registerNextStep, resolveNextSteps, type NextStepContext } from './next-steps.ts';

const paedagog = { kind: 'staff' as const, userId: 'u1', memberships: [], permissions: permissionsOf(['fagperson']) };
const ctx = (over: Partial<NextStepContext> = {}): NextStepContext => ({
  actor: paedagog,
  position: { id: 'p3', ordinal: 3, label: 'Rød', isConcern: true },
  childId: 'c1',
  entries: [
    { id: 'e1', slug: 'tvaerfagligt-team', kind: 'samarbejdsrum', title: 'Tværfagligt team' },
    { id: 'e2', slug: 'inddragende-netvaerksmoede', kind: 'samarbejdsrum', title: 'Inddragende netværksmøde' },
    { id: 'e3', slug: 'ppr', kind: 'faggruppe', title: 'PPR' },
  ],
  ...over,
});

describe('the next-step registry', () => {
  it('the built-in steps are the ones that work today', () => {
    assert.deepEqual(
      nextStepCatalogue().map((d) => d.id),
      ['people.open_child', 'guide.open_room', 'guide.contact_faggruppe', 'guide.read_guideline', 'guide.use_tool', 'stafetlog.start'],
    );
  });

  it('steps come in the editor’s order, one per linked room, with links and labels filled in', () => {
    const steps = resolveNextSteps(ctx(), ['guide.open_room', 'people.open_child', 'guide.contact_faggruppe']);
    assert.deepEqual(
      steps.map((s) => [s.id, s.label.da, s.href]),
      [
        ['guide.open_room:tvaerfagligt-team', 'Åbn samarbejdsrummet Tværfagligt team', '/guide/tvaerfagligt-team'],
        ['guide.open_room:inddragende-netvaerksmoede', 'Åbn samarbejdsrummet Inddragende netværksmøde', '/guide/inddragende-netvaerksmoede'],
        ['people.open_child', 'Se barnets side', '/boern/c1'],
        ['guide.contact_faggruppe:ppr', 'Kontakt PPR', '/guide/ppr#kontakt'],
      ],
    );
    assert.equal(steps[0]!.label.en, 'Open the collaboration room Tværfagligt team');
  });

  it('a step is left out when its predicate fails, its value is missing, or it is no longer registered', () => {
    const dpo = { ...paedagog, permissions: permissionsOf(['dpo']) };
    assert.deepEqual(resolveNextSteps(ctx({ actor: dpo }), ['people.open_child']), []);
    assert.deepEqual(resolveNextSteps(ctx({ childId: null }), ['people.open_child']), []);
    assert.deepEqual(resolveNextSteps(ctx(), ['meetings.book', 'guide.read_guideline']), []);
  });

  it('a later module registers its own step through the same function', () => {
    registerNextStep({
      id: 'meetings.book',
      module: 'meetings',
      label: { da: 'Book møde', en: 'Book a meeting' },
      description: { da: 'Book et møde om barnet.', en: 'Book a meeting about the child.' },
      route: '/boern/{childId}/moeder/ny?position={positionId}',
      applies: (c) => c.position.isConcern && c.actor.permissions.has('children.list'),
    });
    assert.deepEqual(resolveNextSteps(ctx(), ['meetings.book']), [
      { id: 'meetings.book', label: { da: 'Book møde', en: 'Book a meeting' }, href: '/boern/c1/moeder/ny?position=p3' },
    ]);
    const green = ctx({ position: { id: 'p1', ordinal: 1, label: 'Grøn', isConcern: false } });
    assert.deepEqual(resolveNextSteps(green, ['meetings.book']), []);
  });

  it('a duplicate id, a bad id or a route off the app is refused at start-up', () => {
    const base = { module: 'x', label: { da: 'x', en: 'x' }, description: { da: 'x', en: 'x' }, route: '/x', applies: () => true };
    assert.throws(() => registerNextStep({ ...base, id: 'people.open_child' }), /registered twice/);
    assert.throws(() => registerNextStep({ ...base, id: 'Bad' }), /module\.action/);
    assert.throws(() => registerNextStep({ ...base, id: 'other.external', route: 'https://example.com' }), /not an app path/);
  });
});

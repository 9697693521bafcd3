// The ONE registry of next steps offered with a handleguide (issue 4 item 6). A module that
// has an action worth offering when a child is rated at a position registers it here; the
// handleguide editor picks which registered steps each position offers, and the rating page
// gets the ones that apply to the actor, with their links filled in. How to register: README.md.
import type { Actor } from '../../access/actor.ts';
import type { GuideKind } from '../../domain/guide-entry.ts';
import { fillTemplate, isValidRouteTemplate, isValidStepId } from '../../domain/guide-next-step.ts';

export interface Label {
  da: string;
  en: string;
}

/** What a predicate and the templates may use. */
export interface NextStepContext {
  actor: Pick<Actor, 'kind' | 'permissions' | 'memberships' | 'userId'>;
  position: { id: string; ordinal: number; label: string; isConcern: boolean };
  /** The child being rated, when the caller named one. */
  childId: string | null;
  /** The samarbejdsguide entries the handleguide links to (current and not archived). */
  entries: readonly { id: string; slug: string; kind: GuideKind; title: string }[];
}

export interface NextStepDefinition {
  /** 'module.action' (domain/guide-next-step.ts); stored in handleguide versions, so never renamed. */
  id: string;
  /** The module that owns the action (for the editor and the README's table). */
  module: string;
  /** Button text; may use {title} (with forEachEntry) and the route's placeholders. */
  label: Label;
  /** What the step does, for the editor choosing steps. */
  description: Label;
  /** App route, e.g. '/boern/{childId}'. Placeholders: childId, positionId, and with forEachEntry: slug, entryId. */
  route: string;
  /** One step per linked samarbejdsguide entry of this kind ("Åbn samarbejdsrummet <title>"). */
  forEachEntry?: GuideKind;
  /** Whether the actor gets the step at all (the target route still checks access itself). */
  applies(ctx: NextStepContext): boolean;
}

export interface ResolvedNextStep {
  id: string;
  label: Label;
  href: string;
}

const registry = new Map<string, NextStepDefinition>();

/** Register a step. Throws at start-up on a bad or duplicate id, or a route that is not an app path. */
export function registerNextStep(def: NextStepDefinition): void {
  if (!isValidStepId(def.id)) throw new Error(`next step ${def.id}: the id must be 'module.action'`);
  if (registry.has(def.id)) throw new Error(`next step ${def.id} is registered twice`);
  if (!isValidRouteTemplate(def.route)) throw new Error(`next step ${def.id}: route ${def.route} is not an app path`);
  registry.set(def.id, def);
}

/** Every registered step, in registration order (the editor's choices). */
export function nextStepCatalogue(): readonly NextStepDefinition[] {
  return [...registry.values()];
}

export function isRegisteredNextStep(id: string): boolean {
  return registry.has(id);
}

/**
 * The steps a handleguide offers (in the editor's order) that apply to this actor, with
 * hrefs filled in. Ids no longer registered are skipped (a module may be switched off), as
 * is a step whose route needs a value the context lacks (no child → no "Se barnets side").
 */
export function resolveNextSteps(ctx: NextStepContext, offered: readonly string[]): ResolvedNextStep[] {
  const out: ResolvedNextStep[] = [];
  const base = { childId: ctx.childId, positionId: ctx.position.id };
  for (const id of offered) {
    const def = registry.get(id);
    if (!def || !def.applies(ctx)) continue;
    const targets = def.forEachEntry ? ctx.entries.filter((e) => e.kind === def.forEachEntry) : [null];
    for (const entry of targets) {
      const values = entry ? { ...base, slug: entry.slug, entryId: entry.id, title: entry.title } : base;
      const href = fillTemplate(def.route, values, 'route');
      const da = fillTemplate(def.label.da, values, 'label');
      const en = fillTemplate(def.label.en, values, 'label');
      if (href && da && en) out.push({ id: entry ? `${id}:${entry.slug}` : id, label: { da, en }, href });
    }
  }
  return out;
}

// ── the steps that work in the product today ────────────────────────────────────────────
const staff = (ctx: NextStepContext) => ctx.actor.kind === 'staff' && ctx.actor.permissions.has('org.read');

registerNextStep({
  id: 'people.open_child',
  module: 'people',
  label: { da: 'Se barnets side', en: "Open the child's page" },
  description: { da: 'Barnets side med stamdata, indskrivninger og positioner.', en: "The child's page." },
  route: '/boern/{childId}',
  applies: (ctx) => ctx.actor.permissions.has('children.list'),
});

registerNextStep({
  id: 'guide.open_room',
  module: 'guide',
  label: { da: 'Åbn samarbejdsrummet {title}', en: 'Open the collaboration room {title}' },
  description: { da: 'Ét link pr. samarbejdsrum, handleguiden linker til.', en: 'One link per linked collaboration room.' },
  route: '/guide/{slug}',
  forEachEntry: 'samarbejdsrum',
  applies: staff,
});

registerNextStep({
  id: 'guide.contact_faggruppe',
  module: 'guide',
  label: { da: 'Kontakt {title}', en: 'Contact {title}' },
  description: { da: 'Sådan kontakter du faggruppen (fra dens indgang i samarbejdsguiden).', en: 'How to reach the professional group.' },
  route: '/guide/{slug}#kontakt',
  forEachEntry: 'faggruppe',
  applies: staff,
});

registerNextStep({
  id: 'guide.read_guideline',
  module: 'guide',
  label: { da: 'Læs retningslinjen: {title}', en: 'Read the guideline: {title}' },
  description: { da: 'Ét link pr. retningslinje, handleguiden linker til.', en: 'One link per linked guideline.' },
  route: '/guide/{slug}',
  forEachEntry: 'retningslinje',
  applies: staff,
});

registerNextStep({
  id: 'guide.use_tool',
  module: 'guide',
  label: { da: 'Brug mødeværktøjet {title}', en: 'Use the meeting tool {title}' },
  description: { da: 'Ét link pr. mødeværktøj, handleguiden linker til.', en: 'One link per linked meeting tool.' },
  route: '/guide/{slug}',
  forEachEntry: 'moedevaerktoej',
  applies: staff,
});

// S4: at a position of concern, start the shared stafetlog (the child page's panel opens it;
// the route itself checks that the viewer reaches the child and that no log is open yet).
registerNextStep({
  id: 'stafetlog.start',
  module: 'stafetlog',
  label: { da: 'Start stafetlog', en: 'Start a relay log' },
  description: { da: 'Opret en stafetlog for barnet, så fagpersonerne og forældrene deler bekymring, mål og handlinger.', en: 'Open a shared relay log for the child.' },
  route: '/boern/{childId}#stafetlog',
  applies: (ctx) => ctx.actor.kind === 'staff' && ctx.position.isConcern && ctx.actor.permissions.has('stafetlog.work'),
});

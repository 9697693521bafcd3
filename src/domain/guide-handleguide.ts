// The handleguide (domain.md S3; seed 002 Egedal: "konkrete handlingsanvisninger til … opsporing
// af børn i grøn, gul eller rød trivsel"; an inddragende netværksmøde is the first option for a
// child in yellow). One guide per municipality, scale and position ordinal — keyed on the
// ordinal, not the position row, so a new version of the scale keeps its guides — with
// immutable content versions like the samarbejdsguide's entries.

export const HANDLEGUIDE_LIMITS = {
  title: 200,
  whatToDo: 4_000,
  step: 300,
  steps: 15,
  entries: 12,
  nextSteps: 12,
} as const;

export interface HandleguideContent {
  title: string;
  whatToDo: string;
  /** What to do, in order. */
  steps: string[];
  /** Samarbejdsguide entries (rooms, professional groups, guidelines, tools) to link to. */
  entryIds: string[];
  /** Ids of registered next steps to offer, in the order the editor chose. */
  nextStepIds: string[];
}

const dedupe = (xs: readonly string[]) => [...new Set(xs)];

/** Trimmed text, empty steps dropped, duplicates removed: equal content compares equal. */
export function normaliseHandleguide(c: HandleguideContent): HandleguideContent {
  return {
    title: c.title.trim(),
    whatToDo: c.whatToDo.replace(/\r\n?/g, '\n').trim(),
    steps: c.steps.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean),
    entryIds: dedupe(c.entryIds),
    nextStepIds: dedupe(c.nextStepIds),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function sameHandleguideContent(a: HandleguideContent, b: HandleguideContent): boolean {
  return (
    a.title === b.title &&
    a.whatToDo === b.whatToDo &&
    sameList(a.steps, b.steps) &&
    sameList(a.entryIds, b.entryIds) &&
    sameList(a.nextStepIds, b.nextStepIds)
  );
}

/** Ids that are not among the known ones, in input order (for a 422 naming each path). */
export function unknownIds(ids: readonly string[], known: ReadonlySet<string>, path: string): { path: string; message: string }[] {
  return ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `${path}.${i}`, message: `Ukendt: ${id}` }]));
}

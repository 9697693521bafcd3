// Request and response schemas of the screening overviews (counts, suppressed; names only in
// the institution leader's lists).
import { z } from 'zod';
import { uuid } from '../shared/schema.ts';
import { positionOut } from './schema.ts';

export const overviewQuery = z.object({ roundId: uuid.optional() }).strict();
export const institutionParams = z.object({ id: uuid }).strict();

const coverageOut = z.object({
  total: z.number().int(),
  done: z.number().int(),
  rated: z.number().int(),
  notAssessed: z.number().int(),
  missing: z.number().int(),
  conflicts: z.number().int(),
  awaitingJoint: z.number().int(),
  ratio: z.number(),
  complete: z.boolean(),
});

/** One count: shown, "<5" (small), "–" (hidden to protect a small count), or part of a withheld row. */
const cellOut = z.object({
  ordinal: z.number().int(),
  value: z.number().int().nullable(),
  status: z.enum(['shown', 'small', 'hidden', 'withheld']),
});

export const distributionOut = z.object({
  /** Children with a position (always shown, like the coverage). */
  total: z.number().int(),
  withheld: z.boolean(),
  cells: z.array(cellOut),
  /** Share at a concern position, when it follows from the shown counts. */
  concernShare: z.number().nullable(),
});

const unitOut = z.object({
  id: uuid,
  name: z.string(),
  coverage: coverageOut,
  distribution: distributionOut,
  /** The same unit in the previous round, when the round covered it. */
  previous: distributionOut.nullable(),
  /** Change in the concern share, in percentage points, when both shares are known. */
  concernChange: z.number().nullable(),
});

const roundRef = z.object({ id: uuid, name: z.string(), opensOn: z.string(), closesOn: z.string() });
const roundChoice = roundRef.extend({ phase: z.enum(['planned', 'open', 'closed']), institutionTypes: z.array(z.string()) });

const institutionOut = unitOut.extend({
  districtId: uuid.nullable(),
  type: z.string(),
  /** The actor leads the institution: its lists of children are open to them. */
  lead: z.boolean(),
  groups: z.array(unitOut),
});

const header = {
  round: roundChoice.nullable(),
  previousRound: roundRef.nullable(),
  rounds: z.array(roundChoice),
  positions: z.array(positionOut),
  previousPositions: z.array(positionOut),
  /** Both rounds' scales line up ordinal by ordinal: counts may be compared position by position. */
  comparable: z.boolean(),
  threshold: z.number().int(),
};

export const overviewOut = z.object({
  ...header,
  municipality: unitOut.nullable(),
  districts: z.array(unitOut),
  institutions: z.array(institutionOut),
});

const placeOut = z.object({
  position: positionOut,
  roundName: z.string(),
  institutionName: z.string(),
  groupName: z.string(),
});

export const listedChildOut = z.object({
  id: uuid,
  firstName: z.string(),
  lastName: z.string(),
  groupName: z.string(),
  now: placeOut,
  previous: placeOut,
  /** Rated in another institution last time: a transition (dagpleje → børnehave → skole). */
  transition: z.boolean(),
});

export const institutionOverviewOut = z.object({
  ...header,
  about: z.object({ id: uuid, name: z.string(), type: z.string() }),
  /** The institution in the round; null when no round covers it yet. */
  institution: institutionOut.nullable(),
  /** Only for the institution's leader; aggregates only for everyone else. */
  lists: z.object({ worse: z.array(listedChildOut), concernTwice: z.array(listedChildOut) }).nullable(),
});

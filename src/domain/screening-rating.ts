// Fast entry of a group's ratings (issue 4, S2): a whole group is rated on one screen and saved
// in one request. Either every rating in the submission is good and all are saved, or none is:
// this rule lists every problem, so the rater can fix them all at once.

export interface RatingInput {
  childId: string;
  positionId: string | null;
  correctsId?: string | null | undefined;
}

export type RatingProblemCode =
  | 'screening.child_not_in_group'
  | 'screening.position_unknown'
  | 'screening.duplicate_rating'
  | 'screening.correction_invalid';

export interface RatingProblem {
  index: number;
  /** Field path in the request body, e.g. 'ratings.3.positionId'. */
  path: string;
  code: RatingProblemCode;
}

export interface RatingContext {
  /** Children currently enrolled in the group that the rater may see. */
  childrenInGroup: ReadonlySet<string>;
  /** Positions of the round's scale version. */
  positionIds: ReadonlySet<string>;
  /** The rater's own current rating id per child in this round (individual) or the current joint id. */
  currentByChild: ReadonlyMap<string, string>;
}

/** Every problem with a submission, in input order; empty means it may be saved whole. */
export function ratingProblems(items: readonly RatingInput[], ctx: RatingContext): RatingProblem[] {
  const out: RatingProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const at = (field: string, code: RatingProblemCode) => out.push({ index, path: `ratings.${index}.${field}`, code });
    if (!ctx.childrenInGroup.has(item.childId)) {
      at('childId', 'screening.child_not_in_group');
      return;
    }
    if (seen.has(item.childId)) at('childId', 'screening.duplicate_rating');
    seen.add(item.childId);
    if (item.positionId !== null && !ctx.positionIds.has(item.positionId)) at('positionId', 'screening.position_unknown');
    const current = ctx.currentByChild.get(item.childId);
    if (item.correctsId) {
      // A correction must point at what it corrects: the rater's current rating of this child.
      if (item.correctsId !== current) at('correctsId', 'screening.correction_invalid');
    } else if (current) {
      at('childId', 'screening.duplicate_rating');
    }
  });
  return out;
}

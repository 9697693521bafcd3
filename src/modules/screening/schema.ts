// Request and response schemas for screening: strict bodies (unknown fields refused).
import { z } from 'zod';
import { INSTITUTION_TYPES } from '../../domain/roles.ts';
import { day, uuid } from '../shared/schema.ts';
export { created, idParams } from '../shared/schema.ts';

const name = z.string().trim().min(1).max(200);

export const positionInput = z
  .object({
    label: z.string().trim().min(1).max(60),
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    meaning: z.string().trim().max(500).default(''),
    isConcern: z.boolean(),
  })
  .strict();

/** A new scale: from a ready template, or the municipality's own positions (best first). */
export const scaleCreate = z.union([
  z.object({ template: z.enum(['trafiklys', 'boernelinealen']), name: name.optional() }).strict(),
  z.object({ name, positions: z.array(positionInput).min(1).max(10) }).strict(),
]);

export const scaleVersionCreate = z.object({ positions: z.array(positionInput).min(1).max(10) }).strict();

const roundFields = {
  name,
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES)).min(1).max(INSTITUTION_TYPES.length),
  opensOn: day,
  closesOn: day,
  jointRatingRequired: z.boolean(),
};

export const roundCreate = z
  .object({ ...roundFields, jointRatingRequired: roundFields.jointRatingRequired.default(false), scaleId: uuid.optional() })
  .strict()
  .refine((r) => r.closesOn >= r.opensOn, { message: 'Runden lukker før den åbner', path: ['closesOn'] });

export const roundUpdate = z
  .object({
    name: roundFields.name.optional(),
    institutionTypes: roundFields.institutionTypes.optional(),
    opensOn: day.optional(),
    closesOn: day.optional(),
    jointRatingRequired: z.boolean().optional(),
  })
  .strict();

export const roundParams = z.object({ id: uuid }).strict();
export const groupParams = z.object({ id: uuid, groupId: uuid }).strict();

const note = z.string().trim().min(1).max(500);

/** One child's rating: a position, or not assessed with a reason; optionally a note; a correction names what it corrects. */
export const ratingInput = z
  .object({
    childId: uuid,
    positionId: uuid.nullable(),
    notAssessedReason: z.string().trim().min(1).max(300).optional(),
    note: note.optional(),
    correctsId: uuid.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.positionId === null && !r.notAssessedReason) {
      ctx.addIssue({ code: 'custom', path: ['notAssessedReason'], message: 'Angiv hvorfor barnet ikke er vurderet' });
    }
    if (r.positionId !== null && r.notAssessedReason) {
      ctx.addIssue({ code: 'custom', path: ['notAssessedReason'], message: 'Kun når barnet ikke er vurderet' });
    }
  });

/** A whole group in one request (25–30 children; at most 200 to bound a transaction). */
export const ratingsSubmit = z.object({ ratings: z.array(ratingInput).min(1).max(200) }).strict();

export const jointSubmit = z
  .object({ childId: uuid, positionId: uuid, note: note.optional(), correctsId: uuid.optional() })
  .strict();

// ── responses ──────────────────────────────────────────────────────────────────────────
export const positionOut = z.object({
  id: uuid,
  ordinal: z.number().int(),
  label: z.string(),
  colour: z.string(),
  meaning: z.string(),
  isConcern: z.boolean(),
});

export const scaleVersionOut = z.object({ id: uuid, number: z.number().int(), positions: z.array(positionOut) });
export const scaleOut = z.object({
  id: uuid,
  name: z.string(),
  template: z.string().nullable(),
  version: z.number().int(),
  versions: z.array(scaleVersionOut),
});
export const scalesOut = z.object({ items: z.array(scaleOut) });

export const roundOut = z.object({
  id: uuid,
  name: z.string(),
  institutionTypes: z.array(z.string()),
  scaleVersionId: uuid,
  opensOn: z.string(),
  closesOn: z.string(),
  jointRatingRequired: z.boolean(),
  phase: z.enum(['planned', 'open', 'closed']),
  version: z.number().int(),
});

/** The administrator's list of every round (also closed ones), one page at a time. */
export const roundPlansQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const roundPlanOut = roundOut.extend({
  scale: z.object({ id: uuid, name: z.string(), versionNumber: z.number().int() }),
  /** Ratings exist: the institution types can no longer change. */
  hasRatings: z.boolean(),
});
export const roundPlansOut = z.object({ items: z.array(roundPlanOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const roundListOut = z.object({
  items: z.array(
    roundOut.extend({
      groups: z.array(
        z.object({ id: uuid, name: z.string(), institutionId: uuid, institutionName: z.string(), relation: z.enum(['leader', 'professional']), mayRate: z.boolean() }),
      ),
    }),
  ),
});

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

const status = z.enum(['missing', 'not_assessed', 'rated', 'awaiting_joint', 'conflict', 'agreed']);

export const groupSheetOut = z.object({
  round: roundOut,
  group: z.object({ id: uuid, name: z.string(), institutionId: uuid, institutionName: z.string() }),
  relation: z.enum(['leader', 'professional']),
  mayRate: z.boolean(),
  late: z.boolean(),
  positions: z.array(positionOut),
  coverage: coverageOut,
  children: z.array(
    z.object({
      id: uuid,
      firstName: z.string(),
      lastName: z.string(),
      birthDate: z.string(),
      status,
      conflict: z.object({ conflict: z.boolean(), reasons: z.array(z.enum(['distance', 'concern_mix'])), maxDistance: z.number().int() }),
      effectivePositionId: uuid.nullable(),
      mayAgreeJoint: z.boolean(),
      mine: z
        .object({ id: uuid, positionId: uuid.nullable(), notAssessedReason: z.string().nullable(), note: z.string().nullable(), late: z.boolean(), createdAt: z.string() })
        .nullable(),
      others: z.array(z.object({ raterName: z.string(), positionId: uuid.nullable(), notAssessed: z.boolean() })),
      joint: z.object({ id: uuid, positionId: uuid, note: z.string().nullable(), agreedBy: z.string(), createdAt: z.string() }).nullable(),
    }),
  ),
});

export const savedOut = z.object({ saved: z.array(z.object({ id: uuid, childId: uuid })) });

export const progressOut = z.object({
  round: roundOut,
  total: coverageOut,
  institutions: z.array(
    z.object({
      id: uuid,
      name: z.string(),
      districtId: uuid.nullable(),
      coverage: coverageOut,
      groups: z.array(z.object({ id: uuid, name: z.string(), coverage: coverageOut })),
    }),
  ),
});

export const childHistoryOut = z.object({
  childId: uuid,
  rounds: z.array(
    z.object({
      round: z.object({ id: uuid, name: z.string(), opensOn: z.string(), closesOn: z.string() }),
      institutionName: z.string(),
      groupName: z.string(),
      status,
      effectivePosition: positionOut.nullable(),
      conflict: z.boolean(),
      joint: z.object({ position: positionOut, note: z.string().nullable(), agreedBy: z.string(), createdAt: z.string() }).nullable(),
      ratings: z.array(
        z.object({
          raterName: z.string(),
          position: positionOut.nullable(),
          notAssessedReason: z.string().nullable(),
          note: z.string().nullable(),
          late: z.boolean(),
          corrected: z.boolean(),
          createdAt: z.string(),
        }),
      ),
    }),
  ),
});

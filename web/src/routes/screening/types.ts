// Response shapes of the screening API (src/modules/screening/schema.ts), as the web app reads them.
export interface ScreeningPosition {
  id: string;
  ordinal: number;
  label: string;
  colour: string;
  meaning: string;
  isConcern: boolean;
}

export interface ScreeningRound {
  id: string;
  name: string;
  institutionTypes: string[];
  scaleVersionId: string;
  opensOn: string;
  closesOn: string;
  jointRatingRequired: boolean;
  phase: 'planned' | 'open' | 'closed';
  version: number;
}

export interface RoundListItem extends ScreeningRound {
  groups: { id: string; name: string; institutionId: string; institutionName: string; relation: 'leader' | 'professional'; mayRate: boolean }[];
}

export interface RoundList {
  items: RoundListItem[];
}

export interface Coverage {
  total: number;
  done: number;
  rated: number;
  notAssessed: number;
  missing: number;
  conflicts: number;
  awaitingJoint: number;
  ratio: number;
  complete: boolean;
}

export type ChildStatus = 'missing' | 'not_assessed' | 'rated' | 'awaiting_joint' | 'conflict' | 'agreed';

export interface SheetChild {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  status: ChildStatus;
  conflict: { conflict: boolean; reasons: ('distance' | 'concern_mix')[]; maxDistance: number };
  effectivePositionId: string | null;
  mayAgreeJoint: boolean;
  mine: { id: string; positionId: string | null; notAssessedReason: string | null; note: string | null; late: boolean; createdAt: string } | null;
  others: { raterName: string; positionId: string | null; notAssessed: boolean }[];
  joint: { id: string; positionId: string; note: string | null; agreedBy: string; createdAt: string } | null;
}

export interface GroupSheet {
  round: ScreeningRound;
  group: { id: string; name: string; institutionId: string; institutionName: string };
  relation: 'leader' | 'professional';
  mayRate: boolean;
  late: boolean;
  positions: ScreeningPosition[];
  coverage: Coverage;
  children: SheetChild[];
}

export interface RatingInput {
  childId: string;
  positionId: string | null;
  notAssessedReason?: string;
  note?: string;
  correctsId?: string;
}

export interface Saved {
  saved: { id: string; childId: string }[];
}

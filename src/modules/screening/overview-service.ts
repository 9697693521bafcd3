// Screening overviews (S2, issue 4 item 5): the distribution of effective positions per group,
// institution, district and municipality with its change since the previous round, and — for
// the institution's own leader only — the children who moved to a worse position or were at a
// concern position in two rounds in a row. Counts are suppressed (domain/small-cells.ts) and
// not audited per child (no child is named, as with progress); every listed child is audited.
//
// Who sees what (the permission says what kind of work, the role in the unit says where):
//   screening.progress + leder of an institution            → that institution with its groups;
//   screening.progress + distriktsfacilitator/leder of a district → its institutions and the district;
//   screening.progress + screening.manage (administrator)   → every district and the municipality;
//   screening.lead + leder of the institution               → also the lists of named children.
import type { Actor } from '../../access/actor.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import type { Row } from '../../db/types.ts';
import { childRoundStatus, currentRows, effectivePositionId } from '../../domain/screening-conflict.ts';
import {
  addDistributions,
  comparableScales,
  concernShare,
  concernTwiceInARow,
  distribution,
  latestOpenedRound,
  movedWorse,
  previousComparableRound,
  previousScreening,
} from '../../domain/screening-overview.ts';
import { addCoverage, coverage, enrolmentDay, roundPhase, type ChildRoundStatus, type Coverage } from '../../domain/screening-round.ts';
import { protectTable, SMALL_CELL_THRESHOLD, type ProtectedRow, type TableRow } from '../../domain/small-cells.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import { currentByChild, raterPositions } from './coverage.ts';
import * as orepo from './overview-repo.ts';
import { mayManage, mayViewProgress } from './policy.ts';
import { presentPosition } from './presenter.ts';
import * as repo from './repo.ts';

type Round = Row<'screeningRounds'>;
type Position = Row<'screeningPositions'>;
type Group = Awaited<ReturnType<typeof orepo.groupsInReach>>[number];
type PolicyActor = Pick<Actor, 'memberships' | 'permissions'>;

// ── policy (pure) ──────────────────────────────────────────────────────────────────────
/** The units whose counts the actor may see; mayViewProgress (policy.ts) decides each institution. */
export function overviewReach(actor: PolicyActor) {
  const ids = (pick: (m: Actor['memberships'][number]) => boolean) => [...new Set(actor.memberships.filter(pick).map((m) => m.unitId))];
  return {
    all: mayManage(actor),
    districtIds: ids((m) => m.unitKind === 'district' && (m.role === 'distriktsfacilitator' || m.role === 'leder')),
    institutionIds: ids((m) => m.unitKind === 'institution' && m.role === 'leder'),
  };
}

/** Named children (the two lists) only for the institution's own leader. */
export function mayListChildren(actor: PolicyActor, institutionId: string): boolean {
  return actor.permissions.has('screening.lead') && actor.memberships.some((m) => m.role === 'leder' && m.unitKind === 'institution' && m.unitId === institutionId);
}

// ── one round's counts ─────────────────────────────────────────────────────────────────
interface RoundCounts {
  round: Round;
  /** The round's positions, best first. */
  positions: Position[];
  groups: Group[];
  byGroup: Map<string, { coverage: Coverage; counts: number[] }>;
  /** Each enrolled child's effective position (joint if agreed), or null. */
  effective: Map<string, Position | null>;
}

async function roundCounts(scope: Scope, round: Round, reachable: readonly Group[]): Promise<RoundCounts> {
  const groups = reachable.filter((g) => round.institutionTypes.includes(g.institutionType));
  const day = enrolmentDay(round, scope.today);
  const groupIds = groups.map((g) => g.id);
  const enrolled = await repo.enrolledByGroup(scope, groupIds, day);
  const rows = await orepo.ratingStatesOfEnrolled(scope, round.id, groupIds, day);
  const positions = (await repo.positionsOf(scope, [round.scaleVersionId])).sort((a, b) => a.ordinal - b.ordinal);
  const byId = new Map(positions.map((p) => [p.id, p]));
  const rowsByChild = currentByChild(rows);

  const statusOf = new Map<string, ChildRoundStatus>();
  const effective = new Map<string, Position | null>();
  const judge = (childId: string) => {
    if (statusOf.has(childId)) return;
    const own = rowsByChild.get(childId) ?? [];
    const raters = raterPositions(own, byId);
    const joint = own.find((r) => r.kind === 'joint') ?? null;
    statusOf.set(childId, childRoundStatus(raters, joint !== null, round.jointRatingRequired));
    const id = effectivePositionId(raters, joint?.positionId ?? null);
    effective.set(childId, id ? (byId.get(id) ?? null) : null);
  };
  const childrenOf = new Map<string, string[]>();
  for (const e of enrolled) {
    judge(e.childId);
    childrenOf.set(e.groupId, [...(childrenOf.get(e.groupId) ?? []), e.childId]);
  }
  const ordinals = positions.map((p) => p.ordinal);
  const byGroup = new Map(
    groups.map((g) => {
      const kids = childrenOf.get(g.id) ?? [];
      return [g.id, { coverage: coverage(kids.map((c) => statusOf.get(c)!)), counts: distribution(ordinals, kids.map((c) => effective.get(c) ?? null)) }];
    }),
  );
  return { round, positions, groups, byGroup, effective };
}

// ── the unit tree (municipality → district → institution → group) ──────────────────────
interface Unit {
  key: string;
  id: string;
  name: string;
  parentKey: string | null;
  coverage: Coverage;
  counts: number[];
}

/** Units of the round with counts summed upwards; the shape follows the actor's reach. */
function unitTree(scope: Scope, counts: RoundCounts, reach: ReturnType<typeof overviewReach>): Map<string, Unit> {
  const width = counts.positions.length;
  const units = new Map<string, Unit>();
  const add = (key: string, id: string, name: string, parentKey: string | null, part: { coverage: Coverage; counts: number[] }) => {
    const u = units.get(key);
    if (u) {
      u.coverage = addCoverage([u.coverage, part.coverage]);
      u.counts = addDistributions(width, [u.counts, part.counts]);
    } else units.set(key, { key, id, name, parentKey, coverage: part.coverage, counts: part.counts });
  };
  const municipalityKey = `m:${scope.municipalityId}`;
  for (const g of counts.groups) {
    const own = counts.byGroup.get(g.id)!;
    const inDistrict = g.districtId !== null && (reach.all || reach.districtIds.includes(g.districtId));
    const institutionParent = inDistrict ? `d:${g.districtId}` : reach.all ? municipalityKey : null;
    add(`g:${g.id}`, g.id, g.name, `i:${g.institutionId}`, own);
    add(`i:${g.institutionId}`, g.institutionId, g.institutionName, institutionParent, own);
    if (inDistrict) add(`d:${g.districtId}`, g.districtId!, g.districtName ?? '', reach.all ? municipalityKey : null, own);
    if (reach.all) add(municipalityKey, scope.municipalityId, '', null, own);
  }
  return units;
}

/** Memo of suppressions: the overview and an institution's page ask for the same table within seconds. */
const suppressed = new Map<string, Map<string, ProtectedRow>>();
function protect(units: Map<string, Unit>): Map<string, ProtectedRow> {
  const rows: TableRow[] = [...units.values()].map((u) => ({ id: u.key, parentId: u.parentKey, cells: u.counts }));
  const key = JSON.stringify(rows);
  const hit = suppressed.get(key);
  if (hit) return hit;
  const out = protectTable(rows);
  suppressed.set(key, out);
  if (suppressed.size > 32) suppressed.delete(suppressed.keys().next().value!);
  return out;
}

interface Table {
  counts: RoundCounts;
  units: Map<string, Unit>;
  protected: Map<string, ProtectedRow>;
}

async function table(scope: Scope, round: Round, groups: readonly Group[], reach: ReturnType<typeof overviewReach>): Promise<Table> {
  const counts = await roundCounts(scope, round, groups);
  const units = unitTree(scope, counts, reach);
  return { counts, units, protected: protect(units) };
}

function presentDistribution(t: Table, key: string) {
  const p = t.protected.get(key);
  if (!p) return null;
  const cells = p.cells.map((c, i) => ({ ordinal: t.counts.positions[i]!.ordinal, value: c.value, status: c.status }));
  return {
    total: p.total,
    withheld: p.cells.some((c) => c.status === 'withheld'),
    cells,
    concernShare: concernShare(
      p.total,
      p.cells.map((c, i) => ({ isConcern: t.counts.positions[i]!.isConcern, value: c.value })),
    ),
  };
}

function presentUnit(now: Table, before: Table | null, key: string) {
  const u = now.units.get(key)!;
  const distributionNow = presentDistribution(now, key)!;
  const previous = before ? presentDistribution(before, key) : null;
  const change =
    distributionNow.concernShare !== null && previous?.concernShare != null ? Math.round((distributionNow.concernShare - previous.concernShare) * 1000) / 10 : null;
  return { id: u.id, name: u.name, coverage: u.coverage, distribution: distributionNow, previous, concernChange: change };
}

// ── rounds ─────────────────────────────────────────────────────────────────────────────
const presentRoundRef = (r: Round) => ({ id: r.id, name: r.name, opensOn: r.opensOn, closesOn: r.closesOn });
const presentRoundChoice = (r: Round, today: string) => ({ ...presentRoundRef(r), phase: roundPhase(r, today), institutionTypes: r.institutionTypes });

/** The asked-for round (404 when unknown or another municipality's; 409 before it opens), or the latest opened one. */
async function chooseRound(scope: Scope, roundId: string | undefined, choices: readonly Round[]): Promise<Round | null> {
  if (!roundId) return latestOpenedRound(choices, scope.today);
  const round = await repo.findRound(scope, roundId);
  if (!round) throw new AppError('screening.round_not_found', 404);
  if (round.opensOn > scope.today) throw new AppError('screening.round_not_open', 409);
  return round;
}

/** Groups the actor may see counts for (policy.ts decides per institution), or 403 (audited) when none. */
async function reachableGroups(scope: Scope, actor: Actor) {
  scope.require('screening.progress', { resourceType: 'screening_overview' });
  const reach = overviewReach(actor);
  if (!reach.all && reach.districtIds.length + reach.institutionIds.length === 0) {
    scope.deny({ resourceType: 'screening_overview' }, new AppError('access.denied', 403));
  }
  const groups = (await orepo.groupsInReach(scope, reach.all ? { all: true } : reach)).filter((g) => mayViewProgress(actor, { id: g.institutionId, districtId: g.districtId }));
  return { reach, groups };
}

async function roundsAndTables(scope: Scope, roundId: string | undefined, groups: readonly Group[], reach: ReturnType<typeof overviewReach>, types: readonly string[]) {
  const opened = await orepo.roundsOpenedBy(scope, scope.today);
  const choices = opened.filter((r) => reach.all || r.institutionTypes.some((t) => types.includes(t)));
  const round = await chooseRound(scope, roundId, choices);
  const previousRound = round ? previousComparableRound(opened, round) : null;
  const now = round ? await table(scope, round, groups, reach) : null;
  const before = previousRound ? await table(scope, previousRound, groups, reach) : null;
  const header = {
    round: round ? presentRoundChoice(round, scope.today) : null,
    previousRound: previousRound ? presentRoundRef(previousRound) : null,
    rounds: choices.map((r) => presentRoundChoice(r, scope.today)),
    positions: now ? now.counts.positions.map(presentPosition) : [],
    previousPositions: before ? before.counts.positions.map(presentPosition) : [],
    comparable: Boolean(now && before && comparableScales(now.counts.positions, before.counts.positions)),
    threshold: SMALL_CELL_THRESHOLD,
  };
  return { round, now, before, header };
}

function presentInstitution(actor: Actor, now: Table, before: Table | null, institutionId: string, withGroups: boolean) {
  const g0 = now.counts.groups.find((g) => g.institutionId === institutionId)!;
  const groups = withGroups ? now.counts.groups.filter((g) => g.institutionId === institutionId).map((g) => presentUnit(now, before, `g:${g.id}`)) : [];
  return { ...presentUnit(now, before, `i:${institutionId}`), districtId: g0.districtId, type: g0.institutionType, lead: mayListChildren(actor, institutionId), groups };
}

// ── use cases ──────────────────────────────────────────────────────────────────────────
/** GET /api/screening/overview: every unit the actor may see, counts only. */
export function overview(ctx: AppContext, actor: Actor, roundId: string | undefined) {
  return withScope(ctx, actor, async (scope) => {
    const { reach, groups } = await reachableGroups(scope, actor);
    const { now, before, header } = await roundsAndTables(scope, roundId, groups, reach, [...new Set(groups.map((g) => g.institutionType))]);
    if (!now) return { ...header, municipality: null, districts: [], institutions: [] };
    const keys = [...now.units.keys()];
    const institutionIds = [...new Set(now.counts.groups.map((g) => g.institutionId))];
    return {
      ...header,
      // A round no group takes part in has no municipality row to present.
      municipality: reach.all && now.units.has(`m:${scope.municipalityId}`) ? presentUnit(now, before, `m:${scope.municipalityId}`) : null,
      districts: keys.filter((k) => k.startsWith('d:')).map((k) => presentUnit(now, before, k)),
      institutions: institutionIds.map((id) => presentInstitution(actor, now, before, id, mayListChildren(actor, id))),
    };
  });
}

/** GET /api/screening/overview/institutions/:id: per group; the lists of children for its leader only. */
export function institutionOverview(ctx: AppContext, actor: Actor, institutionId: string, roundId: string | undefined) {
  return withScope(ctx, actor, async (scope) => {
    const { reach, groups } = await reachableGroups(scope, actor);
    const institution = await orepo.findInstitution(scope, institutionId);
    if (!institution || !mayViewProgress(actor, { id: institution.id, districtId: institution.districtId })) {
      return scope.deny({ resourceType: 'institution', resourceId: institutionId }, new AppError('institution.not_found', 404));
    }
    const { round, now, before, header } = await roundsAndTables(scope, roundId, groups, reach, [institution.type]);
    const about = { id: institution.id, name: institution.name, type: institution.type };
    if (!round || !now) return { ...header, about, institution: null, lists: null };
    if (!round.institutionTypes.includes(institution.type)) throw new AppError('screening.round_not_for_institution', 422);
    const covered = now.units.has(`i:${institution.id}`);
    return {
      ...header,
      about,
      institution: covered ? presentInstitution(actor, now, before, institution.id, true) : null,
      lists: mayListChildren(actor, institution.id) ? await childLists(scope, now, institution.id) : null,
    };
  });
}

// ── the leader's lists ─────────────────────────────────────────────────────────────────
async function childLists(scope: Scope, now: Table, institutionId: string) {
  const round = now.counts.round;
  const groupIds = now.counts.groups.filter((g) => g.institutionId === institutionId).map((g) => g.id);
  const groupName = new Map(now.counts.groups.map((g) => [g.id, g.name]));
  const seen = new Set<string>();
  // Enrolled in the institution at the round and visible to the leader now (so the link to the child works).
  const children = (await orepo.visibleChildrenInGroups(scope, groupIds, enrolmentDay(round, scope.today))).filter((c) => !seen.has(c.id) && seen.add(c.id));
  const placedNow = children.filter((c) => now.counts.effective.get(c.id));
  const history = await orepo.ratingsClosedBefore(scope, placedNow.map((c) => c.id), round.opensOn);
  const positions = new Map((await repo.positionsOf(scope, [...new Set(history.map((h) => h.scaleVersionId))])).map((p) => [p.id, p]));
  const byChild = new Map<string, typeof history>();
  for (const h of history) byChild.set(h.childId, [...(byChild.get(h.childId) ?? []), h]);

  const worse: ListedChild[] = [];
  const concernTwice: ListedChild[] = [];
  for (const c of placedNow) {
    const rows = byChild.get(c.id) ?? [];
    const rounds = [...new Map(rows.map((r) => [r.roundId, { id: r.roundId, opensOn: r.opensOn, closesOn: r.closesOn }])).values()];
    const prevRound = previousScreening(rounds, round);
    if (!prevRound) continue;
    const own = currentRows(rows.filter((r) => r.roundId === prevRound.id));
    const joint = own.find((r) => r.kind === 'joint') ?? null;
    const raters = raterPositions(own, positions);
    const prevId = effectivePositionId(raters, joint?.positionId ?? null);
    const prev = prevId ? positions.get(prevId) : undefined;
    const cur = now.counts.effective.get(c.id)!;
    if (!prev) continue;
    const flags = { worse: movedWorse(prev, cur), twice: concernTwiceInARow(prev, cur) };
    if (!flags.worse && !flags.twice) continue;
    const where = joint ?? own.at(-1)!;
    const item: ListedChild = {
      id: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      groupName: groupName.get(c.groupId) ?? '',
      now: { position: presentPosition(cur), roundName: round.name, institutionName: now.units.get(`i:${institutionId}`)!.name, groupName: groupName.get(c.groupId) ?? '' },
      previous: { position: presentPosition(prev), roundName: where.roundName, institutionName: where.institutionName, groupName: where.groupName },
      transition: where.institutionId !== institutionId,
    };
    if (flags.worse) worse.push(item);
    if (flags.twice) concernTwice.push(item);
    scope.audit({
      action: 'list',
      resourceType: 'screening_rating',
      resourceId: c.id,
      childId: c.id,
      details: { roundId: round.id, institutionId, lists: [...(flags.worse ? ['worse'] : []), ...(flags.twice ? ['concern_twice'] : [])] },
    });
  }
  const byGroupThenName = (a: ListedChild, b: ListedChild) => a.groupName.localeCompare(b.groupName, 'da') || a.lastName.localeCompare(b.lastName, 'da') || a.firstName.localeCompare(b.firstName, 'da');
  return { worse: worse.sort(byGroupThenName), concernTwice: concernTwice.sort(byGroupThenName) };
}

interface Place {
  position: ReturnType<typeof presentPosition>;
  roundName: string;
  institutionName: string;
  groupName: string;
}

interface ListedChild {
  id: string;
  firstName: string;
  lastName: string;
  groupName: string;
  now: Place;
  previous: Place;
  transition: boolean;
}

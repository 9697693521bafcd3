// Earlier screening rounds for the demo municipality (issue 4 item 5), so the overviews show a
// change since the last round, children who moved to a worse position and children at gul/rød
// twice in a row — also across a transition (dagpleje/vuggestue → børnehave, børnehave → skole).
// Two closed rounds, about a year and half a year before `today`, for the same institution
// types and scale as the open demo round; every child enrolled in a group on a round's closing
// day is rated by a fagperson of the group (or the institution's leader) — a few are marked
// not assessed and a few were never rated, as in real life.
//
// Deterministic: ids and positions come from hashes of fixed labels and the child's id, so the
// same `today` gives the same rows. Written in one scoped transaction as one audited import,
// like the rest of the demo seed (bulk rows, not one service call per rating).
import { createHash } from 'node:crypto';
import { systemActor } from '../access/actor.ts';
import { withScope, type DataContext, type Scope } from '../access/scope.ts';
import type { NewRow } from '../db/types.ts';
import { addDays } from '../domain/calendar.ts';
import { overlappingRounds } from '../domain/screening-round.ts';
import { DEMO_MUNICIPALITY_ID } from './demo-data.ts';

const TYPES = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'skole'];
/** The demo leader's børnehave: its lists of children to follow up are sure not to be empty. */
const LEADER_INSTITUTION = 'Børnehaven Solsikken';
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const NOT_ASSESSED_REASON = 'Barnet var syg i hele perioden';

/** The two earlier rounds: about a year and half a year back, each three weeks long. */
export function historyRounds(today: string) {
  return [
    { key: 'earlier', opensOn: addDays(today, -371), closesOn: addDays(today, -351) },
    { key: 'previous', opensOn: addDays(today, -189), closesOn: addDays(today, -169) },
  ].map((r) => ({ ...r, id: uuidFrom(`round:${r.key}:${today}`), name: `Trivselsvurdering ${MONTHS[Number(r.opensOn.slice(5, 7)) - 1]} ${r.opensOn.slice(0, 4)}` }));
}

const hash = (label: string) => createHash('sha256').update(`tidlig-demo-screening:${label}`).digest('hex');

/** A v4-formatted UUID from a label. */
function uuidFrom(label: string): string {
  const h = hash(label);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${(8 + (parseInt(h[16]!, 16) & 3)).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A number in [0, 1) from a label. */
const chance = (label: string) => parseInt(hash(label).slice(0, 8), 16) / 2 ** 32;

interface Placement {
  childId: string;
  groupId: string;
  institutionId: string;
}

/** The child's group on the day (one per child: the first by group id), in institutions the rounds cover. */
async function placementsOn(scope: Scope, day: string): Promise<Map<string, Placement>> {
  const rows = await scope.trx
    .selectFrom('enrolments as e')
    .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'e.municipalityId').onRef('i.id', '=', 'e.institutionId'))
    .select(['e.childId', 'e.groupId', 'e.institutionId'])
    .where('i.type', 'in', TYPES)
    .where('e.groupId', 'is not', null)
    .where('e.validFrom', '<=', day)
    .where((eb) => eb.or([eb('e.validTo', 'is', null), eb('e.validTo', '>=', day)]))
    .orderBy('e.childId')
    .orderBy('e.groupId')
    .execute();
  const out = new Map<string, Placement>();
  for (const r of rows) if (!out.has(r.childId)) out.set(r.childId, { childId: r.childId, groupId: r.groupId!, institutionId: r.institutionId });
  return out;
}

/** Who rates on the day: the group's fagperson, else the institution's leader. */
async function ratersOn(scope: Scope, day: string) {
  const rows = await scope.trx
    .selectFrom('memberships')
    .select(['userId', 'role', 'unitKind', 'unitId'])
    .where((eb) => eb.or([eb.and([eb('role', '=', 'fagperson'), eb('unitKind', '=', 'group')]), eb.and([eb('role', '=', 'leder'), eb('unitKind', '=', 'institution')])]))
    .where('validFrom', '<=', day)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', day)]))
    .orderBy('userId')
    .execute();
  const byUnit = new Map<string, string>();
  for (const r of rows) if (!byUnit.has(r.unitId)) byUnit.set(r.unitId, r.userId);
  return (p: Placement) => byUnit.get(p.groupId) ?? byUnit.get(p.institutionId) ?? null;
}

export async function seedScreeningHistory(ctx: DataContext, today: string): Promise<{ rounds: number; ratings: number }> {
  return withScope(ctx, systemActor(DEMO_MUNICIPALITY_ID, 'Demo-data: tidligere trivselsrunder'), async (scope) => {
    const planned = await scope.trx.selectFrom('screeningRounds').select(['id', 'opensOn', 'closesOn', 'institutionTypes', 'scaleVersionId']).orderBy('opensOn', 'desc').execute();
    if (!planned[0]) throw new Error('seedScreeningHistory: plan the open demo round first (it names the scale)');
    const scaleVersionId = planned[0].scaleVersionId;
    const positions = await scope.trx.selectFrom('screeningPositions').select(['id', 'ordinal']).where('scaleVersionId', '=', scaleVersionId).orderBy('ordinal').execute();
    const rounds = historyRounds(today);
    for (const r of rounds) {
      if (overlappingRounds(planned, { ...r, institutionTypes: TYPES }).length) throw new Error(`seedScreeningHistory: ${r.name} overlaps a planned round`);
    }

    const places: Map<string, Placement>[] = [];
    const raters: Awaited<ReturnType<typeof ratersOn>>[] = [];
    for (const r of rounds) {
      places.push(await placementsOn(scope, r.closesOn));
      raters.push(await ratersOn(scope, r.closesOn));
    }
    // Position level per child and round: 0 = the best position. Most children are well (about
    // 16 % at a concern position, as seed 001's Halsnæs figure); a few drift a step between
    // rounds, and a change of institution in between adds some risk.
    const last = positions.length - 1;
    const level = new Map<string, number[]>();
    const base = (child: string) => {
      const u = chance(`${child}:base`);
      return u < 0.86 ? 0 : u < 0.96 ? 1 : 2;
    };
    for (const child of new Set([...places[0]!.keys(), ...places[1]!.keys()])) {
      const levels = rounds.map((_, k) => {
        const u = chance(`${child}:round${k}`);
        return base(child) + (u < 0.06 ? 1 : u < 0.16 ? -1 : 0);
      });
      const before = places[0]!.get(child);
      const after = places[1]!.get(child);
      if (before && after && before.institutionId !== after.institutionId && chance(`${child}:transition`) < 0.25) levels[1]! += 1;
      level.set(child, levels.map((l) => Math.max(0, Math.min(last, l))));
    }
    const forced = await leaderCases(scope, today, places);
    for (const [child, levels] of forced) level.set(child, levels.map((l) => Math.min(last, l)));

    const ratings: NewRow<'screeningRatings'>[] = [];
    rounds.forEach((r, k) => {
      const createdAt = new Date(`${addDays(r.closesOn, -2)}T09:00:00Z`);
      for (const p of places[k]!.values()) {
        const rater = raters[k]!(p);
        const u = chance(`${p.childId}:assessed${k}`);
        if (!rater || (!forced.has(p.childId) && u < 0.02)) continue; // never rated in that round
        const notAssessed = !forced.has(p.childId) && u < 0.032;
        ratings.push({
          municipalityId: DEMO_MUNICIPALITY_ID,
          id: uuidFrom(`rating:${r.id}:${p.childId}`),
          roundId: r.id,
          scaleVersionId,
          childId: p.childId,
          groupId: p.groupId,
          institutionId: p.institutionId,
          raterUserId: rater,
          kind: 'individual',
          positionId: notAssessed ? null : positions[level.get(p.childId)![k]!]!.id,
          notAssessedReason: notAssessed ? NOT_ASSESSED_REASON : null,
          note: null,
          correctsId: null,
          late: false,
          createdAt,
        });
      }
    });

    await scope.trx
      .insertInto('screeningRounds')
      .values(rounds.map((r) => ({ municipalityId: DEMO_MUNICIPALITY_ID, id: r.id, name: r.name, institutionTypes: TYPES, scaleVersionId, opensOn: r.opensOn, closesOn: r.closesOn, jointRatingRequired: false })))
      .execute();
    // ~16 columns a row: 1,000 rows stay well under PostgreSQL's 65,535 parameters.
    for (let i = 0; i < ratings.length; i += 1000) await scope.trx.insertInto('screeningRatings').values(ratings.slice(i, i + 1000)).execute();
    scope.audit({ action: 'import', resourceType: 'demo_screening_history', details: { rounds: rounds.length, ratings: ratings.length } });
    return { rounds: rounds.length, ratings: ratings.length };
  });
}

/**
 * Children of the demo leader's børnehave (there at the last round and still there today, so
 * she can open them) who make her lists: one who came from another institution and moved to a
 * worse position, one from gul to rød, one from rød to gul (concern twice in a row).
 */
async function leaderCases(scope: Scope, today: string, places: readonly Map<string, Placement>[]): Promise<Map<string, number[]>> {
  const institution = await scope.trx.selectFrom('institutions').select('id').where('name', '=', LEADER_INSTITUTION).executeTakeFirst();
  if (!institution) return new Map();
  const now = await placementsOn(scope, today);
  const candidates = [...places[1]!.values()].filter((p) => p.institutionId === institution.id && now.get(p.childId)?.institutionId === institution.id && places[0]!.has(p.childId));
  const movedIn = candidates.filter((p) => places[0]!.get(p.childId)!.institutionId !== institution.id);
  const stayed = candidates.filter((p) => places[0]!.get(p.childId)!.institutionId === institution.id);
  const out = new Map<string, number[]>();
  if (movedIn[0]) out.set(movedIn[0].childId, [0, 1]);
  if (stayed[0]) out.set(stayed[0].childId, [1, 2]);
  if (stayed[1]) out.set(stayed[1].childId, [2, 1]);
  return out;
}

// The demo municipality's stafetlog (S4, seed 004 Nyborg): one open log for a child in the demo
// pædagog's stue, with the pædagog as stafetholder and the district's sundhedsplejerske taking
// part under a paper consent signed by both custody holders; differing levels of concern (the
// point of the stafetlog: "we must be clearer about the level of concern, also when we see it
// differently"), goals, actions with owners and dates, an evaluation, and the words of the
// child and the parents. Written through the services (validated, audited), as the people
// themselves would. Fictitious content; dates relative to `today`.
import { citizenActor, staffActor, type Actor, type ActorMembership } from '../access/actor.ts';
import { systemActor } from '../access/actor.ts';
import { withScope, type DataContext } from '../access/scope.ts';
import { addDays } from '../domain/calendar.ts';
import { isRole } from '../domain/roles.ts';
import * as consent from '../modules/consent/service.ts';
import * as stafetlog from '../modules/stafetlog/service.ts';
import { DEMO_MUNICIPALITY_ID } from './demo-data.ts';

interface Person {
  id: string;
  displayName: string;
  memberships: ActorMembership[];
}

/** A demo login's user with the memberships they hold today. */
async function demoUser(ctx: DataContext, username: string, today: string): Promise<Person | null> {
  return withScope(ctx, systemActor(DEMO_MUNICIPALITY_ID, 'Demo-data: stafetlog'), async (scope) => {
    const user = await scope.trx.selectFrom('users').select(['id', 'displayName']).where('username', '=', username).executeTakeFirst();
    if (!user) return null;
    const rows = await scope.trx
      .selectFrom('memberships')
      .select(['role', 'unitKind', 'unitId'])
      .where('userId', '=', user.id)
      .where('validFrom', '<=', today)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', today)]))
      .execute();
    return { ...user, memberships: rows.flatMap((m) => (isRole(m.role) ? [{ role: m.role, unitKind: m.unitKind, unitId: m.unitId }] : [])) };
  });
}

/** The first child (by id) in the pædagog's stue today with two custody holders, and those holders. */
async function demoChild(ctx: DataContext, groupIds: string[], today: string) {
  if (groupIds.length === 0) return null;
  return withScope(ctx, systemActor(DEMO_MUNICIPALITY_ID, 'Demo-data: stafetlog'), async (scope) => {
    const children = await scope.trx
      .selectFrom('enrolments')
      .select('childId')
      .where('groupId', 'in', groupIds)
      .where('validFrom', '<=', today)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', today)]))
      .orderBy('childId')
      .execute();
    for (const { childId } of children) {
      const holders = await scope.trx
        .selectFrom('childCustody as cc')
        .innerJoin('custodyHolders as h', (j) => j.onRef('h.municipalityId', '=', 'cc.municipalityId').onRef('h.id', '=', 'cc.custodyHolderId'))
        .select(['h.id', 'h.firstName', 'h.lastName'])
        .where('cc.childId', '=', childId)
        .where('cc.hasCustody', '=', true)
        .where('cc.validFrom', '<=', today)
        .where((eb) => eb.or([eb('cc.validTo', 'is', null), eb('cc.validTo', '>=', today)]))
        .orderBy('h.id')
        .execute();
      if (holders.length === 2) return { childId, holders };
    }
    return null;
  });
}

const staff = (p: Person): Actor => staffActor({ municipalityId: DEMO_MUNICIPALITY_ID, userId: p.id, displayName: p.displayName, memberships: p.memberships });

/** One open demo stafetlog; null when the demo lacks the people or a fitting child (or one is open already). */
export async function seedDemoStafetlog(ctx: DataContext, today: string): Promise<{ logId: string; childId: string } | null> {
  const paedagog = await demoUser(ctx, 'paedagog', today);
  const sundhed = await demoUser(ctx, 'sundhedsplejerske', today);
  if (!paedagog || !sundhed) return null;
  const found = await demoChild(
    ctx,
    paedagog.memberships.filter((m) => m.unitKind === 'group').map((m) => m.unitId),
    today,
  );
  if (!found) return null;
  const { childId, holders } = found;
  const [mor, far] = holders as [(typeof holders)[number], (typeof holders)[number]];
  const asPaedagog = staff(paedagog);
  const asSundhed = staff(sundhed);
  const asMor = citizenActor({ municipalityId: DEMO_MUNICIPALITY_ID, custodyHolderId: mor.id, displayName: `${mor.firstName} ${mor.lastName}` });
  const run = <T>(actor: Actor, fn: Parameters<typeof withScope<T>>[2]) => withScope(ctx, actor, fn);

  const existing = await run(asPaedagog, (s) => stafetlog.childLog(s, childId));
  if (existing.log) return null;

  await run(asPaedagog, (s) =>
    consent.registerPaper(s, childId, {
      purpose: 'stafetlog',
      purposeText: 'Samarbejde i stafetloggen mellem børnehaven og sundhedsplejen om barnets trivsel, søvn og sprog.',
      informationTypes: ['stafetlog', 'trivselsvurderinger', 'helbred'],
      recipients: [{ kind: 'user', id: sundhed.id }],
      validFrom: addDays(today, -14),
      validTo: addDays(today, 351),
      attestation: `Samtykkeerklæringen er underskrevet af ${mor.firstName} og ${far.firstName} på forældremødet og ligger i barnets mappe.`,
      signedBy: [mor.id, far.id],
      childView: 'Barnet fortæller, at det godt kan lide at komme i børnehaven, men er træt om morgenen.',
    }),
  );

  const opened = await run(asPaedagog, (s) =>
    stafetlog.openLog(s, childId, {
      concern: 'Barnet er ofte træt og trækker sig fra legen om formiddagen. Sproget er lidt bagud i forhold til alderen, og barnet bliver hurtigt ked af det ved skift mellem aktiviteter.',
      level: 2,
      levelComment: 'Set over de sidste seks uger, både på stuen og på legepladsen.',
    }),
  );
  const logId = opened.id;
  await run(asPaedagog, (s) => stafetlog.addParticipant(s, logId, opened.version, { userId: sundhed.id }));
  await run(asSundhed, (s) => stafetlog.stateLevel(s, logId, { level: 1, comment: 'Vægt og udvikling følger kurven; søvnen er det, vi skal se på.' }));
  await run(asMor, (s) => stafetlog.stateLevel(s, logId, { level: 1, comment: 'Vi kender det derhjemme, især om aftenen.' }));

  const withGoals = await run(asPaedagog, async (s) => {
    await stafetlog.addGoal(s, logId, { text: 'Barnet deltager i formiddagens leg med mindst én anden hver dag.' });
    return stafetlog.addGoal(s, logId, { text: 'Faste rutiner ved skift mellem aktiviteter, så dagen bliver forudsigelig.' });
  });
  await run(asMor, (s) => stafetlog.addGoal(s, logId, { text: 'Fast sengetid kl. 19.30 – også i weekenden.' }));
  const firstGoal = withGoals.goals[0]!.id;
  await run(asPaedagog, async (s) => {
    await stafetlog.addAction(s, logId, { text: 'Billedskema til dagens skift på stuen', goalId: firstGoal, owner: { kind: 'user', userId: paedagog.id }, dueDate: addDays(today, -1) });
    await stafetlog.addAction(s, logId, { text: 'Hjemmebesøg om søvn og aftenrutiner', owner: { kind: 'user', userId: sundhed.id }, dueDate: addDays(today, 5) });
    await stafetlog.addAction(s, logId, { text: 'Forældrene fører søvndagbog i to uger', owner: { kind: 'family' }, dueDate: addDays(today, 14) });
    await stafetlog.addEvaluation(s, logId, { dueDate: addDays(today, 42) });
    await stafetlog.addEntry(s, logId, { kind: 'note', body: 'Samtale med forældrene ved afhentning. Vi aftalte at starte en stafetlog og at invitere sundhedsplejersken med.' });
    await stafetlog.addEntry(s, logId, { kind: 'child_words', body: '"Jeg er træt, når vi skal ud. Jeg kan bedst lide at tegne med Sofie."' });
  });
  await run(asSundhed, (s) => stafetlog.addEntry(s, logId, { kind: 'note', body: 'Har talt med forældrene i telefonen; hjemmebesøg aftalt i næste uge.' }));
  await run(asMor, (s) => stafetlog.addEntry(s, logId, { kind: 'parent_words', body: 'Vi er glade for, at vi er fælles om det. Hun sover uroligt og vågner tit om natten.' }));
  return { logId, childId };
}

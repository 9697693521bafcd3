import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from '../../domain/calendar.ts';
import { permissionsOf } from '../../domain/roles.ts';
import { resolveNextSteps } from '../guide/next-steps.ts';
import { holderActive, isOverdue, mayAnswerRelay, mayAppend, mayWriteEntryKind, myPart, reminderFor, takeOverRefusal, type Append, type LogFacts } from './policy.ts';

const log = (status: 'open' | 'closed' = 'open'): LogFacts => ({
  status,
  holderUserId: 'holder',
  participants: [
    { userId: 'holder', part: 'stafetholder', active: true },
    { userId: 'deltager', part: 'deltager', active: true },
    { userId: 'withdrawn', part: 'deltager', active: false },
  ],
});

const staff = (userId: string) => ({ kind: 'staff' as const, userId });
const who = {
  stafetholder: staff('holder'),
  deltager: staff('deltager'),
  'deltager whose consent was withdrawn': staff('withdrawn'),
  'professional reaching the child, not in the log': staff('colleague'),
  'custody holder': { kind: 'citizen' as const, userId: 'mor' },
};

const APPENDS: Append[] = ['entry', 'level', 'goal', 'action', 'evaluation', 'document', 'edit_item'];

// role × append (entry, level, goal, action, evaluation, document, edit_item) on an open log
const table: Record<keyof typeof who, { part: string | null; holder: boolean; appends: boolean[] }> = {
  stafetholder: { part: 'stafetholder', holder: true, appends: [true, true, true, true, true, true, true] },
  deltager: { part: 'deltager', holder: false, appends: [true, true, true, true, true, true, true] },
  'deltager whose consent was withdrawn': { part: null, holder: false, appends: [false, false, false, false, false, false, false] },
  'professional reaching the child, not in the log': { part: null, holder: false, appends: [false, false, false, false, false, false, false] },
  'custody holder': { part: 'custody_holder', holder: false, appends: [true, true, true, false, false, false, false] },
};

describe('stafetlog policy', () => {
  for (const [name, expected] of Object.entries(table) as [keyof typeof who, (typeof table)[keyof typeof who]][]) {
    it(`${name}: part ${expected.part}, holder ${expected.holder}, appends ${expected.appends.join('/')}`, () => {
      const me = myPart(who[name], log());
      assert.deepEqual([me.part, me.isHolder], [expected.part, expected.holder]);
      assert.deepEqual(
        APPENDS.map((a) => mayAppend(me, a)),
        expected.appends,
      );
    });
  }

  it('nobody appends to a closed log, not even the holder or a custody holder', () => {
    for (const actor of Object.values(who)) {
      const me = myPart(actor, log('closed'));
      assert.equal(APPENDS.some((a) => mayAppend(me, a)), false);
    }
  });

  it('a citizen writes only the parents’ own words; professionals write notes and the child’s words too', () => {
    assert.deepEqual((['note', 'child_words', 'parent_words'] as const).map((k) => mayWriteEntryKind(who['custody holder'], k)), [false, false, true]);
    assert.deepEqual((['note', 'child_words', 'parent_words'] as const).map((k) => mayWriteEntryKind(who.deltager, k)), [true, true, true]);
  });

  it('a relay is answered by its named receiver, or by a leder of the named institution, while pending', () => {
    const toUser = { status: 'pending', toUserId: 'u1', toInstitutionId: null };
    const toSchool = { status: 'pending', toUserId: null, toInstitutionId: 'school' };
    assert.equal(mayAnswerRelay(staff('u1'), toUser, []), true);
    assert.equal(mayAnswerRelay(staff('u2'), toUser, ['school']), false);
    assert.equal(mayAnswerRelay(staff('u2'), toSchool, ['school']), true);
    assert.equal(mayAnswerRelay(staff('u2'), toSchool, ['daycare']), false);
    assert.equal(mayAnswerRelay(staff('u1'), { ...toUser, status: 'accepted' }, []), false);
    assert.equal(mayAnswerRelay({ kind: 'citizen', userId: 'u1' }, toUser, []), false);
  });

  it('a log whose holder has gone (participation ended, or user deactivated) may be taken over by any active participant, and only then', () => {
    const gone = (status: 'open' | 'closed' = 'open'): LogFacts => ({
      ...log(status),
      participants: log(status).participants.map((p) => (p.userId === 'holder' ? { ...p, active: false } : p)),
    });
    assert.equal(holderActive(log()), true);
    assert.equal(holderActive(log(), true), false, 'a deactivated holder has gone');
    assert.equal(holderActive(gone()), false);
    // A holder who only has an ended participation and a newer one as deltager is still the holder in the log.
    assert.equal(holderActive({ ...gone(), participants: [...gone().participants, { userId: 'holder', part: 'deltager', active: true }] }), true);
    const refusals = (facts: LogFacts, deactivated = false) => Object.fromEntries(Object.entries(who).map(([name, actor]) => [name, takeOverRefusal(actor, facts, deactivated)]));
    assert.deepEqual(refusals(gone()), {
      stafetholder: 'not_participant',
      deltager: null,
      'deltager whose consent was withdrawn': 'not_participant',
      'professional reaching the child, not in the log': 'not_participant',
      'custody holder': 'not_participant',
    });
    assert.deepEqual(refusals(log()), {
      stafetholder: 'holder_active',
      deltager: 'holder_active',
      'deltager whose consent was withdrawn': 'not_participant',
      'professional reaching the child, not in the log': 'not_participant',
      'custody holder': 'not_participant',
    });
    assert.equal(takeOverRefusal(who.deltager, log(), true), null, 'the holder is deactivated');
    assert.equal(takeOverRefusal(who.deltager, gone('closed')), 'closed');
  });

  it('reminders: nothing until 2 days before, "due" from then to the day itself, "overdue" after (Copenhagen days)', () => {
    const today = '2026-03-10';
    assert.deepEqual(['2026-03-13', '2026-03-12', '2026-03-10', '2026-03-09'].map((d) => reminderFor(d, today)), [null, 'due', 'due', 'overdue']);
    // Across the spring DST change (29 March 2026): still calendar days.
    assert.equal(reminderFor('2026-03-31', '2026-03-29'), 'due');
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (offset) => {
        const due = addDays(today, offset);
        const r = reminderFor(due, today);
        return r === (offset < 0 ? 'overdue' : offset <= 2 ? 'due' : null) && isOverdue({ dueDate: due, done: false }, today) === offset < 0;
      }),
    );
    assert.equal(isOverdue({ dueDate: '2026-03-01', done: true }, today), false);
  });

  it('the handleguide offers "Start stafetlog" at a position of concern to professionals who work with children', () => {
    const ctx = (permissions: Set<never> | ReturnType<typeof permissionsOf>, isConcern: boolean) => ({
      actor: { kind: 'staff' as const, userId: 'u', memberships: [], permissions },
      position: { id: 'p3', ordinal: 3, label: 'Rød', isConcern },
      childId: 'c1',
      entries: [],
    });
    assert.deepEqual(resolveNextSteps(ctx(permissionsOf(['fagperson']), true), ['stafetlog.start']), [
      { id: 'stafetlog.start', label: { da: 'Start stafetlog', en: 'Start a relay log' }, href: '/boern/c1#stafetlog' },
    ]);
    assert.deepEqual(resolveNextSteps(ctx(permissionsOf(['fagperson']), false), ['stafetlog.start']), []);
    assert.deepEqual(resolveNextSteps(ctx(permissionsOf(['distriktsfacilitator']), true), ['stafetlog.start']), []);
  });
});

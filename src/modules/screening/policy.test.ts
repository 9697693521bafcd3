import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActorMembership } from '../../access/actor.ts';
import { permissionsOf } from '../../domain/roles.ts';
import { mayManage, mayRateGroup, mayRateLate, mayReadNote, mayViewChildHistory, mayViewProgress, relationToGroup } from './policy.ts';

const group = { id: 'g1', institutionId: 'i1' };
const institution = { id: 'i1', districtId: 'd1' };

const actor = (...memberships: ActorMembership[]) => ({
  userId: 'me',
  memberships,
  permissions: permissionsOf(memberships.map((m) => m.role)),
});

const who = {
  'pædagog in the group': actor({ role: 'fagperson', unitKind: 'group', unitId: 'g1' }),
  'pædagog in another group': actor({ role: 'fagperson', unitKind: 'group', unitId: 'g2' }),
  'fagperson in the institution': actor({ role: 'fagperson', unitKind: 'institution', unitId: 'i1' }),
  'leader of the institution': actor({ role: 'leder', unitKind: 'institution', unitId: 'i1' }),
  'leader of another institution': actor({ role: 'leder', unitKind: 'institution', unitId: 'i2' }),
  'district facilitator': actor({ role: 'distriktsfacilitator', unitKind: 'district', unitId: 'd1' }),
  'facilitator of another district': actor({ role: 'distriktsfacilitator', unitKind: 'district', unitId: 'd2' }),
  'case worker': actor({ role: 'myndighedsraadgiver', unitKind: 'team', unitId: 't1' }),
  administrator: actor({ role: 'admin', unitKind: 'municipality', unitId: 'm' }),
  'data-protection officer': actor({ role: 'dpo', unitKind: 'municipality', unitId: 'm' }),
};

// role × action: manage scales/rounds, rate the group, rate late, see progress, see a child's history
const table: Record<keyof typeof who, [boolean, boolean, boolean, boolean, boolean]> = {
  'pædagog in the group': [false, true, false, false, true],
  'pædagog in another group': [false, false, false, false, true],
  'fagperson in the institution': [false, true, false, false, true],
  'leader of the institution': [false, true, true, true, true],
  'leader of another institution': [false, false, false, false, true],
  'district facilitator': [false, false, false, true, false],
  'facilitator of another district': [false, false, false, false, false],
  'case worker': [false, false, false, false, true],
  administrator: [true, false, false, true, false],
  'data-protection officer': [false, false, false, false, false],
};

describe('screening policy', () => {
  for (const [name, expected] of Object.entries(table) as [keyof typeof who, (typeof table)[keyof typeof who]][]) {
    it(`${name}: manage ${expected[0]}, rate ${expected[1]}, rate late ${expected[2]}, progress ${expected[3]}, history ${expected[4]}`, () => {
      const a = who[name];
      assert.deepEqual(
        [mayManage(a), mayRateGroup(a, group), mayRateLate(a, group), mayViewProgress(a, institution), mayViewChildHistory(a)],
        expected,
      );
    });
  }

  it('a leader who is also a pædagog in the group is the leader', () => {
    const a = actor({ role: 'fagperson', unitKind: 'group', unitId: 'g1' }, { role: 'leder', unitKind: 'institution', unitId: 'i1' });
    assert.equal(relationToGroup(a, group), 'leader');
  });

  it('a note is read by its author and by people now in the group or institution it was written in, not elsewhere', () => {
    const rating = { raterUserId: 'colleague', groupId: 'g1', institutionId: 'i1' };
    assert.equal(mayReadNote(who['pædagog in the group'], rating), true);
    assert.equal(mayReadNote(who['leader of the institution'], rating), true);
    assert.equal(mayReadNote(who['pædagog in another group'], rating), false);
    assert.equal(mayReadNote(who['case worker'], rating), false);
    assert.equal(mayReadNote(who['case worker'], { ...rating, raterUserId: 'me' }), true);
  });
});

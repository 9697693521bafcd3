import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActorMembership } from '../../access/actor.ts';
import { permissionsOf } from '../../domain/roles.ts';
import { mayEditGuide, mayReadEntry, mayReadGuide } from './policy.ts';

const staff = (...memberships: ActorMembership[]) => ({ kind: 'staff' as const, permissions: permissionsOf(memberships.map((m) => m.role)) });

const who = {
  'citizen without a session': null,
  pædagog: staff({ role: 'fagperson', unitKind: 'group', unitId: 'g1' }),
  'institution leader': staff({ role: 'leder', unitKind: 'institution', unitId: 'i1' }),
  'case worker': staff({ role: 'myndighedsraadgiver', unitKind: 'team', unitId: 't1' }),
  'data-protection officer': staff({ role: 'dpo', unitKind: 'municipality', unitId: 'm' }),
  administrator: staff({ role: 'admin', unitKind: 'municipality', unitId: 'm' }),
  'a citizen actor (parent portal)': { kind: 'citizen' as const, permissions: new Set<never>() },
};

const publicEntry = { isPublic: true, archivedAt: null };
const internalEntry = { isPublic: false, archivedAt: null };
const archivedEntry = { isPublic: true, archivedAt: new Date('2026-01-01') };

// role × action: read the guide, edit it, read a public / internal / archived entry
const table: Record<keyof typeof who, [boolean, boolean, boolean, boolean, boolean]> = {
  'citizen without a session': [false, false, true, false, false],
  pædagog: [true, false, true, true, false],
  'institution leader': [true, false, true, true, false],
  'case worker': [true, false, true, true, false],
  'data-protection officer': [true, false, true, true, false],
  administrator: [true, true, true, true, true],
  'a citizen actor (parent portal)': [false, false, true, false, false],
};

describe('guide policy', () => {
  for (const [name, expected] of Object.entries(table) as [keyof typeof who, boolean[]][]) {
    it(`${name}: read ${expected[0]}, edit ${expected[1]}, public/internal/archived entry ${expected.slice(2).join('/')}`, () => {
      const a = who[name];
      assert.deepEqual(
        [mayReadGuide(a), mayEditGuide(a), mayReadEntry(a, publicEntry), mayReadEntry(a, internalEntry), mayReadEntry(a, archivedEntry)],
        expected,
      );
    });
  }
});

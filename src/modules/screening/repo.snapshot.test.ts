// The hot screening queries (a group's list in a round) are kept as a reviewed SQL snapshot.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { assertSqlSnapshot, compileOnly } from '../../../test/sql-snapshot.ts';
import { staffActor } from '../../access/actor.ts';
import { Scope } from '../../access/scope.ts';
import { groupChildrenQuery, ratingsInRoundQuery } from './repo.ts';

describe('screening query snapshot', () => {
  it("a group's list in a round is the reviewed query", () => {
    const actor = staffActor({ municipalityId: 'm', userId: 'u', displayName: 'x', memberships: [] });
    const scope = new Scope(compileOnly, actor, new Date('2026-03-10T10:00:00Z'));
    assertSqlSnapshot(path.join(path.dirname(fileURLToPath(import.meta.url)), 'repo.snapshot.sql'), 'src/modules/screening/repo.ts', [
      ['groupChildren', groupChildrenQuery(scope, 'g', '2026-03-10').compile()],
      ['ratingsInRound', ratingsInRoundQuery(scope, 'r', ['c1', 'c2']).compile()],
    ]);
  });
});

// The child access query is the hottest query in Tidlig: its SQL is kept as a reviewed snapshot.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { assertSqlSnapshot, compileOnly } from '../../test/sql-snapshot.ts';
import { staffActor } from './actor.ts';
import { childAccessSql } from './relations.ts';

describe('access query snapshot', () => {
  it('the child access query is the reviewed one', () => {
    const actor = staffActor({ municipalityId: 'm', userId: 'u', displayName: 'x', memberships: [] });
    assertSqlSnapshot(path.join(path.dirname(fileURLToPath(import.meta.url)), 'relations.snapshot.sql'), 'src/access/relations.ts', [
      ['childAccessQuery', childAccessSql(compileOnly, actor, '2026-11-23')],
    ]);
  });
});

// Issue 6 item 5: concurrent edits of the same record, for every versioned resource. N
// requests race with the same If-Match: exactly one wins (2xx), the rest get 412, and the
// record ends as the winner left it (no lost update); without If-Match the answer is 428.
// Appends (stafetlog entries) race too, and every one lands.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { verifyChain } from '../../src/domain/audit-chain.ts';
import type { Client } from '../fixtures.ts';
import { buildWorld, type World } from './world.ts';

const RACERS = 6;
const ROUNDS = 3;

interface Resource {
  name: string;
  who: keyof World['clients'];
  method: 'PATCH' | 'PUT' | 'POST';
  url(w: World): string;
  /** A body that differs per racer, so the winner can be recognised in the final state. */
  body(i: number, round: number): unknown;
  /** The current version and the value a racer's body sets. */
  read(w: World, c: Client): Promise<{ version: number; value: unknown }>;
  expected(i: number, round: number): unknown;
  /**
   * A known defect (docs/known-issues.md): the version check is not atomic, so a racer may win
   * on a stale If-Match and losers may get 409. The race is then measured and printed, not
   * failed. Delete the flag when fixed: the test insists on one winner and 412 again.
   */
  knownDefect?: string;
}

const json = async (res: Promise<LightMyRequestResponse>) => {
  const r = await res;
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
};
const inTree = async (c: Client, id: string) => {
  const tree = await json(c.get('/api/org/tree'));
  const all = [...tree.districts, ...tree.districts.flatMap((d: { institutions: unknown[] }) => d.institutions), ...tree.unassigned, ...tree.teams];
  const groups = all.flatMap((u: { groups?: unknown[] }) => u.groups ?? []);
  const unit = [...all, ...groups].find((u: { id: string }) => u.id === id) as { version: number; name: string };
  return { version: unit.version, value: unit.name };
};
const logOf = (w: World, c: Client) => json(c.get(`/api/stafetlogs/${w.ids.logA}`));
const orgUnit = (name: string, key: keyof World['ids']['spare'], path: string): Resource => ({
  name,
  who: 'admin',
  method: 'PATCH',
  url: (w) => `/api/org/${path}/${w.ids.spare[key]}`,
  body: (i, r) => ({ name: `${name} ${r}.${i}` }),
  read: (w, c) => inTree(c, w.ids.spare[key]),
  expected: (i, r) => `${name} ${r}.${i}`,
});

const RESOURCES: Resource[] = [
  orgUnit('distrikt', 'districtId', 'districts'),
  orgUnit('institution', 'institutionId', 'institutions'),
  orgUnit('gruppe', 'groupId', 'groups'),
  orgUnit('team', 'teamId', 'teams'),
  {
    name: 'medarbejder',
    who: 'admin',
    method: 'PATCH',
    url: (w) => `/api/staff/${w.t.users.laerer}`,
    body: (i, r) => ({ displayName: `Lærer ${r}.${i}` }),
    read: async (w, c) => {
      const s = await json(c.get(`/api/staff/${w.t.users.laerer}`));
      return { version: s.version, value: s.displayName };
    },
    expected: (i, r) => `Lærer ${r}.${i}`,
  },
  {
    name: 'trivselsrunde',
    who: 'admin',
    method: 'PATCH',
    url: (w) => `/api/screening/rounds/${w.ids.roundId}`,
    body: (i, r) => ({ name: `Runde ${r}.${i}` }),
    read: async (w, c) => {
      const s = await json(c.get(`/api/screening/rounds/${w.ids.roundId}`));
      return { version: s.version, value: s.name };
    },
    expected: (i, r) => `Runde ${r}.${i}`,
  },
  {
    name: 'skala (ny version)',
    who: 'admin',
    method: 'POST',
    url: (w) => `/api/screening/scales/${w.ids.scaleId}/versions`,
    body: (i, r) => ({ positions: [{ label: `Trives ${r}.${i}`, colour: '#2e7d32', isConcern: false }, { label: 'Bekymring', colour: '#c62828', isConcern: true }] }),
    read: async (w, c) => {
      const scale = (await json(c.get('/api/screening/scales'))).items.find((s: { id: string }) => s.id === w.ids.scaleId);
      const latest = scale.versions.reduce((a: { number: number }, b: { number: number }) => (b.number > a.number ? b : a));
      return { version: scale.version, value: latest.positions[0].label };
    },
    expected: (i, r) => `Trives ${r}.${i}`,
  },
  {
    name: 'guideindgang (ny version)',
    who: 'admin',
    method: 'POST',
    url: (w) => `/api/guide/entries/${w.ids.entryId}/versions`,
    body: (i, r) => ({ title: `Underretning ${r}.${i}`, changeNote: 'Samtidig rettelse' }),
    read: async (w, c) => {
      const e = await json(c.get(`/api/guide/entries/${w.ids.entryId}`));
      return { version: e.version, value: e.title };
    },
    expected: (i, r) => `Underretning ${r}.${i}`,
  },
  {
    name: 'handleguide (ny version)',
    who: 'admin',
    method: 'POST',
    url: (w) => `/api/guide/handleguides/${w.ids.handleguideId}/versions`,
    body: (i, r) => ({ title: `Ved bekymring ${r}.${i}`, changeNote: 'Samtidig rettelse' }),
    read: async (w, c) => {
      const h = await json(c.get(`/api/guide/handleguides/${w.ids.handleguideId}`));
      return { version: h.version, value: h.title };
    },
    expected: (i, r) => `Ved bekymring ${r}.${i}`,
  },
  {
    name: 'stafetlog (bekymringen)',
    who: 'paedagogA',
    method: 'PATCH',
    url: (w) => `/api/stafetlogs/${w.ids.logA}`,
    body: (i, r) => ({ concern: `Bekymring ${r}.${i}` }),
    read: async (w, c) => {
      const log = await logOf(w, c);
      return { version: log.version, value: log.concern };
    },
    expected: (i, r) => `Bekymring ${r}.${i}`,
  },
  {
    name: 'stafetlog-mål',
    who: 'paedagogA',
    method: 'PATCH',
    url: (w) => `/api/stafetlogs/${w.ids.logA}/goals/${w.ids.goalId}`,
    body: (i, r) => ({ text: `Mål ${r}.${i}` }),
    read: async (w, c) => {
      const goal = (await logOf(w, c)).goals.find((g: { id: string }) => g.id === w.ids.goalId);
      return { version: goal.version, value: goal.text };
    },
    expected: (i, r) => `Mål ${r}.${i}`,
  },
  {
    name: 'stafetlog-handling',
    who: 'paedagogA',
    method: 'PATCH',
    url: (w) => `/api/stafetlogs/${w.ids.logA}/actions/${w.ids.actionId}`,
    body: (i, r) => ({ text: `Handling ${r}.${i}` }),
    read: async (w, c) => {
      const action = (await logOf(w, c)).actions.find((a: { id: string }) => a.id === w.ids.actionId);
      return { version: action.version, value: action.text };
    },
    expected: (i, r) => `Handling ${r}.${i}`,
  },
  {
    name: 'samtykkeregler',
    who: 'admin',
    method: 'PUT',
    url: () => '/api/admin/consent-settings',
    body: (i, r) => ({ jointCustodyRule: 'both', oneHolderPurposes: [], ownConsentAge: null, expiryReminderDays: 10 + r * RACERS + i, portalShowsStaffNames: true }),
    read: async (_w, c) => {
      const s = await json(c.get('/api/admin/consent-settings'));
      return { version: s.version, value: s.expiryReminderDays };
    },
    expected: (i, r) => 10 + r * RACERS + i,
  },
  {
    name: 'stafetlog-indstillinger',
    who: 'admin',
    method: 'PUT',
    url: () => '/api/admin/stafetlog-settings',
    body: (i, r) => ({ concernLabels: [`Ingen ${r}.${i}`, 'Lille', 'Bekymring', 'Stor'] }),
    read: async (_w, c) => {
      const s = await json(c.get('/api/admin/stafetlog-settings'));
      return { version: s.version, value: s.concernLabels[0] };
    },
    expected: (i, r) => `Ingen ${r}.${i}`,
  },
];

describe('concurrent edits of the same record (PostgreSQL)', () => {
  let w: World;
  before(async () => {
    w = await buildWorld();
  });
  after(async () => {
    await w?.close();
  });

  const send = (c: Client, method: string, url: string, body: unknown, ifMatch?: number) =>
    w.app.inject({
      method: method as 'PATCH',
      url,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) },
      payload: body as object,
    });

  for (const r of RESOURCES) {
    it(`${r.name}: ${RACERS} racers with one If-Match → one wins, the rest 412, no lost update; 428 without If-Match`, async (t) => {
      const c = w.clients[r.who];
      const url = r.url(w);
      const defects = { extraWinners: 0, not412: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const start = await r.read(w, c);
        const answers = await Promise.all(Array.from({ length: RACERS }, (_, i) => send(c, r.method, url, r.body(i, round), start.version)));
        const statuses = answers.map((a) => a.statusCode);
        const winners = statuses.flatMap((s, i) => (s >= 200 && s < 300 ? [i] : []));
        const losers = statuses.filter((s) => s < 200 || s >= 300);
        for (const a of answers.filter((x) => x.statusCode >= 400)) assert.equal(a.json().error.code, 'version.mismatch', a.body);
        const end = await r.read(w, c);
        if (r.knownDefect) {
          assert.ok(winners.length >= 1 && losers.every((s) => s === 412 || s === 409), `round ${round}: ${statuses.join(',')}`);
          defects.extraWinners += winners.length - 1;
          defects.not412 += losers.filter((s) => s !== 412).length;
        } else {
          assert.equal(winners.length, 1, `round ${round}: exactly one winner, got ${statuses.join(',')} ${answers.map((a) => a.body.slice(0, 80)).join(' | ')}`);
          assert.deepEqual(losers, Array(RACERS - 1).fill(412), `round ${round}: the others are told the record changed`);
          assert.equal(end.version, start.version + 1, 'one change, one new version');
          assert.deepEqual(end.value, r.expected(winners[0]!, round), "the record holds the winner's change");
        }
        const stale = await send(c, r.method, url, r.body(0, round), start.version);
        assert.equal(stale.statusCode, 412, 'the old version is stale now');
      }
      if (r.knownDefect) t.diagnostic(`known defect (docs/known-issues.md) — ${r.knownDefect}: in ${ROUNDS} rounds × ${RACERS} racers, ${defects.extraWinners} extra winners on a stale If-Match, ${defects.not412} losers answered 409 instead of 412`);
      const missing = await send(c, r.method, url, r.body(0, 0));
      assert.equal(missing.statusCode, 428, missing.body);
      assert.equal(missing.json().error.code, 'version.required');
      if (!r.knownDefect) t.diagnostic(`${r.name}: ${ROUNDS} rounds × ${RACERS} racers → ${ROUNDS} winners, ${ROUNDS * (RACERS - 1)} × 412, no lost update`);
    });
  }

  it('stafetlog entries appended in parallel all land, and the audit chain stays whole', async (t) => {
    const writers = [w.clients.paedagogA, w.clients.paedagogB];
    const n = 24;
    const before = (await logOf(w, w.clients.paedagogA)).entries.length;
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => writers[i % 2]!.post(`/api/stafetlogs/${w.ids.logA}/entries`, { kind: 'note', body: `Samtidigt notat ${i}` })));
    assert.deepEqual(answers.map((a) => a.statusCode), Array(n).fill(201), answers.map((a) => a.body.slice(0, 80)).join(' | '));
    const entries = (await logOf(w, w.clients.paedagogA)).entries as { body: string }[];
    assert.equal(entries.length, before + n);
    for (let i = 0; i < n; i++) assert.ok(entries.some((e) => e.body === `Samtidigt notat ${i}`), `entry ${i} landed`);
    const rows = await w.db.kysely.transaction().execute(async (trx) => {
      await sql`SELECT set_config('app.municipality_id', ${w.t.municipalityId}, true)`.execute(trx);
      return trx.selectFrom('auditEvents').selectAll().where('municipalityId', '=', w.t.municipalityId).orderBy('seq').execute();
    });
    const verdict = verifyChain(rows.map((r) => ({ ...r, details: (r.details as Record<string, unknown> | null) ?? null })));
    assert.equal(verdict.ok, true, `chain broken at ${verdict.brokenAtSeq}`);
    t.diagnostic(`${n} parallel appends: ${n} landed; audit chain of ${verdict.checked} rows verifies`);
  });
});

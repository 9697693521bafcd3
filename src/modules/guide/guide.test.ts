import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Database } from '../../db/connect.ts';
import { databaseFor, fixedClock, testApp } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';

const room = {
  kind: 'samarbejdsrum',
  isPublic: true,
  title: 'Inddragende netværksmøde',
  summary: 'Familien og fagpersonerne finder sammen løsninger, som alle kan støtte.',
  body: 'Mødet holdes i dagtilbuddet eller på skolen.\n\n- Hvad går godt?\n- Hvad er vi bekymrede for?\n- Hvad skal der ske?',
  fields: { purpose: 'At samle familien og det faglige netværk', participants: 'Forældre, pædagog, leder, tværfagligt team', how: 'Signs of Safety' },
};

const internalRoom = {
  kind: 'samarbejdsrum',
  isPublic: false,
  title: 'Sparring med forebyggende rådgiver',
  summary: 'Træffetid for dagtilbud og skoler (kun for fagpersoner).',
  body: 'Ring til rådgiveren i træffetiden.',
  fields: {},
};

const faggruppe = {
  kind: 'faggruppe',
  isPublic: true,
  title: 'Sundhedsplejen',
  summary: 'Sundhedsplejersker følger børn og familier fra fødslen.',
  body: 'Sundhedsplejen kommer i hjemmet i barnets første år.',
  fields: { offers: 'Hjemmebesøg, vejledning om trivsel', contact: 'Ring 12 34 56 78 på hverdage 8–9' },
};

// Run on PostgreSQL and on the embedded PGlite the demo starts with.
for (const engine of ['postgres', 'pglite'] as const) {
  describe(`guide: samarbejdsguide and handleguide (${engine})`, () => {
    const clock = fixedClock(new Date('2026-03-10T10:00:00Z'));
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let other: Tenant;
    const as: Record<string, Client> = {};
    const ids: Record<string, string> = {};
    const pub = (path: string) => harness.app.inject({ method: 'GET', url: `/api/public/guide/${path}` });
    const create = async (who: string, body: unknown) => as[who]!.post('/api/guide/entries', body);

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      other = await createTenant(db, { clock });
      for (const u of ['paedagogA', 'admin', 'dpo'] as const) as[u] = await login(harness.app, t, u);
      as.otherAdmin = await login(harness.app, other, 'admin');
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    it('an editor creates entries; the slug is made from the title; a pædagog may not create', async () => {
      const denied = await create('paedagogA', room);
      assert.equal(denied.statusCode, 403);
      assert.equal(denied.json().error.code, 'access.denied');
      for (const [key, body] of [['room', room], ['internal', internalRoom], ['faggruppe', faggruppe]] as const) {
        const res = await create('admin', body);
        assert.equal(res.statusCode, 201, res.body);
        ids[key] = res.json().id;
      }
      const detail = await as.admin!.get(`/api/guide/entries/${ids.room}`);
      assert.equal(detail.statusCode, 200);
      assert.equal(detail.headers.etag, '"1"');
      assert.equal(detail.json().slug, 'inddragende-netvaerksmoede');
      assert.equal(detail.json().number, 1);
      assert.equal(detail.json().changeNote, 'Oprettet');
      assert.equal(detail.json().editedBy, 'Test admin');
      assert.deepEqual(Object.keys(detail.json().fields), ['purpose', 'participants', 'how']);
      // the same title again gets the next free address
      const again = await create('admin', { ...room, isPublic: false });
      assert.equal(again.json().slug, 'inddragende-netvaerksmoede-2');
      ids.room2 = again.json().id;
      const taken = await create('admin', { ...room, slug: 'inddragende-netvaerksmoede' });
      assert.equal(taken.statusCode, 409);
      assert.equal(taken.json().error.code, 'guide.slug_taken');
    });

    it('bad input is a 4xx with a stable code, never a 5xx', async () => {
      const cases: [unknown, number, string][] = [
        [{ ...room, title: '' }, 400, 'request.invalid'],
        [{ ...room, kind: 'moede' }, 400, 'request.invalid'],
        [{ ...room, owner: 'x' }, 400, 'request.invalid'],
        [{ ...room, slug: 'Ikke Gyldig' }, 400, 'request.invalid'],
        [{ ...room, fields: { contact: 'ring' } }, 422, 'guide.fields_invalid'],
        [{ ...room, title: 'x'.repeat(201) }, 400, 'request.invalid'],
      ];
      for (const [body, status, code] of cases) {
        const res = await create('admin', body);
        assert.equal(res.statusCode, status, `${JSON.stringify(body).slice(0, 80)} → ${res.body}`);
        assert.equal(res.json().error.code, code);
      }
      const fields = await create('admin', { ...room, fields: { contact: 'ring' } });
      assert.deepEqual(fields.json().error.details.map((d: { path: string }) => d.path), ['fields.contact']);
      assert.equal((await as.admin!.get('/api/guide/entries/not-a-uuid')).statusCode, 400);
      assert.equal((await as.admin!.get('/api/guide/entries?archived=sometimes')).statusCode, 400);
    });

    it('editing makes a new version; If-Match missing → 428, stale → 412; the same content → 422', async () => {
      const url = `/api/guide/entries/${ids.room}/versions`;
      const edit = { ...room, body: `${room.body}\n\nMødet varer 1–1½ time.`, changeNote: 'Tilføjet varighed' };
      delete (edit as Record<string, unknown>).kind;
      delete (edit as Record<string, unknown>).isPublic;
      const noHeader = await as.admin!.post(url, edit);
      assert.equal(noHeader.statusCode, 428);
      assert.equal(noHeader.json().error.code, 'version.required');
      const stale = await as.admin!.post(url, edit, { 'if-match': '"7"' });
      assert.equal(stale.statusCode, 412);
      assert.equal(stale.json().error.code, 'version.mismatch');
      const ok = await as.admin!.post(url, edit, { 'if-match': '"1"' });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.deepEqual([ok.json().version, ok.json().number], [2, 2]);
      const replay = await as.admin!.post(url, edit, { 'if-match': '"1"' });
      assert.equal(replay.statusCode, 412, 'the same edit from a stale page');
      const same = await as.admin!.post(url, edit, { 'if-match': '"2"' });
      assert.equal(same.statusCode, 422);
      assert.equal(same.json().error.code, 'guide.unchanged');
      const noNote = await as.admin!.post(url, { ...edit, changeNote: undefined }, { 'if-match': '"2"' });
      assert.equal(noNote.statusCode, 400, 'a change note is required');
      const byPaedagog = await as.paedagogA!.post(url, { ...edit, title: 'Andet' }, { 'if-match': '"2"' });
      assert.equal(byPaedagog.statusCode, 403);
    });

    it('history lists every version; an old version is viewable; restore is a new version with the old content', async () => {
      const history = await as.paedagogA!.get(`/api/guide/entries/${ids.room}/versions`);
      assert.equal(history.statusCode, 200);
      assert.deepEqual(
        history.json().items.map((v: { number: number; changeNote: string; current: boolean }) => [v.number, v.changeNote, v.current]),
        [
          [2, 'Tilføjet varighed', true],
          [1, 'Oprettet', false],
        ],
      );
      const v1 = await as.admin!.get(`/api/guide/entries/${ids.room}/versions/1`);
      assert.equal(v1.json().body, room.body);
      assert.equal((await as.admin!.get(`/api/guide/entries/${ids.room}/versions/9`)).json().error.code, 'guide.version_not_found');
      const restore = await as.admin!.post(`/api/guide/entries/${ids.room}/versions/1/restore`, {}, { 'if-match': '"2"' });
      assert.equal(restore.statusCode, 201, restore.body);
      assert.equal(restore.json().number, 3);
      const now = (await as.admin!.get(`/api/guide/entries/${ids.room}`)).json();
      assert.deepEqual([now.number, now.body, now.restoredFrom, now.changeNote], [3, room.body, 1, 'Gendannet fra version 1']);
      const again = await as.admin!.post(`/api/guide/entries/${ids.room}/versions/1/restore`, {}, { 'if-match': '"3"' });
      assert.equal(again.json().error.code, 'guide.unchanged');
    });

    it('every edit is audited in the same transaction, without the text', async () => {
      const rows = (await auditRowsFor(db, t.municipalityId)).filter((r) => r.resourceType === 'guide_entry');
      const mine = rows.filter((r) => r.resourceId === ids.room && r.outcome === 'allowed').map((r) => [r.action, (r.details as { number?: number } | null)?.number]);
      assert.deepEqual(mine, [
        ['create', 1],
        ['update', 2],
        ['update', 3],
      ]);
      assert.ok(rows.some((r) => r.action === 'access_denied' && r.actorUserId === t.users.paedagogA), 'the pædagog’s attempt is audited as denied');
      assert.ok(rows.every((r) => !JSON.stringify(r.details ?? {}).includes('Signs of Safety')));
    });

    it('Danish search: word forms and compounds, ranked, with snippets; empty query lists all by kind', async () => {
      const search = async (q: string) => (await as.paedagogA!.get(`/api/guide/entries?q=${encodeURIComponent(q)}`)).json();
      const plural = await search('netværksmøder');
      assert.ok(plural.items.some((i: { id: string }) => i.id === ids.room), 'netværksmøder finds netværksmøde');
      assert.equal(plural.items[0].title, 'Inddragende netværksmøde');
      const compound = await search('netværk');
      assert.ok(compound.items.some((i: { id: string }) => i.id === ids.room), 'netværk finds the compound netværksmøde');
      const sundhed = await search('sundhedsplejersker hjemmebesøg');
      assert.deepEqual(sundhed.items.map((i: { id: string }) => i.id), [ids.faggruppe]);
      const snippet = sundhed.items[0].snippet as { text: string; match: boolean }[];
      assert.ok(snippet.some((s) => s.match && /hjemmebesøg/i.test(s.text)), JSON.stringify(snippet));
      assert.deepEqual((await search('træffetid')).items.map((i: { id: string }) => i.id), [ids.internal], 'staff find internal entries');
      assert.equal((await search('"&|!:*')).total, 4, 'a query of operators only is an empty query');
      const all = await search('');
      assert.equal(all.q, null);
      assert.deepEqual(all.items.map((i: { kind: string }) => i.kind), ['faggruppe', 'samarbejdsrum', 'samarbejdsrum', 'samarbejdsrum']);
      const kind = await as.paedagogA!.get('/api/guide/entries?kind=faggruppe');
      assert.deepEqual(kind.json().items.map((i: { id: string }) => i.id), [ids.faggruppe]);
    });

    it('property: any search text answers 200, never a 5xx (the query text is built from words only)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 60 }), async (q) => {
          const res = await pub(`${t.code}/entries?q=${encodeURIComponent(q)}`);
          assert.equal(res.statusCode, 200, `${JSON.stringify(q)} → ${res.body}`);
        }),
        { numRuns: 25 },
      );
      for (const q of ["'", '\\', 'a:*b', '!()&|<->', '\u0001\u0002', 'æøå ÆØÅ 123']) assert.equal((await pub(`${t.code}/entries?q=${encodeURIComponent(q)}`)).statusCode, 200, q);
    });

    it('archiving hides an entry from everyone but editors; it cannot be edited until unarchived', async () => {
      const res = await as.admin!.patch(`/api/guide/entries/${ids.room2}`, { archived: true }, { 'if-match': '"1"' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers.etag, '"2"');
      assert.equal((await as.paedagogA!.get(`/api/guide/entries/${ids.room2}`)).statusCode, 404);
      assert.equal((await as.admin!.get(`/api/guide/entries/${ids.room2}`)).json().archived, true);
      assert.equal((await as.paedagogA!.get('/api/guide/entries?archived=all')).statusCode, 403);
      assert.deepEqual((await as.admin!.get('/api/guide/entries?archived=archived')).json().items.map((i: { id: string }) => i.id), [ids.room2]);
      const edit = await as.admin!.post(`/api/guide/entries/${ids.room2}/versions`, { title: 'Ny', changeNote: 'x' }, { 'if-match': '"2"' });
      assert.equal(edit.json().error.code, 'guide.entry_archived');
      const back = await as.admin!.patch(`/api/guide/entries/${ids.room2}`, { archived: false }, { 'if-match': '"2"' });
      assert.equal(back.statusCode, 200);
      assert.equal((await as.paedagogA!.get(`/api/guide/entries/${ids.room2}`)).statusCode, 200);
      assert.equal((await as.admin!.patch(`/api/guide/entries/${ids.room2}`, {}, { 'if-match': '"3"' })).statusCode, 400);
    });

    it('another municipality’s entry answers 404 like a missing one', async () => {
      const theirs = await as.otherAdmin!.post('/api/guide/entries', { ...faggruppe, title: 'PPR' });
      assert.equal(theirs.statusCode, 201);
      ids.theirs = theirs.json().id;
      for (const url of [`/api/guide/entries/${ids.theirs}`, '/api/guide/entries/00000000-0000-4000-8000-000000000001', `/api/guide/entries/${ids.theirs}/versions`]) {
        const res = await as.admin!.get(url);
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.json().error.code, 'guide.entry_not_found');
      }
      const edit = await as.admin!.patch(`/api/guide/entries/${ids.theirs}`, { isPublic: false }, { 'if-match': '"1"' });
      assert.equal(edit.statusCode, 404);
      assert.equal((await as.admin!.get('/api/guide/slugs/ppr')).statusCode, 404);
      assert.ok(!(await as.admin!.get('/api/guide/entries?q=ppr')).json().items.length);
    });

    it('the public guide needs no session and shows only public, current entries of the chosen municipality', async () => {
      const list = await pub(`${t.code}/entries`);
      assert.equal(list.statusCode, 200, list.body);
      assert.equal(list.headers['cache-control'], 'public, max-age=60');
      const body = list.json();
      assert.deepEqual(body.municipality, { code: t.code, name: `Testkommune ${t.code}` });
      assert.deepEqual(body.items.map((i: { slug: string }) => i.slug).sort(), ['inddragende-netvaerksmoede', 'sundhedsplejen']);
      assert.ok(body.items.every((i: Record<string, unknown>) => !('id' in i) && !('isPublic' in i)), 'no internal fields');
      const search = await pub(`${t.code}/entries?q=${encodeURIComponent('netværksmøder')}`);
      assert.deepEqual(search.json().items.map((i: { slug: string }) => i.slug), ['inddragende-netvaerksmoede']);
      assert.equal((await pub(`${t.code}/entries?q=tr%C3%A6ffetid`)).json().total, 0, 'internal entries are not found');
      const entry = await pub(`${t.code}/entries/sundhedsplejen`);
      assert.equal(entry.statusCode, 200);
      assert.equal(entry.json().fields.contact, faggruppe.fields.contact);
      assert.ok(!('editedBy' in entry.json()) && !('changeNote' in entry.json()));
      assert.equal((await pub(`${t.code}/entries/sparring-med-forebyggende-raadgiver`)).statusCode, 404, 'internal entry');
      assert.equal((await pub(`${t.code}/entries/ppr`)).statusCode, 404, 'the other municipality’s entry');
      assert.deepEqual((await pub(`${other.code}/entries`)).json().items.map((i: { slug: string }) => i.slug), ['ppr']);
      const unknown = await pub('000/entries');
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'municipality.not_found');
      assert.notEqual(unknown.headers['cache-control'], 'public, max-age=60');
      assert.equal((await pub('abc/entries')).statusCode, 400);
      // unpublishing takes effect at once
      const v = (await as.admin!.get(`/api/guide/entries/${ids.faggruppe}`)).json().version;
      await as.admin!.patch(`/api/guide/entries/${ids.faggruppe}`, { isPublic: false }, { 'if-match': `"${v}"` });
      assert.equal((await pub(`${t.code}/entries/sundhedsplejen`)).statusCode, 404);
      await as.admin!.patch(`/api/guide/entries/${ids.faggruppe}`, { isPublic: true }, { 'if-match': `"${v + 1}"` });
      // staff routes need a session
      assert.equal((await harness.app.inject({ method: 'GET', url: '/api/guide/entries' })).statusCode, 401);
    });

    describe('handleguide', () => {
      let scaleId: string;
      let positions: { id: string; ordinal: number; label: string }[];
      let guideId: string;

      before(async () => {
        const scale = await as.admin!.post('/api/screening/scales', { template: 'trafiklys' });
        assert.equal(scale.statusCode, 201, scale.body);
        scaleId = scale.json().id;
        positions = (await as.admin!.get('/api/screening/scales')).json().items[0].versions[0].positions;
      });

      it('an editor writes the guide for red, linking rooms and offering next steps; a pædagog may not', async () => {
        const body = {
          scaleId,
          ordinal: 3,
          title: 'Rød: stærk bekymring',
          whatToDo: 'Tal med din leder samme dag.',
          steps: ['Tal med din leder', '  Kontakt sundhedsplejen ', ''],
          entryIds: [ids.room, ids.faggruppe],
          nextStepIds: ['people.open_child', 'guide.open_room', 'guide.contact_faggruppe'],
        };
        assert.equal((await as.paedagogA!.post('/api/guide/handleguides', body)).statusCode, 403);
        const badLink = await as.admin!.post('/api/guide/handleguides', { ...body, entryIds: [ids.theirs] });
        assert.equal(badLink.statusCode, 422);
        assert.equal(badLink.json().error.code, 'guide.link_invalid');
        const badStep = await as.admin!.post('/api/guide/handleguides', { ...body, nextStepIds: ['meetings.book'] });
        assert.equal(badStep.json().error.code, 'guide.next_step_unknown');
        const badOrdinal = await as.admin!.post('/api/guide/handleguides', { ...body, ordinal: 7 });
        assert.equal(badOrdinal.json().error.code, 'guide.position_not_found');
        const res = await as.admin!.post('/api/guide/handleguides', body);
        assert.equal(res.statusCode, 201, res.body);
        guideId = res.json().id;
        assert.equal((await as.admin!.post('/api/guide/handleguides', body)).json().error.code, 'guide.handleguide_exists');
        const detail = (await as.admin!.get(`/api/guide/handleguides/${guideId}`)).json();
        assert.deepEqual(detail.steps, ['Tal med din leder', 'Kontakt sundhedsplejen']);
        assert.deepEqual(detail.entries.map((e: { title: string }) => e.title), ['Inddragende netværksmøde', 'Sundhedsplejen']);
      });

      it('the rating page gets the guide for the position with the next steps that apply, links filled in', async () => {
        const red = positions.find((p) => p.ordinal === 3)!;
        const res = await as.paedagogA!.get(`/api/guide/handleguide/positions/${red.id}?childId=${t.children.inA}`);
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.equal(body.position.label, 'Rød');
        assert.equal(body.guide.title, 'Rød: stærk bekymring');
        assert.ok(!('entryIds' in body.guide));
        assert.deepEqual(
          body.nextSteps.map((s: { label: { da: string }; href: string }) => [s.label.da, s.href]),
          [
            ['Se barnets side', `/boern/${t.children.inA}`],
            ['Åbn samarbejdsrummet Inddragende netværksmøde', '/guide/inddragende-netvaerksmoede'],
            ['Kontakt Sundhedsplejen', '/guide/sundhedsplejen#kontakt'],
          ],
        );
        // without a child: no "Se barnets side"; a DPO (no children.list) neither
        const noChild = (await as.paedagogA!.get(`/api/guide/handleguide/positions/${red.id}`)).json();
        assert.ok(!noChild.nextSteps.some((s: { id: string }) => s.id === 'people.open_child'));
        const dpo = (await as.dpo!.get(`/api/guide/handleguide/positions/${red.id}?childId=${t.children.inA}`)).json();
        assert.ok(!dpo.nextSteps.some((s: { id: string }) => s.id === 'people.open_child'));
        // a position without a guide, and one of another municipality
        const green = (await as.paedagogA!.get(`/api/guide/handleguide/positions/${positions[0]!.id}`)).json();
        assert.deepEqual([green.guide, green.nextSteps], [null, []]);
        const theirScale = await as.otherAdmin!.post('/api/screening/scales', { template: 'trafiklys' });
        const theirPosition = (await as.otherAdmin!.get('/api/screening/scales')).json().items.find((x: { id: string }) => x.id === theirScale.json().id).versions[0].positions[2].id;
        assert.equal((await as.paedagogA!.get(`/api/guide/handleguide/positions/${theirPosition}`)).json().error.code, 'guide.position_not_found');
      });

      it('a new version of the scale keeps the guide (keyed on the ordinal)', async () => {
        const v2 = await as.admin!.post(
          `/api/screening/scales/${scaleId}/versions`,
          {
            positions: [
              { label: 'Grøn', colour: '#2e7d32', isConcern: false },
              { label: 'Gul', colour: '#f9a825', isConcern: true },
              { label: 'Rød', colour: '#c62828', meaning: 'Stærk bekymring – handl i dag', isConcern: true },
            ],
          },
          { 'if-match': '1' },
        );
        assert.equal(v2.statusCode, 201, v2.body);
        const scale = (await as.admin!.get('/api/screening/scales')).json().items.find((x: { id: string }) => x.id === scaleId);
        const newRed = scale.versions.find((v: { number: number }) => v.number === 2).positions[2].id;
        const res = (await as.paedagogA!.get(`/api/guide/handleguide/positions/${newRed}`)).json();
        assert.equal(res.guide.id, guideId);
        const overview = (await as.admin!.get('/api/guide/handleguides')).json();
        const mine = overview.scales.find((x: { id: string }) => x.id === scaleId);
        assert.equal(mine.versionNumber, 2);
        assert.deepEqual(mine.positions.map((p: { guide: { id: string } | null }) => p.guide?.id ?? null), [null, null, guideId]);
      });

      it('the handleguide is versioned like the entries, with history and restore', async () => {
        const url = `/api/guide/handleguides/${guideId}/versions`;
        const edit = { title: 'Rød: stærk bekymring', whatToDo: 'Tal med din leder samme dag. Overvej underretning (Barnets Lov § 133).', steps: ['Tal med din leder'], entryIds: [ids.room], nextStepIds: ['guide.open_room'], changeNote: 'Underretning nævnt' };
        assert.equal((await as.admin!.post(url, edit)).statusCode, 428);
        assert.equal((await as.admin!.post(url, edit, { 'if-match': '"5"' })).statusCode, 412);
        const ok = await as.admin!.post(url, edit, { 'if-match': '"1"' });
        assert.equal(ok.statusCode, 201, ok.body);
        assert.equal((await as.admin!.post(url, edit, { 'if-match': '"2"' })).json().error.code, 'guide.unchanged');
        const history = (await as.admin!.get(url)).json().items.map((v: { number: number; current: boolean }) => [v.number, v.current]);
        assert.deepEqual(history, [
          [2, true],
          [1, false],
        ]);
        assert.deepEqual((await as.admin!.get(`${url}/1`)).json().steps, ['Tal med din leder', 'Kontakt sundhedsplejen']);
        const restore = await as.admin!.post(`${url}/1/restore`, { changeNote: 'Tilbage til første udgave' }, { 'if-match': '"2"' });
        assert.equal(restore.statusCode, 201, restore.body);
        const now = (await as.admin!.get(`/api/guide/handleguides/${guideId}`)).json();
        assert.deepEqual([now.number, now.restoredFrom, now.changeNote, now.entries.length], [3, 1, 'Tilbage til første udgave', 2]);
        const audit = (await auditRowsFor(db, t.municipalityId)).filter((r) => r.resourceType === 'guide_handleguide' && r.outcome === 'allowed');
        assert.deepEqual(audit.map((r) => r.action), ['create', 'update', 'update']);
      });

      it('the catalogue lists the registered next steps for the editor', async () => {
        const items = (await as.paedagogA!.get('/api/guide/next-steps')).json().items;
        assert.deepEqual(
          items.map((i: { id: string }) => i.id),
          ['people.open_child', 'guide.open_room', 'guide.contact_faggruppe', 'guide.read_guideline', 'guide.use_tool', 'stafetlog.start'],
        );
      });
    });
  });
}

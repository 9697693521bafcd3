// Setting screening up through the HTTP app (S2, issue 4 items 1–2): the administrator's list
// of every round, scales from templates and with own positions, new versions with If-Match —
// and everyone else refused, bad input answered 4xx with a stable code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../db/connect.ts';
import { databaseFor, fixedClock, testApp } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';

interface Plan {
  id: string;
  name: string;
  phase: string;
  version: number;
  scale: { id: string; name: string; versionNumber: number };
  hasRatings: boolean;
}

for (const engine of ['postgres', 'pglite'] as const) {
  describe(`screening set-up: scales and all rounds for the administrator (${engine})`, () => {
    // "Today" is 10 March 2026 (Copenhagen).
    const clock = fixedClock(new Date('2026-03-10T10:00:00Z'));
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let other: Tenant;
    const as: Record<string, Client> = {};
    const rounds: Record<'closed' | 'open' | 'planned', string> = { closed: '', open: '', planned: '' };
    let boernelinealen: string;

    const plans = async (who: string, query = '') => as[who]!.get(`/api/screening/setup/rounds${query}`);

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      other = await createTenant(db, { clock });
      for (const u of ['paedagogA', 'leder', 'facilitator', 'dpo', 'admin'] as const) as[u] = await login(harness.app, t, u);
      as.otherAdmin = await login(harness.app, other, 'admin');
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    it('the administrator creates Børnelinealen from its template and a scale with own positions', async () => {
      const b = await as.admin!.post('/api/screening/scales', { template: 'boernelinealen' });
      assert.equal(b.statusCode, 201, b.body);
      boernelinealen = b.json().id;
      const own = await as.admin!.post('/api/screening/scales', {
        name: 'Vores skala',
        positions: [
          { label: 'Trives', colour: '#2e7d32', meaning: 'Alt vel', isConcern: false },
          { label: 'Bekymring', colour: '#c62828', isConcern: true },
        ],
      });
      assert.equal(own.statusCode, 201, own.body);
      const items = (await as.admin!.get('/api/screening/scales')).json().items as { id: string; name: string; template: string | null; versions: { positions: { label: string; meaning: string }[] }[] }[];
      assert.deepEqual(items.map((x) => [x.name, x.template]), [
        ['Børnelinealen', 'boernelinealen'],
        ['Vores skala', null],
      ]);
      assert.deepEqual(items[1]!.versions[0]!.positions.map((p) => [p.label, p.meaning]), [
        ['Trives', 'Alt vel'],
        ['Bekymring', ''],
      ]);
      const audited = (await auditRowsFor(db, t.municipalityId, { action: 'create' })).filter((r) => r.resourceType === 'screening_scale');
      assert.equal(audited.length, 2);
    });

    it('the list of all rounds holds closed, open and planned rounds with their scale, newest first', async () => {
      const make = async (name: string, opensOn: string, closesOn: string, institutionTypes = ['boernehave']) => {
        const res = await as.admin!.post('/api/screening/rounds', { name, institutionTypes, opensOn, closesOn, scaleId: boernelinealen });
        assert.equal(res.statusCode, 201, res.body);
        return res.json().id as string;
      };
      rounds.closed = await make('Efterår 2025', '2025-10-01', '2025-10-20');
      rounds.open = await make('Forår 2026', '2026-03-02', '2026-03-20');
      rounds.planned = await make('Efterår 2026', '2026-10-01', '2026-10-20', ['boernehave', 'skole']);

      const res = await plans('admin');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { items: Plan[]; total: number; page: number; pageSize: number };
      assert.deepEqual([body.total, body.page, body.pageSize], [3, 1, 50]);
      assert.deepEqual(body.items.map((r) => [r.name, r.phase]), [
        ['Efterår 2026', 'planned'],
        ['Forår 2026', 'open'],
        ['Efterår 2025', 'closed'],
      ]);
      assert.deepEqual(body.items[0]!.scale, { id: boernelinealen, name: 'Børnelinealen', versionNumber: 1 });
      assert.ok(body.items.every((r) => r.hasRatings === false));
    });

    it('the list pages on the server', async () => {
      const second = (await plans('admin', '?page=2&pageSize=1')).json() as { items: Plan[]; total: number; page: number };
      assert.deepEqual([second.total, second.page, second.items.map((r) => r.name)], [3, 2, ['Forår 2026']]);
      assert.deepEqual((await plans('admin', '?page=9')).json().items, []);
    });

    it('a round with ratings says so, and its institution types can then not change', async () => {
      const sheet = (await as.paedagogA!.get(`/api/screening/rounds/${rounds.open}/groups/${t.groupA}`)).json();
      const rated = await as.paedagogA!.post(`/api/screening/rounds/${rounds.open}/groups/${t.groupA}/ratings`, {
        ratings: sheet.children.map((c: { id: string }) => ({ childId: c.id, positionId: sheet.positions[0].id })),
      });
      assert.equal(rated.statusCode, 201, rated.body);
      const open = ((await plans('admin')).json().items as Plan[]).find((r) => r.id === rounds.open)!;
      assert.equal(open.hasRatings, true);
      const widen = await as.admin!.patch(`/api/screening/rounds/${rounds.open}`, { institutionTypes: ['boernehave', 'vuggestue'] }, { 'if-match': String(open.version) });
      assert.equal(widen.statusCode, 409);
      assert.equal(widen.json().error.code, 'screening.round_has_ratings');
    });

    it('a new scale version needs the current version in If-Match: missing 428, stale 412; the rounds keep their version', async () => {
      const positions = [
        { label: 'Trivsel', colour: '#2e7d32', meaning: '', isConcern: false },
        { label: 'Mistrivsel', colour: '#c62828', meaning: '', isConcern: true },
      ];
      const url = `/api/screening/scales/${boernelinealen}/versions`;
      assert.equal((await as.admin!.post(url, { positions })).statusCode, 428);
      const v2 = await as.admin!.post(url, { positions }, { 'if-match': '"1"' });
      assert.equal(v2.statusCode, 201, v2.body);
      assert.deepEqual(v2.json().version, 2);
      const stale = await as.admin!.post(url, { positions }, { 'if-match': '"1"' });
      assert.equal(stale.statusCode, 412);
      assert.equal(stale.json().error.code, 'version.mismatch');
      const items = (await plans('admin')).json().items as Plan[];
      assert.ok(items.every((r) => r.scale.versionNumber === 1), 'planned rounds keep the version they were planned with');
    });

    it('an edit with a stale If-Match is refused with 412 and changes nothing', async () => {
      const planned = ((await plans('admin')).json().items as Plan[]).find((r) => r.id === rounds.planned)!;
      const ok = await as.admin!.patch(`/api/screening/rounds/${planned.id}`, { name: 'Efterår 2026 (rettet)' }, { 'if-match': String(planned.version) });
      assert.equal(ok.statusCode, 200, ok.body);
      const stale = await as.admin!.patch(`/api/screening/rounds/${planned.id}`, { name: 'Gammel' }, { 'if-match': String(planned.version) });
      assert.equal(stale.statusCode, 412);
      assert.equal((await as.admin!.get(`/api/screening/rounds/${planned.id}`)).json().name, 'Efterår 2026 (rettet)');
    });

    it('nobody but the administrator lists all rounds or changes scales and rounds (403, audited)', async () => {
      const before = (await auditRowsFor(db, t.municipalityId, { action: 'access_denied' })).length;
      for (const who of ['paedagogA', 'leder', 'facilitator', 'dpo']) {
        assert.equal((await plans(who)).statusCode, 403, who);
        assert.equal((await as[who]!.post('/api/screening/scales', { template: 'trafiklys' })).statusCode, 403, who);
        assert.equal((await as[who]!.post(`/api/screening/scales/${boernelinealen}/versions`, { positions: [] }, { 'if-match': '2' })).statusCode, 400, `${who}: the body is checked first`);
        assert.equal(
          (await as[who]!.post(`/api/screening/scales/${boernelinealen}/versions`, { positions: [{ label: 'A', colour: '#000000', isConcern: false }, { label: 'B', colour: '#ffffff', isConcern: true }] }, { 'if-match': '2' })).statusCode,
          403,
          who,
        );
        assert.equal((await as[who]!.post('/api/screening/rounds', { name: 'X', institutionTypes: ['skole'], opensOn: '2027-01-01', closesOn: '2027-01-10' })).statusCode, 403, who);
        assert.equal((await as[who]!.patch(`/api/screening/rounds/${rounds.planned}`, { name: 'X' }, { 'if-match': '1' })).statusCode, 403, who);
      }
      const after = (await auditRowsFor(db, t.municipalityId, { action: 'access_denied' })).length;
      assert.equal(after - before, 4 * 5, 'one denied attempt recorded per refused call');
    });

    it("another municipality's administrator sees none of our rounds and cannot touch our scale", async () => {
      const res = await plans('otherAdmin');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual([res.json().total, res.json().items], [0, []]);
      const version = await as.otherAdmin!.post(`/api/screening/scales/${boernelinealen}/versions`, { positions: [{ label: 'A', colour: '#000000', isConcern: false }, { label: 'B', colour: '#ffffff', isConcern: true }] }, { 'if-match': '2' });
      assert.equal(version.statusCode, 404);
      assert.equal((await as.otherAdmin!.patch(`/api/screening/rounds/${rounds.planned}`, { name: 'X' }, { 'if-match': '2' })).statusCode, 404);
    });

    it('bad input is a 4xx with a stable code and the field path, never a 5xx', async () => {
      const cases: [string, () => Promise<{ statusCode: number; json(): any }>, number, string, string?][] = [
        ['page size 0', () => plans('admin', '?pageSize=0'), 400, 'request.invalid', 'pageSize'],
        ['unknown query field', () => plans('admin', '?all=1'), 400, 'request.invalid'],
        ['unknown template', () => as.admin!.post('/api/screening/scales', { template: 'regnbue' }), 400, 'request.invalid'],
        ['colour not #rrggbb', () => as.admin!.post('/api/screening/scales', { name: 'Farver', positions: [{ label: 'A', colour: 'green', isConcern: false }, { label: 'B', colour: '#c62828', isConcern: true }] }), 400, 'request.invalid', 'positions.0.colour'],
        ['concern before well-being', () => as.admin!.post('/api/screening/scales', { name: 'Omvendt', positions: [{ label: 'Rød', colour: '#c62828', isConcern: true }, { label: 'Grøn', colour: '#2e7d32', isConcern: false }] }), 422, 'screening.scale_invalid'],
        ['one position only', () => as.admin!.post('/api/screening/scales', { name: 'En', positions: [{ label: 'Grøn', colour: '#2e7d32', isConcern: false }] }), 422, 'screening.scale_invalid'],
        ['duplicate scale name', () => as.admin!.post('/api/screening/scales', { template: 'boernelinealen' }), 409, 'name.taken'],
        ['version of an unknown scale', () => as.admin!.post('/api/screening/scales/00000000-0000-4000-8000-000000000000/versions', { positions: [{ label: 'A', colour: '#000000', isConcern: false }, { label: 'B', colour: '#ffffff', isConcern: true }] }, { 'if-match': '1' }), 404, 'screening.scale_not_found'],
        ['round closes before it opens', () => as.admin!.post('/api/screening/rounds', { name: 'Bagvendt', institutionTypes: ['skole'], opensOn: '2027-02-10', closesOn: '2027-02-01', scaleId: boernelinealen }), 400, 'request.invalid', 'closesOn'],
        ['no institution type', () => as.admin!.post('/api/screening/rounds', { name: 'Ingen', institutionTypes: [], opensOn: '2027-02-01', closesOn: '2027-02-10', scaleId: boernelinealen }), 400, 'request.invalid', 'institutionTypes'],
        ['not a day', () => as.admin!.post('/api/screening/rounds', { name: 'Dato', institutionTypes: ['skole'], opensOn: '2027-02-30', closesOn: '2027-03-10', scaleId: boernelinealen }), 400, 'request.invalid', 'opensOn'],
        ['several scales and none chosen', () => as.admin!.post('/api/screening/rounds', { name: 'Uden skala', institutionTypes: ['skole'], opensOn: '2027-02-01', closesOn: '2027-02-10' }), 422, 'screening.scale_required'],
        ['overlapping round', () => as.admin!.post('/api/screening/rounds', { name: 'Overlap', institutionTypes: ['boernehave'], opensOn: '2026-03-15', closesOn: '2026-04-15', scaleId: boernelinealen }), 409, 'screening.round_overlap'],
        ['same round name', () => as.admin!.post('/api/screening/rounds', { name: 'Forår 2026', institutionTypes: ['sfo'], opensOn: '2027-02-01', closesOn: '2027-02-10', scaleId: boernelinealen }), 409, 'name.taken'],
        ['edit moves the close before the open', () => as.admin!.patch(`/api/screening/rounds/${rounds.planned}`, { closesOn: '2026-09-01' }, { 'if-match': '2' }), 422, 'period.invalid'],
        ['edit changes the scale (not allowed)', () => as.admin!.patch(`/api/screening/rounds/${rounds.planned}`, { scaleId: boernelinealen }, { 'if-match': '2' }), 400, 'request.invalid'],
      ];
      for (const [label, call, status, code, path] of cases) {
        const res = await call();
        assert.equal(res.statusCode, status, `${label}: ${JSON.stringify(res.json())}`);
        assert.equal(res.json().error.code, code, label);
        if (path) assert.ok((res.json().error.details as { path: string }[]).some((d) => d.path === path), `${label}: ${JSON.stringify(res.json().error.details)}`);
      }
      const overlap = await as.admin!.post('/api/screening/rounds', { name: 'Overlap', institutionTypes: ['boernehave'], opensOn: '2026-03-15', closesOn: '2026-04-15', scaleId: boernelinealen });
      assert.deepEqual(overlap.json().error.details, { rounds: [rounds.open] }, 'the clash names the round it collides with');
      const invalid = await as.admin!.post('/api/screening/scales', { name: 'Omvendt', positions: [{ label: 'Rød', colour: '#c62828', isConcern: true }, { label: 'Grøn', colour: '#2e7d32', isConcern: false }] });
      assert.deepEqual(invalid.json().error.details, [{ kind: 'concern_order', index: 1 }], 'the problem names the position');
    });
  });
}

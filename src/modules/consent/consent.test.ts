import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { citizenActor, staffActor, systemActor, type Actor } from '../../access/actor.ts';
import { withScope, type DataContext } from '../../access/scope.ts';
import type { Database } from '../../db/connect.ts';
import { fictitiousCpr } from '../../domain/cpr.ts';
import { AppError } from '../../errors.ts';
import { runConsentExpiry } from '../../jobs/consent-expiry.ts';
import { databaseFor, fixedClock, testApp } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';
import * as consent from './service.ts';

interface Family {
  mor: string;
  far: string;
  stedfar: string;
  teen: string;
}

/** Custody holders for child inA (mor and far with custody, a stepfather without) and a 15-year-old at the school. */
async function addFamily(ctx: DataContext, t: Tenant): Promise<Family> {
  const f: Family = { mor: randomUUID(), far: randomUUID(), stedfar: randomUUID(), teen: randomUUID() };
  await withScope(ctx, systemActor(t.municipalityId, 'testdata'), async (s) => {
    const m = t.municipalityId;
    const holder = (id: string, n: number, firstName: string) => ({ municipalityId: m, id, cpr: fictitiousCpr('1990-01-01', n + Number(t.code) * 10), firstName, lastName: 'Forældresen', phone: null, email: null });
    await s.trx.insertInto('custodyHolders').values([holder(f.mor, 1, 'Mona'), holder(f.far, 2, 'Frank'), holder(f.stedfar, 3, 'Steen')]).execute();
    const custody = (custodyHolderId: string, relation: string, hasCustody: boolean, childId = t.children.inA) => ({
      municipalityId: m,
      id: randomUUID(),
      childId,
      custodyHolderId,
      relation,
      hasCustody,
      validFrom: '2021-03-04',
      validTo: null,
    });
    await s.trx
      .insertInto('children')
      .values({ municipalityId: m, id: f.teen, cpr: fictitiousCpr('2010-05-01', 9 + Number(t.code) * 10), firstName: 'Ung', lastName: 'Forældresen', birthDate: '2010-05-01' })
      .execute();
    await s.trx
      .insertInto('enrolments')
      .values({ municipalityId: m, id: randomUUID(), childId: f.teen, institutionId: t.schoolId, groupId: t.classId, validFrom: '2016-08-01', validTo: null, correctsId: null })
      .execute();
    await s.trx.insertInto('childCustody').values([custody(f.mor, 'mor', true), custody(f.far, 'far', true), custody(f.stedfar, 'anden', false), custody(f.mor, 'mor', true, f.teen)]).execute();
  });
  return f;
}

const staff = (t: Tenant, key: keyof Tenant['users'], memberships: Actor['memberships']) => staffActor({ municipalityId: t.municipalityId, userId: t.users[key], displayName: `Test ${key}`, memberships });
const citizen = (t: Tenant, id: string, name: string) => citizenActor({ municipalityId: t.municipalityId, custodyHolderId: id, displayName: name });

for (const engine of ['postgres', 'pglite'] as const) {
  describe(`consent: records, withdrawal and disclosures (${engine})`, () => {
    // Tuesday 10 March 2026, 11:00 in Copenhagen.
    const clock = fixedClock(new Date('2026-03-10T10:00:00Z'));
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let ctx: DataContext;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let other: Tenant;
    let f: Family;
    const as: Record<string, Client> = {};
    let paedagogA: Actor;

    const paper = (over: Record<string, unknown> = {}) => ({
      purpose: 'stafetlog',
      informationTypes: ['stafetlog'],
      recipients: [
        { kind: 'user', id: t.users.paedagogB },
        { kind: 'institution', id: t.schoolId },
      ],
      validFrom: '2026-03-01',
      validTo: '2026-06-30',
      attestation: 'Underskrevet samtykkeerklæring modtaget på mødet 9. marts og scannet til journalen.',
      signedBy: [f.mor, f.far],
      ...over,
    });
    const count = async (table: 'consents' | 'disclosures' | 'childRelations') =>
      Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('municipalityId', '=', t.municipalityId).executeTakeFirstOrThrow()).n);
    const inScope = <T>(actor: Actor, fn: Parameters<typeof withScope<T>>[2]) => withScope(ctx, actor, fn);
    const canSee = (actor: Actor, childId: string) => inScope(actor, async (s) => (await s.allowedChildIds([childId])).has(childId));
    const discloseTo = (userKey: keyof Tenant['users'], extra: Partial<consent.DiscloseInput> = {}) =>
      inScope(paedagogA, async (s) =>
        consent.disclose(s, {
          childId: t.children.inA,
          kind: 'stafetlog_participant',
          purpose: 'stafetlog',
          informationTypes: ['stafetlog'],
          recipient: await consent.recipientFactsForUser(s, t.users[userKey]),
          grantAccessAs: 'stafetlog',
          ...extra,
        }),
      );

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      ctx = { db, clock };
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      other = await createTenant(db, { clock });
      f = await addFamily(ctx, t);
      for (const u of ['paedagogA', 'paedagogB', 'admin', 'laerer'] as const) as[u] = await login(harness.app, t, u);
      as.otherPaedagog = await login(harness.app, other, 'paedagogA');
      paedagogA = staff(t, 'paedagogA', [{ role: 'fagperson', unitKind: 'group', unitId: t.groupA }]);
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    let consentId: string;

    it('a pædagog registers a paper consent signed by both custody holders: active, names from the records, audited', async () => {
      const res = await as.paedagogA!.post(`/api/children/${t.children.inA}/consents`, paper({ childView: 'Barnet vil gerne have, at skolen ved det.' }));
      assert.equal(res.statusCode, 201, res.body);
      const c = res.json();
      consentId = c.id;
      assert.equal(c.status, 'active');
      assert.equal(c.form, 'paper');
      assert.deepEqual(c.missingSigners, []);
      assert.deepEqual(
        c.signatures.map((s: { name: string; method: string }) => [s.name, s.method]),
        [
          ['Frank Forældresen', 'paper'],
          ['Mona Forældresen', 'paper'],
        ],
      );
      assert.deepEqual(c.recipients, [
        { kind: 'user', id: t.users.paedagogB, name: 'Test paedagogB' },
        { kind: 'institution', id: t.schoolId, name: 'Nordskolen' },
      ]);
      assert.deepEqual(c.registeredBy, { kind: 'staff', name: 'Test paedagogA' });
      assert.equal(c.childView, 'Barnet vil gerne have, at skolen ved det.');
      assert.equal(c.withdrawn, null);
      const audit = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'create' });
      assert.ok(audit.some((a) => a.resourceType === 'consent' && a.resourceId === consentId && a.actorUserId === t.users.paedagogA));
    });

    it('the child page lists consents, current custody holders and the default rules, and the read is audited', async () => {
      const res = await as.paedagogA!.get(`/api/children/${t.children.inA}/consents`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.deepEqual(
        body.consents.map((c: { id: string }) => c.id),
        [consentId],
      );
      assert.deepEqual(
        body.custodyHolders.map((h: { name: string; relation: string; hasCustody: boolean }) => [h.name, h.relation, h.hasCustody]).sort(),
        [
          ['Frank Forældresen', 'far', true],
          ['Mona Forældresen', 'mor', true],
          ['Steen Forældresen', 'anden', false],
        ],
      );
      // born 4 March 2021: 5 years old on 10 March 2026
      assert.deepEqual(body.rules, { jointCustodyRule: 'both', oneHolderPurposes: [], ownConsentAge: null, childAge: 5 });
      const reads = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'list' });
      assert.ok(reads.some((a) => a.resourceType === 'consent' && a.actorUserId === t.users.paedagogA));
    });

    it('bad input answers 4xx with a code and writes nothing', async () => {
      const before = await count('consents');
      const cases: [string, Record<string, unknown>, number, string][] = [
        ['a parent without custody signs', { signedBy: [f.stedfar] }, 422, 'consent.not_custody_holder'],
        ['someone who is no custody holder of this child', { signedBy: [f.mor, randomUUID()] }, 422, 'consent.not_custody_holder'],
        ['a recipient from another municipality', { recipients: [{ kind: 'user', id: other.users.paedagogB }] }, 422, 'consent.invalid'],
        ['an unknown team', { recipients: [{ kind: 'team', id: randomUUID() }] }, 422, 'consent.invalid'],
        ['to before from', { validFrom: '2026-05-01', validTo: '2026-04-30' }, 422, 'consent.invalid'],
        ['already over', { validFrom: '2026-01-01', validTo: '2026-03-09' }, 422, 'consent.invalid'],
        ["the child's own consent where the municipality does not allow it", { givenByChild: true }, 422, 'consent.own_consent_not_allowed'],
        ['no attestation', { attestation: '  ' }, 400, 'request.invalid'],
        ['no signer', { signedBy: [] }, 400, 'request.invalid'],
        ['no information type', { informationTypes: [] }, 400, 'request.invalid'],
        ['an unknown information type', { informationTypes: ['cpr'] }, 400, 'request.invalid'],
        ['an unknown purpose', { purpose: 'markedsfoering' }, 400, 'request.invalid'],
        ['a day that does not exist', { validTo: '2026-02-30' }, 400, 'request.invalid'],
        ['an unknown field', { withdrawnAt: '2026-03-10T00:00:00Z' }, 400, 'request.invalid'],
        ['no recipient', { recipients: [] }, 400, 'request.invalid'],
      ];
      for (const [name, over, status, code] of cases) {
        const res = await as.paedagogA!.post(`/api/children/${t.children.inA}/consents`, paper(over));
        assert.equal(res.statusCode, status, `${name}: ${res.body}`);
        assert.equal(res.json().error.code, code, name);
      }
      assert.equal(await count('consents'), before);
    });

    it("another municipality's consent or child answers like a missing one; so does a child the user does not work with", async () => {
      assert.equal((await as.otherPaedagog!.get(`/api/children/${t.children.inA}/consents`)).json().error.code, 'child.not_found');
      const w = await as.otherPaedagog!.post(`/api/consents/${consentId}/withdraw`, {});
      assert.equal(w.statusCode, 404);
      assert.equal(w.json().error.code, 'consent.not_found');
      assert.equal((await as.otherPaedagog!.post(`/api/consents/${randomUUID()}/withdraw`, {})).json().error.code, 'consent.not_found');
      // paedagogB works in group B: inA is not theirs (before any disclosure)
      const b = await as.paedagogB!.get(`/api/children/${t.children.inA}/consents`);
      assert.equal(b.statusCode, 404);
      assert.equal((await as.paedagogB!.post(`/api/consents/${consentId}/withdraw`, {})).json().error.code, 'consent.not_found');
      const denied = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'access_denied' });
      assert.ok(denied.some((a) => a.actorUserId === t.users.paedagogB && a.resourceType === 'consent' && a.outcome === 'denied'));
      // the admin manages settings, not children's consents
      assert.equal((await as.admin!.get(`/api/children/${t.children.inA}/consents`)).statusCode, 403);
    });

    it('a disclosure without covering consent or legal basis is refused (403) and audited, and nothing is written', async () => {
      const [disclosures, relations] = [await count('disclosures'), await count('childRelations')];
      // the consent names paedagogB and the school, not the case worker
      await assert.rejects(discloseTo('raadgiver'), (err: AppError) => err.code === 'consent.required' && err.status === 403);
      // the right recipient, but an information type the consent does not name
      await assert.rejects(discloseTo('paedagogB', { informationTypes: ['stafetlog', 'helbred'] }), (err: AppError) => err.code === 'consent.required');
      // another purpose
      await assert.rejects(discloseTo('paedagogB', { purpose: 'overgang' }), (err: AppError) => err.code === 'consent.required');
      assert.deepEqual([await count('disclosures'), await count('childRelations')], [disclosures, relations]);
      const denied = (await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'access_denied' })).filter((a) => a.resourceType === 'disclosure');
      assert.equal(denied.length, 3);
      assert.ok(denied.every((a) => a.outcome === 'denied' && a.actorUserId === t.users.paedagogA));
      assert.deepEqual((denied[0]!.details as { reason: string }).reason, 'no_consent');
    });

    it('a legal basis (BL § 133) lets data reach the authority roles only', async () => {
      const r = await discloseTo('raadgiver', { legalBasis: 'BL133', purpose: 'overgang', kind: 'stafetlog_relay' });
      assert.equal(r.consentId, null);
      assert.equal(r.legalBasis, 'BL133');
      const relation = await db.kysely.selectFrom('childRelations').selectAll().where('id', '=', r.childRelationId!).executeTakeFirstOrThrow();
      assert.equal(relation.validTo, null, 'a legal basis does not run out');
      await assert.rejects(discloseTo('laerer', { legalBasis: 'BL133', purpose: 'overgang' }), (err: AppError) => err.code === 'consent.legal_basis_invalid' && err.status === 403);
      await assert.rejects(discloseTo('laerer', { legalBasis: 'SEL49a', purpose: 'overgang' }), (err: AppError) => err.code === 'consent.legal_basis_invalid');
      const denied = (await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'access_denied' })).filter((a) => a.resourceType === 'disclosure');
      assert.equal(denied.at(-1)!.outcome, 'denied');
      assert.equal((denied.at(-1)!.details as { reason: string }).reason, 'legal_basis_not_applicable');
    });

    let disclosureId: string;

    it('a disclosure under the consent gives the recipient access until the consent’s last day, and is audited', async () => {
      const paedagogB = staff(t, 'paedagogB', [{ role: 'fagperson', unitKind: 'group', unitId: t.groupB }]);
      assert.equal(await canSee(paedagogB, t.children.inA), false);
      const r = await discloseTo('paedagogB', { sourceId: randomUUID() });
      disclosureId = r.disclosureId;
      assert.equal(r.consentId, consentId);
      assert.equal(r.legalBasis, null);
      const relation = await db.kysely.selectFrom('childRelations').selectAll().where('id', '=', r.childRelationId!).executeTakeFirstOrThrow();
      assert.deepEqual([relation.subjectId, relation.kind, relation.sourceId, relation.validFrom, relation.validTo], [t.users.paedagogB, 'stafetlog', disclosureId, '2026-03-10', '2026-06-30']);
      assert.equal(await canSee(paedagogB, t.children.inA), true);
      assert.equal((await as.paedagogB!.get(`/api/children/${t.children.inA}`)).statusCode, 200);
      // the school's teacher is covered through the institution named in the consent
      const viaSchool = await discloseTo('laerer');
      assert.equal(viaSchool.consentId, consentId);
      const audit = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'create' });
      assert.ok(audit.some((a) => a.resourceType === 'disclosure' && a.resourceId === disclosureId && (a.details as { consentId: string }).consentId === consentId));
    });

    it('withdrawal takes effect on the next request: the relation ends at once, the disclosure records why, a second withdrawal is refused', async () => {
      const res = await as.paedagogA!.post(`/api/consents/${consentId}/withdraw`, { reason: 'Forældrene ønsker det ikke længere' });
      assert.equal(res.statusCode, 200, res.body);
      const c = res.json();
      assert.equal(c.status, 'withdrawn');
      assert.deepEqual(c.withdrawn, { at: '2026-03-10T10:00:00.000Z', byKind: 'staff', byName: 'Test paedagogA', reason: 'Forældrene ønsker det ikke længere' });
      // the very next request of the recipient is refused
      assert.equal((await as.paedagogB!.get(`/api/children/${t.children.inA}`)).statusCode, 404);
      const paedagogB = staff(t, 'paedagogB', [{ role: 'fagperson', unitKind: 'group', unitId: t.groupB }]);
      assert.equal(await canSee(paedagogB, t.children.inA), false);
      const d = await db.kysely.selectFrom('disclosures').selectAll().where('id', '=', disclosureId).executeTakeFirstOrThrow();
      assert.equal(d.endedReason, 'consent_withdrawn');
      assert.equal(d.endedAt?.toISOString(), '2026-03-10T10:00:00.000Z');
      const rel = await db.kysely.selectFrom('childRelations').selectAll().where('id', '=', d.childRelationId!).executeTakeFirstOrThrow();
      assert.equal(rel.endedReason, 'consent_withdrawn');
      // the disclosure under BL § 133 did not rely on the consent and stands
      const basis = await db.kysely.selectFrom('disclosures').select(['endedAt']).where('legalBasis', '=', 'BL133').execute();
      assert.deepEqual(basis, [{ endedAt: null }]);
      // no new cover from now on
      await assert.rejects(discloseTo('paedagogB'), (err: AppError) => err.code === 'consent.required');
      const again = await as.paedagogA!.post(`/api/consents/${consentId}/withdraw`); // no body at all
      assert.equal(again.statusCode, 409, again.body);
      assert.equal(again.json().error.code, 'consent.already_withdrawn');
      const updates = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'update' });
      assert.ok(updates.some((a) => a.resourceType === 'consent' && a.resourceId === consentId));
      assert.equal(updates.filter((a) => a.resourceType === 'disclosure' && (a.details as { ended?: string }).ended === 'consent_withdrawn').length, 2);
      // never overwritten: the record stays, with its history
      const list = (await as.paedagogA!.get(`/api/children/${t.children.inA}/consents`)).json();
      assert.equal(list.consents.find((x: { id: string }) => x.id === consentId).status, 'withdrawn');
    });

    it('a custody holder gives a consent digitally; with joint custody it waits for the other, who co-signs; either may withdraw', async () => {
      const mor = citizen(t, f.mor, 'Mona Forældresen');
      const given = await inScope(mor, (s) =>
        consent.giveDigital(s, t.children.inA, { purpose: 'overgang', informationTypes: ['udviklingsbeskrivelse'], recipients: [{ kind: 'institution', id: t.schoolId }], validFrom: '2026-03-10', validTo: '2026-08-31' }, 'demo'),
      );
      assert.equal(given.status, 'pending');
      assert.deepEqual(given.missingSigners, [{ custodyHolderId: f.far, name: 'Frank Forældresen' }]);
      assert.deepEqual(given.registeredBy, { kind: 'citizen', name: 'Mona Forældresen' });
      const far = citizen(t, f.far, 'Frank Forældresen');
      clock.advance(60_000);
      const signed = await inScope(far, (s) => consent.sign(s, given.id, 'mitid'));
      assert.equal(signed.status, 'active');
      assert.deepEqual(
        signed.signatures.map((s) => s.method),
        ['demo', 'mitid'],
      );
      // the stepfather has no custody: the child is not his to reach
      const stedfar = citizen(t, f.stedfar, 'Steen Forældresen');
      await assert.rejects(
        inScope(stedfar, (s) => consent.sign(s, given.id, 'mitid')),
        (err: AppError) => err.code === 'consent.not_found',
      );
      const withdrawn = await inScope(far, (s) => consent.withdraw(s, given.id, null));
      assert.deepEqual([withdrawn.status, withdrawn.withdrawn?.byKind, withdrawn.withdrawn?.byName], ['withdrawn', 'citizen', 'Frank Forældresen']);
      await assert.rejects(
        inScope(mor, (s) => consent.withdraw(s, given.id, null)),
        (err: AppError) => err.code === 'consent.already_withdrawn' && err.status === 409,
      );
      await assert.rejects(
        inScope(mor, (s) => consent.sign(s, given.id, 'mitid')),
        (err: AppError) => err.code === 'consent.already_withdrawn',
      );
    });

    it('settings: only the administrator; If-Match required (428) and checked (412); the rules change how consents count', async () => {
      assert.equal((await as.paedagogA!.get('/api/admin/consent-settings')).statusCode, 403);
      const read = await as.admin!.get('/api/admin/consent-settings');
      assert.equal(read.statusCode, 200);
      assert.deepEqual(read.json(), { jointCustodyRule: 'both', oneHolderPurposes: [], ownConsentAge: null, expiryReminderDays: 14, portalShowsStaffNames: true, version: 1 });
      assert.equal(read.headers.etag, '"1"');
      const body = { jointCustodyRule: 'one', oneHolderPurposes: ['stafetlog'], ownConsentAge: 15, expiryReminderDays: 14, portalShowsStaffNames: false };
      const put = (headers: Record<string, string>, b: unknown = body) => harness.app.inject({ method: 'PUT', url: '/api/admin/consent-settings', headers: { cookie: as.admin!.cookie, 'x-csrf-token': as.admin!.csrf, ...headers }, payload: b as object });
      assert.equal((await put({})).statusCode, 428);
      assert.equal((await put({ 'if-match': '"1"' }, { ...body, ownConsentAge: 12 })).statusCode, 400);
      assert.equal((await put({ 'if-match': '"1"' }, { ...body, version: 1 })).statusCode, 400, 'unknown field');
      const ok = await put({ 'if-match': '"1"' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json(), { ...body, version: 2 });
      const stale = await put({ 'if-match': '"1"' }, { ...body, portalShowsStaffNames: true });
      assert.equal(stale.statusCode, 412);
      assert.equal((await as.admin!.get('/api/admin/consent-settings')).json().portalShowsStaffNames, false, 'the stale write changed nothing');
      const paedagogPut = await harness.app.inject({ method: 'PUT', url: '/api/admin/consent-settings', headers: { cookie: as.paedagogA!.cookie, 'x-csrf-token': as.paedagogA!.csrf, 'if-match': '"2"' }, payload: body });
      assert.equal(paedagogPut.statusCode, 403);

      // 'one' for the stafetlog: one custody holder's signature is enough; 'overgang' still needs both
      const one = await as.paedagogA!.post(`/api/children/${t.children.inA}/consents`, paper({ signedBy: [f.mor], recipients: [{ kind: 'user', id: t.users.paedagogB }] }));
      assert.equal(one.json().status, 'active', one.body);
      const transition = await as.paedagogA!.post(`/api/children/${t.children.inA}/consents`, paper({ purpose: 'overgang', signedBy: [f.mor] }));
      assert.equal(transition.json().status, 'pending');
      // a 15-year-old may give their own consent now; a 5-year-old may not
      const teen = await as.laerer!.post(`/api/children/${f.teen}/consents`, paper({ purpose: 'overgang', givenByChild: true, signedBy: [f.mor], childView: 'Jeg vil gerne have, at klubben ved det.' }));
      assert.equal(teen.statusCode, 201, teen.body);
      assert.deepEqual([teen.json().status, teen.json().givenByChild], ['active', true]);
      assert.equal((await as.paedagogA!.post(`/api/children/${t.children.inA}/consents`, paper({ givenByChild: true }))).json().error.code, 'consent.own_consent_not_allowed');
    });

    it('the expiry job: reminders before the last day, then disclosures end (access had already lapsed by time)', async () => {
      // a fresh consent to paedagogB that ends 30 April, and a disclosure under it
      const c = (await as.paedagogA!.post(`/api/children/${t.children.inA}/consents`, paper({ validTo: '2026-04-30', informationTypes: ['trivselsvurderinger'], recipients: [{ kind: 'user', id: t.users.paedagogB }] }))).json();
      const r = await discloseTo('paedagogB', { informationTypes: ['trivselsvurderinger'] });
      assert.equal(r.consentId, c.id);
      const paedagogB = staff(t, 'paedagogB', [{ role: 'fagperson', unitKind: 'group', unitId: t.groupB }]);
      const notices = () => db.kysely.selectFrom('notices').select(['userId', 'kind', 'params', 'dedupeKey']).where('municipalityId', '=', t.municipalityId).execute();

      clock.set(new Date('2026-04-15T05:00:00Z')); // 15 days before: outside the 14-day window
      let run = await runConsentExpiry(ctx);
      assert.equal(run.delivered, 0);
      clock.set(new Date('2026-04-16T05:00:00Z')); // 14 days before
      run = await runConsentExpiry(ctx);
      assert.ok(run.delivered >= 1);
      const mine = (await notices()).filter((n) => n.dedupeKey === `consent.expiring:${c.id}`);
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.userId, t.users.paedagogA, 'without a registered audience the one who disclosed is reminded');
      const params = typeof mine[0]!.params === 'string' ? JSON.parse(mine[0]!.params) : mine[0]!.params;
      assert.deepEqual(params, { validTo: '2026-04-30', daysLeft: 14 });
      clock.set(new Date('2026-04-17T05:00:00Z'));
      await runConsentExpiry(ctx);
      assert.equal((await notices()).filter((n) => n.dedupeKey === `consent.expiring:${c.id}`).length, 1, 'reminded once');

      // 23:59 on the last day in Copenhagen: still valid; midnight: access lapses before any job runs
      clock.set(new Date('2026-04-30T21:59:00Z'));
      assert.equal(await canSee(paedagogB, t.children.inA), true);
      clock.set(new Date('2026-04-30T22:00:00Z'));
      assert.equal(await canSee(paedagogB, t.children.inA), false);
      assert.equal((await db.kysely.selectFrom('disclosures').select('endedAt').where('id', '=', r.disclosureId).executeTakeFirstOrThrow()).endedAt, null);

      run = await runConsentExpiry(ctx);
      assert.ok(run.ended >= 1);
      const d = await db.kysely.selectFrom('disclosures').selectAll().where('id', '=', r.disclosureId).executeTakeFirstOrThrow();
      assert.equal(d.endedReason, 'consent_expired');
      const rel = await db.kysely.selectFrom('childRelations').selectAll().where('id', '=', r.childRelationId!).executeTakeFirstOrThrow();
      assert.equal(rel.endedReason, 'consent_expired');
      // the legal-basis disclosure is untouched; a second run ends nothing more
      assert.equal((await runConsentExpiry(ctx)).ended, 0);
      assert.deepEqual(await db.kysely.selectFrom('disclosures').select(['endedAt']).where('legalBasis', '=', 'BL133').execute(), [{ endedAt: null }]);
      const audit = await auditRowsFor(db, t.municipalityId, { childId: t.children.inA, action: 'update' });
      assert.ok(audit.some((a) => a.resourceId === r.disclosureId && a.actorKind === 'system'));
      clock.set(new Date('2026-03-10T10:00:00Z'));
    });
  });
}

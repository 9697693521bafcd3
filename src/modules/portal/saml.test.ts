import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../access/actor.ts';
import { withScope } from '../../access/scope.ts';
import { createMunicipality } from '../../db/tenants.ts';
import { fictitiousCpr } from '../../domain/cpr.ts';
import { testApp, testDatabase } from '../../../test/harness.ts';
import { auditRowsFor, clientFor, createTenant, login, type Tenant } from '../../../test/fixtures.ts';
import { keyAndCert, startSamlIdp, type KeyAndCert, type SamlIdp } from '../../../test/saml-idp.ts';
import { RequestStore, REQUEST_TTL_MS, SAML_ACS_PATH } from './saml.ts';

const PUBLIC_URL = 'https://tidlig.test';
const ACS_URL = `${PUBLIC_URL}${SAML_ACS_PATH}`;
const ENTITY_ID = 'https://tidlig.test/saml/sp';
const LOGIN_FAILED = '/borger/log-ind?fejl=portal.login_failed';

describe('citizens log in with MitID through NemLog-in (SAML)', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  let noSaml: Awaited<ReturnType<typeof testApp>>;
  let idp: SamlIdp;
  let sp: KeyAndCert;
  let stranger: KeyAndCert;
  let t: Tenant;
  let otherMunicipality: string;
  const mor = { id: randomUUID(), cpr: '' };
  const exPartner = { id: randomUUID(), cpr: '' }; // linked to the child, without custody
  const unknownCpr = fictitiousCpr('1990-01-01', 9999);

  async function addHolder(municipalityId: string, h: { id: string; cpr: string }, firstName: string, childId: string | null, hasCustody = true) {
    await withScope({ db: env.db, clock: { now: () => new Date() } }, systemActor(municipalityId, 'test fixture'), async (s) => {
      await s.trx.insertInto('custodyHolders').values({ municipalityId, id: h.id, cpr: h.cpr, firstName, lastName: 'Forælder', phone: null, email: null }).execute();
      if (childId) {
        await s.trx
          .insertInto('childCustody')
          .values({ municipalityId, id: randomUUID(), childId, custodyHolderId: h.id, relation: 'mor', hasCustody, validFrom: '2020-01-01', validTo: null })
          .execute();
      }
    });
  }

  const app = () => harness.app;
  async function start(municipalityId: string, a = app()) {
    const res = await a.inject({ method: 'GET', url: `/api/portal/saml/${municipalityId}/start` });
    assert.equal(res.statusCode, 302, res.body);
    return idp.readRequest(res.headers.location as string);
  }
  /** The IdP's auto-submitted form: a cross-site POST, no cookie, no CSRF token. */
  function post(samlResponse: string, relayState: string | undefined, a = app()) {
    const form = new URLSearchParams({ SAMLResponse: samlResponse, ...(relayState ? { RelayState: relayState } : {}) });
    return a.inject({
      method: 'POST',
      url: SAML_ACS_PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(idp.ssoUrl).origin },
      payload: form.toString(),
    });
  }
  const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'tidlig' || c.name === '__Host-tidlig');
  const failures = async () => (await auditRowsFor(env.db, t.municipalityId, { action: 'login_failed' })).filter((r) => r.details && (r.details as { method?: string }).method === 'saml');

  /** A fresh request and the IdP's answer to it, changed by `opts`; returns the ACS answer. */
  async function logIn(opts: Partial<Parameters<SamlIdp['response']>[0]> = {}, municipalityId = t.municipalityId) {
    const request = await start(municipalityId);
    const response = idp.response({ inResponseTo: request.id, acsUrl: ACS_URL, audience: ENTITY_ID, cpr: mor.cpr, ...opts });
    return { request, response, res: await post(response, request.relayState ?? undefined) };
  }

  /** Refused: back to the log-in page, no session, one more audited failure with this reason. */
  async function assertRefused(res: LightMyRequestResponse, reason: string, before: number) {
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, LOGIN_FAILED);
    assert.equal(sessionCookie(res), undefined, 'no session cookie');
    const rows = await failures();
    assert.equal(rows.length, before + 1, 'the refusal is audited');
    const last = rows.at(-1)!;
    assert.equal(last.outcome, 'denied');
    assert.equal(last.actorKind, 'anonymous');
    assert.equal((last.details as { reason: string }).reason, reason);
  }

  before(async () => {
    env = await testDatabase();
    t = await createTenant(env.db);
    otherMunicipality = await createMunicipality(env.db, { code: '871', name: 'Andenkommune' });
    mor.cpr = fictitiousCpr('1988-04-12', 4321 + Number(t.code));
    exPartner.cpr = fictitiousCpr('1987-02-03', 1234 + Number(t.code));
    await addHolder(t.municipalityId, mor, 'Mette', t.children.inA);
    await addHolder(t.municipalityId, exPartner, 'Ex', t.children.inA, false);
    idp = await startSamlIdp();
    sp = await keyAndCert('tidlig.test');
    stranger = await keyAndCert('Not the IdP');
    const saml = { entryPoint: idp.ssoUrl, idpCert: [idp.cert], idpIssuer: idp.entityId, entityId: ENTITY_ID, callbackUrl: ACS_URL, privateKey: sp.privateKey, publicCert: sp.cert };
    const config = { publicUrl: PUBLIC_URL, secureCookies: false, rateLimit: { perMinute: 100_000, loginPerMinute: 100_000 }, saml };
    harness = await testApp({ db: env.db, config });
    noSaml = await testApp({ db: env.db, config: { ...config, saml: undefined } });
  });

  after(async () => {
    await harness?.app.close();
    await noSaml?.app.close();
    await env?.close();
  });

  it('a custody holder logs in with a signed assertion and gets a citizen session that reaches the portal', async () => {
    const { request, res } = await logIn();
    // The AuthnRequest: signed (redirect binding), our entity id and ACS, the municipality as RelayState.
    assert.equal(request.signed, true);
    assert.equal(request.issuer, ENTITY_ID);
    assert.equal(request.acsUrl, ACS_URL);
    assert.equal(request.destination, idp.ssoUrl);
    assert.equal(request.relayState, t.municipalityId);

    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/borger');
    const cookie = sessionCookie(res);
    assert.ok(cookie, 'session cookie set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');

    const me = await app().inject({ method: 'GET', url: '/api/portal/me', headers: { cookie: `${cookie.name}=${cookie.value}` } });
    assert.equal(me.statusCode, 200, me.body);
    const body = me.json();
    assert.equal(body.citizen.id, mor.id);
    assert.equal(body.citizen.name, 'Mette Forælder');
    assert.deepEqual(
      body.children.map((c: { id: string }) => c.id),
      [t.children.inA],
    );

    const logins = await auditRowsFor(env.db, t.municipalityId, { action: 'login' });
    const mine = logins.filter((r) => r.actorUserId === mor.id);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.actorKind, 'citizen');
    assert.deepEqual(mine[0]!.details, { method: 'saml' });
  });

  it('a response signed as a whole (assertion unsigned inside) is accepted too', async () => {
    const { res } = await logIn({ sign: 'response' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/borger');
    assert.ok(sessionCookie(res));
  });

  it('an assertion encrypted for us (as NemLog-in sends it) is decrypted and accepted; one for another key, or unsigned inside, is refused', async () => {
    const request = await start(t.municipalityId);
    const opts = { inResponseTo: request.id, acsUrl: ACS_URL, audience: ENTITY_ID, cpr: mor.cpr };
    const ok = await post(await idp.encryptedResponse(opts, sp.cert), t.municipalityId);
    assert.equal(ok.headers.location, '/borger', ok.body);
    assert.ok(sessionCookie(ok));

    const n = (await failures()).length;
    const second = await start(t.municipalityId);
    const forStranger = await idp.encryptedResponse({ ...opts, inResponseTo: second.id }, stranger.cert);
    await assertRefused(await post(forStranger, t.municipalityId), 'decryption', n);
    const third = await start(t.municipalityId);
    const unsignedInside = await idp.encryptedResponse({ ...opts, inResponseTo: third.id, sign: 'none' }, sp.cert);
    await assertRefused(await post(unsignedInside, t.municipalityId), 'signature', n + 1);
  });

  it('an unsigned response is refused and audited', async () => {
    const n = (await failures()).length;
    await assertRefused((await logIn({ sign: 'none' })).res, 'signature', n);
  });

  it('a response signed by another key than the IdP’s is refused', async () => {
    const n = (await failures()).length;
    await assertRefused((await logIn({ signer: stranger })).res, 'signature', n);
  });

  it('a signed assertion changed afterwards (another CPR) is refused', async () => {
    const n = (await failures()).length;
    const { res } = await logIn({ tamper: (xml) => xml.replace(`>${mor.cpr}<`, `>${exPartner.cpr}<`) });
    await assertRefused(res, 'signature', n);
  });

  it('an expired assertion is refused; one within the clock skew is not', async () => {
    const now = Date.now();
    let n = (await failures()).length;
    await assertRefused((await logIn({ notBefore: new Date(now - 10 * 60_000), notOnOrAfter: new Date(now - 2 * 60_000) })).res, 'validity', n);
    n += 1;
    await assertRefused((await logIn({ notBefore: new Date(now + 3 * 60_000), notOnOrAfter: new Date(now + 8 * 60_000) })).res, 'validity', n);
    const withinSkew = await logIn({ notBefore: new Date(now - 5 * 60_000), notOnOrAfter: new Date(now - 20_000) });
    assert.equal(withinSkew.res.headers.location, '/borger', '20 s past NotOnOrAfter is inside the 60 s skew');
  });

  it('an assertion for another audience is refused', async () => {
    const n = (await failures()).length;
    await assertRefused((await logIn({ audience: 'https://another-sp.test/saml' })).res, 'audience', n);
  });

  it('a response answering a request we never made is refused, audited in the municipality named by RelayState', async () => {
    const n = (await failures()).length;
    const response = idp.response({ inResponseTo: `_${randomUUID()}`, acsUrl: ACS_URL, audience: ENTITY_ID, cpr: mor.cpr });
    await assertRefused(await post(response, t.municipalityId), 'in_response_to', n);
    // …and one without InResponseTo at all (IdP-initiated) as well.
    const unsolicited = idp.response({ inResponseTo: null, acsUrl: ACS_URL, audience: ENTITY_ID, cpr: mor.cpr });
    await assertRefused(await post(unsolicited, t.municipalityId), 'in_response_to', n + 1);
  });

  it('a response is used once: a replay is refused, and two copies racing give one session', async () => {
    const { response, res } = await logIn();
    assert.equal(res.headers.location, '/borger');
    const n = (await failures()).length;
    await assertRefused(await post(response, t.municipalityId), 'in_response_to', n);

    const request = await start(t.municipalityId);
    const fresh = idp.response({ inResponseTo: request.id, acsUrl: ACS_URL, audience: ENTITY_ID, cpr: mor.cpr });
    const both = await Promise.all([post(fresh, t.municipalityId), post(fresh, t.municipalityId)]);
    assert.deepEqual(both.map((r) => r.headers.location).sort(), ['/borger', LOGIN_FAILED]);
  });

  it('a captured assertion cannot be re-bound to a fresh request: the signed InResponseTo must match', async () => {
    const n = (await failures()).length;
    const { res } = await logIn({ subjectInResponseTo: null });
    await assertRefused(res, 'in_response_to', n);
  });

  it('Destination and Recipient must name our ACS URL', async () => {
    const n = (await failures()).length;
    await assertRefused((await logIn({ destination: 'https://elsewhere.test/acs' })).res, 'destination', n);
    await assertRefused((await logIn({ destination: null })).res, 'destination', n + 1);
    await assertRefused((await logIn({ recipient: 'https://elsewhere.test/acs' })).res, 'recipient', n + 2);
  });

  it('another issuer, a low assurance level or a missing CPR is refused', async () => {
    const n = (await failures()).length;
    await assertRefused((await logIn({ issuer: 'https://other-idp.test' })).res, 'issuer', n);
    await assertRefused((await logIn({ loa: 'Low' })).res, 'assurance_level', n + 1);
    await assertRefused((await logIn({ cpr: null })).res, 'cpr_missing', n + 2);
  });

  it('a verified person without custody of a child in the municipality gets no session (and no CPR is stored)', async () => {
    for (const cpr of [unknownCpr, exPartner.cpr]) {
      const before = (await auditRowsFor(env.db, t.municipalityId, { action: 'login_failed' })).length;
      const { res } = await logIn({ cpr });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/borger/log-ind?fejl=portal.no_children');
      assert.equal(sessionCookie(res), undefined);
      const rows = await auditRowsFor(env.db, t.municipalityId, { action: 'login_failed' });
      assert.equal(rows.length, before + 1);
      assert.equal((rows.at(-1)!.details as { reason: string }).reason, cpr === unknownCpr ? 'unknown' : 'no_custody');
    }
    // The municipality the request was made for decides: Mette has no child in the other one.
    const { res } = await logIn({}, otherMunicipality);
    assert.equal(res.headers.location, '/borger/log-ind?fejl=portal.no_children');

    const everything = JSON.stringify(await auditRowsFor(env.db, t.municipalityId));
    for (const cpr of [mor.cpr, exPartner.cpr, unknownCpr]) assert.ok(!everything.includes(cpr), 'no CPR in the audit trail');
  });

  it('a citizen session reaches no staff route, and a staff session is not a citizen', async () => {
    const { res } = await logIn();
    const cookie = sessionCookie(res)!;
    const citizen = clientFor(app(), `${cookie.name}=${cookie.value}`, '');
    for (const url of ['/api/children', `/api/children/${t.children.inA}`, '/api/auth/me', '/api/notices']) {
      const r = await citizen.get(url);
      assert.equal(r.statusCode, 403, `${url}: ${r.body}`);
    }
    const staff = await login(app(), t, 'paedagogA');
    const r = await staff.get('/api/portal/me');
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, 'auth.required');
  });

  it('publishes SP metadata with our entity id, ACS URL and certificate', async () => {
    const res = await app().inject({ method: 'GET', url: '/api/portal/saml/metadata' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /samlmetadata\+xml/);
    assert.ok(res.body.includes(`entityID="${ENTITY_ID}"`));
    assert.ok(res.body.includes(`Location="${ACS_URL}"`));
    const certBody = sp.cert.replace(/-----[A-Z ]+-----|\s/g, '');
    assert.ok(res.body.replace(/\s/g, '').includes(certBody.slice(0, 60)));
  });

  it('without SAML configuration there is no MitID log-in', async () => {
    const config = await noSaml.app.inject({ method: 'GET', url: '/api/public/portal/config' });
    assert.equal(config.json().samlEnabled, false);
    assert.equal((await harness.app.inject({ method: 'GET', url: '/api/public/portal/config' })).json().samlEnabled, true);
    assert.equal((await noSaml.app.inject({ method: 'GET', url: `/api/portal/saml/${t.municipalityId}/start` })).statusCode, 404);
    assert.equal((await noSaml.app.inject({ method: 'GET', url: '/api/portal/saml/metadata' })).statusCode, 404);
    const response = idp.response({ inResponseTo: '_x', acsUrl: ACS_URL, audience: ENTITY_ID, cpr: mor.cpr });
    const res = await post(response, t.municipalityId, noSaml.app);
    assert.equal(res.statusCode, 404);
    assert.equal(sessionCookie(res), undefined);
  });

  it('an unknown municipality cannot start a log-in', async () => {
    const res = await app().inject({ method: 'GET', url: `/api/portal/saml/${randomUUID()}/start` });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'municipality.not_found');
  });
});

describe('the store of issued SAML request ids', () => {
  it('answers an issued id once, within its time, and remembers the municipality it was made for', async () => {
    let now = 1_000_000;
    const store = new RequestStore(REQUEST_TTL_MS, () => now);
    await store.bind('m-1', () => store.saveAsync('_a', 'instant'));
    await store.saveAsync('_b', 'instant');
    assert.ok(await store.getAsync('_a'));
    assert.equal(store.peek('_a'), 'm-1');
    assert.deepEqual(store.consume('_a'), { municipalityId: 'm-1' });
    assert.equal(store.consume('_a'), null, 'second use');
    assert.equal(await store.getAsync('_a'), null);
    assert.equal(store.peek('_a'), 'm-1', 'a used id still tells where to audit a replay');
    assert.equal(store.consume('_never'), null);
    // node-saml lets go of an id it answered; its first use is still ours to take.
    await store.removeAsync('_b');
    assert.deepEqual(store.consume('_b'), { municipalityId: null });

    await store.saveAsync('_c', 'instant');
    now += REQUEST_TTL_MS - 1;
    assert.ok(await store.getAsync('_c'), 'valid until the TTL');
    now += 1;
    assert.equal(await store.getAsync('_c'), null, 'expired at the TTL');
    assert.equal(store.consume('_c'), null);
  });
});

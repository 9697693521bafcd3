import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { systemActor } from '../../access/actor.ts';
import { withScope, type DataContext } from '../../access/scope.ts';
import { createMunicipality } from '../../db/tenants.ts';
import { fixedClock, testApp, testConfig, testDatabase } from '../../../test/harness.ts';
import { auditRowsFor } from '../../../test/fixtures.ts';
import { Browser, freePort, parseSetCookie, startOidcProvider, type Hop, type TestIdp } from '../../../test/oidc-provider.ts';
import { OIDC_CALLBACK_PATH } from './oidc.ts';

describe('single sign-on with the municipality’s OpenID Connect provider', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  let idp: TestIdp; // puts email in the ID token
  let idpUserinfo: TestIdp; // keeps email out of the ID token (userinfo only)
  let publicUrl: string;
  let data: DataContext;
  const clock = fixedClock(new Date());
  const m = { bySub: '', byEmail: '', byUserinfo: '', noSso: '', idpDown: '' };

  async function addUser(municipalityId: string, u: { username: string; ssoSubject: string; blocked?: boolean; deactivated?: boolean }) {
    const id = randomUUID();
    await withScope(data, systemActor(municipalityId, 'test fixture'), async (s) => {
      await s.trx
        .insertInto('users')
        .values({
          municipalityId,
          id,
          username: u.username,
          displayName: `Test ${u.username}`,
          email: null,
          profession: 'paedagog',
          passwordHash: null,
          ssoSubject: u.ssoSubject,
          blockedAt: u.blocked ? new Date() : null,
          deactivatedAt: u.deactivated ? new Date() : null,
        })
        .execute();
      await s.trx
        .insertInto('memberships')
        .values({ municipalityId, id: randomUUID(), userId: id, role: 'fagperson', unitKind: 'municipality', unitId: municipalityId, validFrom: '2020-01-01', validTo: null })
        .execute();
    });
    return id;
  }

  const sessionsOf = (municipalityId: string) =>
    withScope(data, systemActor(municipalityId, 'test check'), (s) => s.trx.selectFrom('sessions').selectAll().execute());
  const attemptsOf = (municipalityId: string) =>
    withScope(data, systemActor(municipalityId, 'test check'), (s) => s.trx.selectFrom('loginAttempts').selectAll().orderBy('at').execute());

  const appHost = () => new URL(publicUrl).host;
  const isCallback = (url: URL) => url.host === appHost() && url.pathname === OIDC_CALLBACK_PATH;
  /** Where the app sends the browser in the end: a page of the web app, not the API. */
  const isAppPage = (url: URL) => url.host === appHost() && !url.pathname.startsWith('/api/');
  const startUrl = (municipalityId: string) => `${publicUrl}/api/auth/oidc/${municipalityId}/start`;
  const callbackHop = (hops: Hop[]) => {
    const hop = hops.find((h) => isCallback(h.url));
    assert.ok(hop, `the IdP sent the browser back to the callback: ${hops.map((h) => `${h.status} ${h.url.pathname}`).join(' → ')}`);
    return hop;
  };
  const sessionCookieIn = (hop: Hop) => hop.setCookies.map(parseSetCookie).find((c) => c.name === '__Host-tidlig' && c.value !== '');

  /** Log in at the IdP as `account` and follow every redirect back to a page of the app. */
  async function logIn(municipalityId: string, account: string | 'deny', browser = new Browser()) {
    idp.nextLogin = account;
    idpUserinfo.nextLogin = account;
    const hops = await browser.visit(startUrl(municipalityId), { stopBefore: isAppPage });
    return { browser, hops, callback: callbackHop(hops) };
  }

  before(async () => {
    env = await testDatabase();
    data = { db: env.db, clock };
    publicUrl = `http://127.0.0.1:${await freePort()}`;
    idp = await startOidcProvider({ redirectUri: `${publicUrl}${OIDC_CALLBACK_PATH}` });
    idpUserinfo = await startOidcProvider({ redirectUri: `${publicUrl}${OIDC_CALLBACK_PATH}`, claimsInIdToken: false });
    m.bySub = await createMunicipality(env.db, { code: '701', name: 'Subkommune' });
    m.byEmail = await createMunicipality(env.db, { code: '702', name: 'Mailkommune' });
    m.byUserinfo = await createMunicipality(env.db, { code: '703', name: 'Userinfokommune' });
    m.noSso = await createMunicipality(env.db, { code: '704', name: 'Kodeordskommune' });
    m.idpDown = await createMunicipality(env.db, { code: '705', name: 'Nedekommune' });
    const nobodyListens = `http://127.0.0.1:${await freePort()}`;
    const provider = (code: string, p: TestIdp, userClaim: string) => ({
      municipalityCode: code,
      issuer: p.issuer,
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      userClaim,
      label: 'Log ind med kommunens login',
    });
    const config = testConfig({
      publicUrl,
      secureCookies: true,
      rateLimit: { perMinute: 100_000, loginPerMinute: 1000 },
      oidc: [
        provider('701', idp, 'sub'),
        provider('702', idp, 'email'),
        provider('703', idpUserinfo, 'email'),
        { ...provider('705', idp, 'sub'), issuer: nobodyListens },
      ],
    });
    harness = await testApp({ db: env.db, clock, config });
    await harness.app.listen({ port: Number(new URL(publicUrl).port), host: '127.0.0.1' });
  });

  after(async () => {
    await harness?.close();
    await idp?.close();
    await idpUserinfo?.close();
    await env?.close();
  });

  beforeEach(() => clock.set(new Date()));

  it('a staff member logs in through the municipality’s OIDC provider and gets a working session', async () => {
    const userId = await addUser(m.bySub, { username: 'anne', ssoSubject: 'anne-sub-1' });
    idp.accounts.set('anne-sub-1', { sub: 'anne-sub-1', email: 'anne@example.dk' });

    const { browser, hops, callback } = await logIn(m.bySub, 'anne-sub-1');

    // /start: a short-lived, HttpOnly, Lax transaction cookie and a PKCE request to the IdP.
    const start = hops[0]!;
    assert.equal(start.status, 302);
    assert.equal(start.location?.origin, idp.issuer);
    assert.equal(start.location?.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(start.location?.searchParams.get('code_challenge'));
    assert.ok(start.location?.searchParams.get('state'));
    assert.ok(start.location?.searchParams.get('nonce'));
    assert.equal(start.location?.searchParams.get('redirect_uri'), `${publicUrl}${OIDC_CALLBACK_PATH}`);
    const tx = start.setCookies.map(parseSetCookie).find((c) => c.name === '__Host-tidlig-oidc');
    assert.ok(tx, 'transaction cookie set');
    assert.ok(tx.attrs.has('httponly'));
    assert.ok(tx.attrs.has('secure'));
    assert.equal(tx.attrs.get('samesite')?.toLowerCase(), 'lax');
    assert.equal(tx.attrs.get('max-age'), '600');
    assert.equal(tx.attrs.get('path'), '/');

    // /callback: the session cookie, then home.
    assert.equal(callback.status, 302);
    assert.equal(callback.location?.href, `${publicUrl}/`);
    const session = sessionCookieIn(callback);
    assert.ok(session, 'session cookie set');
    assert.ok(session.attrs.has('httponly'));
    assert.ok(session.attrs.has('secure'));
    assert.equal(session.attrs.get('samesite'), 'Strict');
    assert.equal(session.attrs.get('path'), '/');
    assert.equal(browser.cookie(appHost(), '__Host-tidlig-oidc'), undefined, 'the transaction cookie is used once and cleared');

    const me = await fetch(`${publicUrl}/api/auth/me`, { headers: { cookie: `__Host-tidlig=${session.value}` } });
    assert.equal(me.status, 200);
    const body = (await me.json()) as { user: { id: string; username: string }; municipality: { id: string }; roles: string[] };
    assert.equal(body.user.id, userId);
    assert.equal(body.user.username, 'anne');
    assert.equal(body.municipality.id, m.bySub);
    assert.deepEqual(body.roles, ['fagperson']);

    const sessions = await sessionsOf(m.bySub);
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0]!.authMethod, 'oidc');
    assert.equal(sessions[0]!.userId, userId);
    const logins = await auditRowsFor(env.db, m.bySub, { action: 'login' });
    assert.equal(logins.length, 1);
    assert.equal(logins[0]!.actorUserId, userId);
    assert.deepEqual(logins[0]!.details, { method: 'oidc' });
    const attempts = await attemptsOf(m.bySub);
    assert.deepEqual(attempts.map((a) => [a.userId, a.succeeded, a.method]), [[userId, true, 'oidc']]);
  });

  it('the user is matched on the configured claim (email), not on sub', async () => {
    const bo = await addUser(m.byEmail, { username: 'bo', ssoSubject: 'bo@kommune.dk' });
    // A user whose sso_subject equals Bo's sub must not be the one logged in.
    await addUser(m.byEmail, { username: 'decoy', ssoSubject: 'bo-sub-9' });
    idp.accounts.set('bo-sub-9', { sub: 'bo-sub-9', email: 'bo@kommune.dk' });

    const { callback } = await logIn(m.byEmail, 'bo-sub-9');
    assert.equal(callback.location?.pathname, '/');
    const session = sessionCookieIn(callback);
    assert.ok(session);
    const me = await harness.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `__Host-tidlig=${session.value}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.id, bo);
  });

  it('the claim is read from userinfo when the provider keeps it out of the ID token', async () => {
    const cille = await addUser(m.byUserinfo, { username: 'cille', ssoSubject: 'cille@kommune.dk' });
    idpUserinfo.accounts.set('cille-sub', { sub: 'cille-sub', email: 'cille@kommune.dk' });

    const { callback } = await logIn(m.byUserinfo, 'cille-sub');
    const session = sessionCookieIn(callback);
    assert.ok(session, `logged in (went to ${callback.location?.href})`);
    const me = await harness.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `__Host-tidlig=${session.value}` } });
    assert.equal(me.json().user.id, cille);
  });

  it('an identity with no Tidlig user is refused and audited, and no session is created', async () => {
    idp.accounts.set('stranger-sub', { sub: 'stranger-sub', email: 'stranger@example.dk' });
    const before = (await sessionsOf(m.bySub)).length;
    const failedBefore = (await auditRowsFor(env.db, m.bySub, { action: 'login_failed' })).length;

    const { callback } = await logIn(m.bySub, 'stranger-sub');
    assert.equal(callback.status, 302);
    assert.equal(callback.location?.href, `${publicUrl}/login?error=auth.sso_unknown_user`);
    assert.equal(sessionCookieIn(callback), undefined);
    assert.equal((await sessionsOf(m.bySub)).length, before);

    const failed = await auditRowsFor(env.db, m.bySub, { action: 'login_failed' });
    assert.equal(failed.length, failedBefore + 1);
    const row = failed.at(-1)!;
    assert.equal(row.outcome, 'denied');
    assert.equal(row.resourceId, null);
    assert.deepEqual(row.details, { method: 'oidc', reason: 'unknown_user' });
    const attempts = (await attemptsOf(m.bySub)).filter((a) => a.userId === null);
    assert.deepEqual(attempts.map((a) => [a.succeeded, a.method]), [[false, 'oidc']]);
  });

  it('a tampered state is refused, even with a real code', async () => {
    await addUser(m.bySub, { username: 'dorte', ssoSubject: 'dorte-sub' });
    idp.accounts.set('dorte-sub', { sub: 'dorte-sub' });
    idp.nextLogin = 'dorte-sub';
    const browser = new Browser();
    const hops = await browser.visit(startUrl(m.bySub), { stopBefore: isCallback });
    const callbackUrl = hops.at(-1)!.location!;
    assert.ok(isCallback(callbackUrl) && callbackUrl.searchParams.get('code'), 'the IdP issued a code');
    const before = (await sessionsOf(m.bySub)).length;

    callbackUrl.searchParams.set('state', `${callbackUrl.searchParams.get('state')}x`);
    const [res] = await browser.visit(callbackUrl, { stopBefore: isAppPage });
    assert.equal(res!.status, 302);
    assert.equal(res!.location?.href, `${publicUrl}/login?error=auth.sso_failed`);
    assert.equal(sessionCookieIn(res!), undefined);
    assert.equal((await sessionsOf(m.bySub)).length, before);
  });

  it('a callback with no transaction of its own (unknown state) is refused', async () => {
    // Login CSRF: someone else's code and state, delivered to a browser that never started a log-in.
    idp.nextLogin = 'dorte-sub';
    const hops = await new Browser().visit(startUrl(m.bySub), { stopBefore: isCallback });
    const callbackUrl = hops.at(-1)!.location!;
    const before = (await sessionsOf(m.bySub)).length;

    const [res] = await new Browser().visit(callbackUrl, { stopBefore: isAppPage });
    assert.equal(res!.location?.href, `${publicUrl}/login?error=auth.sso_failed`);
    assert.equal(sessionCookieIn(res!), undefined);

    const forged = new Browser();
    forged.setCookie(appHost(), '__Host-tidlig-oidc', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const [res2] = await forged.visit(callbackUrl, { stopBefore: isAppPage });
    assert.equal(res2!.location?.href, `${publicUrl}/login?error=auth.sso_failed`);
    assert.equal((await sessionsOf(m.bySub)).length, before);
  });

  it('a log-in that took more than ten minutes at the provider is refused', async () => {
    idp.nextLogin = 'dorte-sub';
    const browser = new Browser();
    const hops = await browser.visit(startUrl(m.bySub), { stopBefore: isCallback });
    clock.advance(11 * 60 * 1000);
    const [res] = await browser.visit(hops.at(-1)!.location!, { stopBefore: isAppPage });
    assert.equal(res!.location?.href, `${publicUrl}/login?error=auth.sso_failed`);
    assert.equal(sessionCookieIn(res!), undefined);
  });

  it('an IdP error=access_denied callback is refused', async () => {
    const { callback } = await logIn(m.bySub, 'deny');
    assert.equal(callback.url.searchParams.get('error'), 'access_denied');
    assert.equal(callback.location?.href, `${publicUrl}/login?error=auth.sso_failed`);
    assert.equal(sessionCookieIn(callback), undefined);
  });

  it('a blocked or deactivated user is refused like an unknown one, and the attempt is audited', async () => {
    const blocked = await addUser(m.bySub, { username: 'erik', ssoSubject: 'erik-sub', blocked: true });
    const gone = await addUser(m.bySub, { username: 'frida', ssoSubject: 'frida-sub', deactivated: true });
    idp.accounts.set('erik-sub', { sub: 'erik-sub' });
    idp.accounts.set('frida-sub', { sub: 'frida-sub' });
    const before = (await sessionsOf(m.bySub)).length;

    for (const [account, userId, reason] of [
      ['erik-sub', blocked, 'blocked'],
      ['frida-sub', gone, 'deactivated'],
    ] as const) {
      const { callback } = await logIn(m.bySub, account);
      assert.equal(callback.location?.href, `${publicUrl}/login?error=auth.sso_unknown_user`);
      assert.equal(sessionCookieIn(callback), undefined);
      const row = (await auditRowsFor(env.db, m.bySub, { action: 'login_failed' })).at(-1)!;
      assert.equal(row.resourceId, userId);
      assert.equal(row.outcome, 'denied');
      assert.deepEqual(row.details, { method: 'oidc', reason });
      const attempts = (await attemptsOf(m.bySub)).filter((a) => a.userId === userId);
      assert.deepEqual(attempts.map((a) => [a.succeeded, a.method]), [[false, 'oidc']]);
    }
    assert.equal((await sessionsOf(m.bySub)).length, before);
  });

  it('a municipality without a provider answers 404 like an unknown one', async () => {
    const none = await harness.app.inject({ method: 'GET', url: `/api/auth/oidc/${m.noSso}/start` });
    const unknown = await harness.app.inject({ method: 'GET', url: `/api/auth/oidc/${randomUUID()}/start` });
    assert.equal(none.statusCode, 404);
    assert.equal(unknown.statusCode, 404);
    assert.equal(none.body, unknown.body);
    assert.equal(none.json().error.code, 'municipality.not_found');
    assert.equal(none.headers['set-cookie'], undefined);
  });

  it('a provider that cannot be reached sends the user back to the log-in page with an error', async () => {
    const res = await harness.app.inject({ method: 'GET', url: `/api/auth/oidc/${m.idpDown}/start` });
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/login?error=auth.sso_failed');
    assert.equal(res.headers['set-cookie'], undefined);
  });

  it('the public municipality list links to the start endpoint, which leads to the provider', async () => {
    const list = await harness.app.inject({ method: 'GET', url: '/api/public/municipalities' });
    const withSso = (list.json() as { id: string; sso: { url: string }[] }[]).find((x) => x.id === m.bySub)!;
    assert.equal(withSso.sso.length, 1);
    const res = await harness.app.inject({ method: 'GET', url: withSso.sso[0]!.url });
    assert.equal(res.statusCode, 302);
    assert.ok(String(res.headers.location).startsWith(`${idp.issuer}/`));
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock, testApp, testDatabase } from '../../../test/harness.ts';
import { auditRowsFor, clientFor, cookieFrom, createTenant, login, PASSWORD, type Tenant } from '../../../test/fixtures.ts';

describe('log-in, sessions and CSRF', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  let t: Tenant;
  let other: Tenant;
  const clock = fixedClock(new Date('2026-11-23T09:00:00Z'));

  before(async () => {
    env = await testDatabase();
    harness = await testApp({ db: env.db, clock, config: { rateLimit: { perMinute: 100_000, loginPerMinute: 1000 } } });
    t = await createTenant(env.db, { clock });
    other = await createTenant(env.db, { clock });
  });
  after(async () => {
    await harness.close();
    await env.close();
  });

  const attempt = (tenant: Tenant, username: string, password: string) =>
    harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { municipalityId: tenant.municipalityId, username, password } });

  it('a staff member logs in and gets a __Host- cookie that is HttpOnly, Secure and SameSite=Strict', async () => {
    const res = await attempt(t, 'paedagoga', PASSWORD);
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === '__Host-tidlig');
    assert.ok(cookie, 'session cookie set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.secure, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.domain, undefined);
    const body = res.json();
    assert.equal(body.user.username, 'paedagoga');
    assert.deepEqual(body.roles, ['fagperson']);
    assert.ok(body.csrfToken.length >= 40);
    const me = await clientFor(harness.app, cookieFrom(res), body.csrfToken).get('/api/auth/me');
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().municipality.id, t.municipalityId);
  });

  it('a wrong password and an unknown user get the same answer (no user enumeration)', async () => {
    const wrong = await attempt(t, 'leder', 'forkert-kodeord');
    const unknown = await attempt(t, 'findes-ikke', 'forkert-kodeord');
    const otherTenant = await attempt(other, 'findes-heller-ikke', 'forkert-kodeord');
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.body, unknown.body);
    assert.equal(wrong.body, otherTenant.body);
    assert.equal(wrong.json().error.code, 'auth.login_failed');
    assert.match(wrong.json().error.message, /Log-ind mislykkedes/);
  });

  it('an unknown user takes about as long to refuse as a known one (a dummy hash is verified)', async () => {
    const time = async (username: string) => {
      const start = performance.now();
      for (let i = 0; i < 3; i += 1) await attempt(other, username, `forkert-${i}`);
      return performance.now() - start;
    };
    await time('nobody'); // warm up
    const unknown = await time('nobody-at-all');
    const known = await time('laerer');
    // Only a gross difference (no hash at all for unknown users) would fail this.
    assert.ok(unknown > known * 0.4, `unknown ${unknown.toFixed(0)} ms vs known ${known.toFixed(0)} ms`);
  });

  it('three failed log-ins within 24 hours block the account until an administrator unblocks it', async () => {
    for (let i = 0; i < 3; i += 1) assert.equal((await attempt(t, 'paedagogb', 'forkert')).statusCode, 401);
    const blocked = await attempt(t, 'paedagogb', PASSWORD);
    assert.equal(blocked.statusCode, 401, 'the right password is refused while blocked');
    assert.equal(blocked.json().error.code, 'auth.login_failed');
    const audit = await auditRowsFor(env.db, t.municipalityId, { action: 'account_blocked' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.resourceId, t.users.paedagogB);

    const admin = await login(harness.app, t, 'admin');
    const unblock = await admin.post(`/api/staff/${t.users.paedagogB}/unblock`);
    assert.equal(unblock.statusCode, 200);
    assert.equal((await attempt(t, 'paedagogb', PASSWORD)).statusCode, 200);
  });

  it('failures older than 24 hours do not count toward the block', async () => {
    assert.equal((await attempt(t, 'laerer', 'forkert')).statusCode, 401);
    assert.equal((await attempt(t, 'laerer', 'forkert')).statusCode, 401);
    clock.advance(24 * 3600_000 + 1000);
    assert.equal((await attempt(t, 'laerer', 'forkert')).statusCode, 401);
    assert.equal((await attempt(t, 'laerer', PASSWORD)).statusCode, 200, 'only one failure is inside the window');
  });

  it('logging in again rotates the session: the old cookie stops working', async () => {
    const first = await attempt(t, 'leder', PASSWORD);
    const oldCookie = cookieFrom(first);
    const second = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: oldCookie },
      payload: { municipalityId: t.municipalityId, username: 'leder', password: PASSWORD },
    });
    assert.equal(second.statusCode, 200);
    assert.notEqual(cookieFrom(second), oldCookie);
    const res = await harness.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: oldCookie } });
    assert.equal(res.statusCode, 401);
  });

  it('a session ends after 30 idle minutes and after 8 hours however active', async () => {
    const c = await login(harness.app, t, 'leder');
    clock.advance(29 * 60_000);
    assert.equal((await c.get('/api/auth/me')).statusCode, 200);
    clock.advance(30 * 60_000);
    const idle = await c.get('/api/children');
    assert.equal(idle.statusCode, 401);
    assert.equal(idle.json().error.code, 'auth.session_expired');

    const busy = await login(harness.app, t, 'leder');
    for (let h = 0; h < 16; h += 1) {
      clock.advance(29 * 60_000);
      assert.equal((await busy.get('/api/auth/me')).statusCode, 200, `active at step ${h}`);
    }
    clock.advance(30 * 60_000 - 1);
    assert.equal((await busy.get('/api/auth/me')).statusCode, 401, 'absolute timeout at 8 h');
  });

  it('a state-changing request needs the CSRF token and a same-origin Origin', async () => {
    const c = await login(harness.app, t, 'admin');
    const body = { name: 'Distrikt CSRF' };
    const missing = await harness.app.inject({ method: 'POST', url: '/api/org/districts', headers: { cookie: c.cookie }, payload: body });
    assert.equal(missing.statusCode, 403);
    assert.equal(missing.json().error.code, 'auth.csrf');
    const wrong = await c.post('/api/org/districts', body, { 'x-csrf-token': 'x'.repeat(c.csrf.length) });
    assert.equal(wrong.statusCode, 403);
    const crossSite = await c.post('/api/org/districts', body, { origin: 'https://evil.example', host: 'tidlig.example' });
    assert.equal(crossSite.statusCode, 403);
    const ok = await c.post('/api/org/districts', body);
    assert.equal(ok.statusCode, 201);
  });

  it('log-out ends the session on the server', async () => {
    const c = await login(harness.app, t, 'dpo');
    assert.equal((await c.post('/api/auth/logout')).statusCode, 204);
    assert.equal((await c.get('/api/auth/me')).statusCode, 401);
  });

  it("a user cannot log in to another municipality, and a cookie naming another municipality is worthless", async () => {
    assert.equal((await attempt(other, 'paedagoga', PASSWORD)).statusCode, 200, 'same username exists there too');
    const mine = await login(harness.app, t, 'paedagoga');
    const [, token] = mine.cookie.split('.');
    const forged = `__Host-tidlig=${other.municipalityId}.${token}`;
    const res = await harness.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: forged } });
    assert.equal(res.statusCode, 401);
  });

  it('bad log-in input is a 400 with the field, never a 500', async () => {
    const res = await harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { municipalityId: 'nope', username: '', password: 'x', extra: 1 } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'request.invalid');
  });
});

describe('log-in rate limit', () => {
  it('answers 429 with a Danish message after too many attempts from one address', async () => {
    const env = await testDatabase();
    const harness = await testApp({ db: env.db, config: { rateLimit: { perMinute: 1000, loginPerMinute: 3 } } });
    try {
      const t = await createTenant(env.db);
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { municipalityId: t.municipalityId, username: 'x', password: 'y' } });
        codes.push(res.statusCode);
        if (res.statusCode === 429) assert.equal(res.json().error.code, 'request.rate_limited');
      }
      assert.deepEqual(codes, [401, 401, 401, 429, 429]);
    } finally {
      await harness.close();
      await env.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../db/connect.ts';
import { testApp, testConfig, testDatabase } from '../../test/harness.ts';
import { buildApp } from './app.ts';

describe('HTTP basics', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    env = await testDatabase();
    harness = await testApp({ db: env.db, config: { bodyLimitBytes: 10_000 } });
  });
  after(async () => {
    await harness.close();
    await env.close();
  });

  it('health answers 200 when the database is reachable', async () => {
    const res = await harness.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok', database: 'postgres' });
  });

  it('health answers 503 with Retry-After when the database is unreachable', async () => {
    const db = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', poolSize: 1 });
    const app = await buildApp({ config: testConfig(), db });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.headers['retry-after'], '5');
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('every response carries the security headers', async () => {
    for (const url of ['/api/health', '/api/public/municipalities', '/api/nope', '/']) {
      const res = await harness.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/, url);
      assert.doesNotMatch(csp, /unsafe-inline[^;]*script|script-src[^;]*unsafe-inline/, url);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
    }
  });

  it('sends HSTS only when configured for TLS', async () => {
    assert.equal((await harness.app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security'], undefined);
    const tls = await testApp({ db: env.db, config: { hsts: true } });
    try {
      assert.match(String((await tls.app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']), /max-age=31536000/);
    } finally {
      await tls.app.close();
    }
  });

  it('a too large body is 413, a wrong content type 415, broken JSON 400 — each with a stable code', async () => {
    const big = await harness.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'a'.repeat(20_000) }) });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, 'request.too_large');
    const xml = await harness.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    assert.equal(xml.statusCode, 415);
    const broken = await harness.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'request.invalid');
  });

  it('serves the OpenAPI document', async () => {
    const res = await harness.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.ok(doc.paths['/api/children/{id}']);
    assert.ok(doc.paths['/api/auth/login']);
  });

  it('unknown API paths are a JSON 404', async () => {
    const res = await harness.app.inject({ method: 'GET', url: '/api/findes-ikke' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'request.not_found');
  });
});

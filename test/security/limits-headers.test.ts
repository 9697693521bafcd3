// Security battery, item 8 (fast form): body limits, bad bodies, slow clients, and the security
// headers on every kind of response. The basics (one 413, one 415, one broken JSON, HSTS off
// without TLS, headers on four URLs) are in src/http/http.test.ts; this file widens them:
//  - every kind of response the server gives (API 2xx/4xx/5xx, static page, asset, client-side
//    route, 404s, the public guide, the OpenAPI document and its UI) carries the headers;
//  - a body over the limit is refused from its Content-Length, before it is read, and when it
//    arrives chunked without one;
//  - slow clients (headers trickled, a body never finished, a silent connection) are cut off by
//    the server's timeouts (src/config.ts `timeouts`, src/http/app.ts `serverTimeouts`) on a real socket.
// `sqlmap` is not part of the fast form: test/security/heavy/sqlmap.battery.ts (`npm run battery`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { openDatabase } from '../../src/db/connect.ts';
import { buildApp } from '../../src/http/app.ts';
import { createTenant, login, type Tenant } from '../fixtures.ts';
import { testApp, testConfig, testDatabase } from '../harness.ts';

const BODY_LIMIT = 16 * 1024;
const LOGIN_LIMIT = 40;
const TIMEOUTS = { requestMs: 1200, headersMs: 600, idleMs: 1500 };
/** No cut-off may take longer than this (deadline + checking interval + a loaded CI machine). */
const CUT_OFF_BOUND_MS = 6000;

describe('limits and security headers', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  let t: Tenant;
  let webDist: string;
  let port: number;

  before(async () => {
    // A small stand-in for the built web app: the unit stage runs before `npm run build:web`.
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'tidlig-web-'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html lang="da"><title>Tidlig</title><script type="module" src="/assets/app.js"></script></html>');
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(path.join(webDist, 'assets', 'app.js'), 'export {};');
    env = await testDatabase();
    harness = await testApp({
      db: env.db,
      config: { hsts: true, webDist, bodyLimitBytes: BODY_LIMIT, timeouts: TIMEOUTS, rateLimit: { perMinute: 100_000, loginPerMinute: LOGIN_LIMIT } },
    });
    t = await createTenant(env.db);
    await harness.app.listen({ port: 0, host: '127.0.0.1' });
    port = (harness.app.server.address() as net.AddressInfo).port;
  });
  after(async () => {
    await harness?.close();
    await env?.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  /** The headers every response must carry; returns what is missing or wrong (empty: all good). */
  function headerProblems(url: string, res: Pick<LightMyRequestResponse, 'statusCode' | 'headers'>): string[] {
    const h = res.headers;
    const problems: string[] = [];
    const csp = String(h['content-security-policy'] ?? '');
    if (!/(^|;)\s*default-src 'self'/.test(csp)) problems.push(`CSP default-src: ${csp}`);
    if (!/object-src 'none'/.test(csp)) problems.push('CSP object-src');
    if (!/frame-ancestors 'none'/.test(csp)) problems.push(`CSP frame-ancestors: ${csp}`);
    if (/unsafe-inline|unsafe-eval/.test(csp)) problems.push('CSP unsafe-inline/unsafe-eval');
    if (/https?:|validator\.swagger\.io/.test(csp)) problems.push(`CSP names another origin: ${csp}`);
    if (/script-src[^;]*(unsafe-inline|unsafe-eval|\*)/.test(csp)) problems.push('CSP script-src too wide');
    if (h['strict-transport-security'] !== 'max-age=31536000; includeSubDomains') problems.push(`HSTS: ${h['strict-transport-security']}`);
    if (h['x-content-type-options'] !== 'nosniff') problems.push('X-Content-Type-Options');
    if (h['referrer-policy'] !== 'no-referrer') problems.push('Referrer-Policy');
    // DENY, as frame-ancestors 'none' says (SAMEORIGIN was S3 in docs/known-issues.md).
    if (h['x-frame-options'] !== 'DENY') problems.push(`X-Frame-Options: ${h['x-frame-options']}`);
    if (h['x-powered-by'] !== undefined) problems.push('X-Powered-By present');
    if (h.server !== undefined) problems.push(`Server: ${h.server}`);
    if (!/camera=\(\)/.test(String(h['permissions-policy'] ?? ''))) problems.push('Permissions-Policy');
    // The API never lets a cache keep an answer, except the public guide's 200s (no personal data).
    const publicGuide200 = url.startsWith('/api/public/guide/') && res.statusCode === 200;
    if (url.startsWith('/api/') && !publicGuide200 && h['cache-control'] !== 'no-store') problems.push(`Cache-Control: ${h['cache-control']}`);
    return problems;
  }

  it('every kind of response carries the security headers', async (ctx) => {
    const fagperson = await login(harness.app, t, 'paedagogA');
    const admin = await login(harness.app, t, 'admin');
    const entry = await admin.post('/api/guide/entries', { kind: 'retningslinje', slug: 'underretning', isPublic: true, title: 'Underretning', body: 'Sådan underretter du.' });
    assert.equal(entry.statusCode, 201, entry.body);
    const json = { 'content-type': 'application/json' };
    const inject = harness.app.inject.bind(harness.app);
    const kinds: [string, number, string, () => Promise<LightMyRequestResponse>][] = [
      ['API 200', 200, '/api/health', () => inject({ method: 'GET', url: '/api/health' })],
      ['API 200 with a session', 200, '/api/auth/me', () => fagperson.get('/api/auth/me')],
      ['API 201', 201, '/api/org/districts', () => admin.post('/api/org/districts', { name: 'Syd' })],
      ['API 204', 204, '/api/auth/logout', () => inject({ method: 'POST', url: '/api/auth/logout' })],
      ['API 400 invalid body', 400, '/api/auth/login', () => inject({ method: 'POST', url: '/api/auth/login', payload: {} })],
      ['API 400 broken JSON', 400, '/api/auth/login', () => inject({ method: 'POST', url: '/api/auth/login', headers: json, payload: '{"a":' })],
      ['API 401', 401, '/api/children', () => inject({ method: 'GET', url: '/api/children' })],
      ['API 403 permission', 403, '/api/staff', () => fagperson.get('/api/staff')],
      ['API 403 CSRF', 403, '/api/org/districts', () => inject({ method: 'POST', url: '/api/org/districts', headers: { cookie: admin.cookie }, payload: { name: 'x' } })],
      ['API 404 record', 404, '/api/children/:id', () => fagperson.get('/api/children/00000000-0000-4000-8000-000000000000')],
      ['API 404 route', 404, '/api/findes-ikke', () => inject({ method: 'GET', url: '/api/findes-ikke' })],
      ['API 404 method', 404, '/api/health', () => inject({ method: 'DELETE', url: '/api/health' })],
      ['API 413', 413, '/api/auth/login', () => inject({ method: 'POST', url: '/api/auth/login', headers: json, payload: JSON.stringify({ x: 'a'.repeat(BODY_LIMIT) }) })],
      ['API 415', 415, '/api/auth/login', () => inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' })],
      ['API 428', 428, '/api/org/groups/:id', () => admin.patch(`/api/org/groups/${t.groupA}`, { name: 'Stue Rød' })],
      ['API 429', 429, '/api/auth/login', async () => {
        // The log-in limit per address, from an address of its own (counted before the body is read).
        const attempt = () => inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.7', payload: {} });
        let res = await attempt();
        for (let i = 0; i < LOGIN_LIMIT && res.statusCode !== 429; i += 1) res = await attempt();
        return res;
      }],
      ['static page', 200, '/', () => inject({ method: 'GET', url: '/' })],
      ['static asset', 200, '/assets/app.js', () => inject({ method: 'GET', url: '/assets/app.js' })],
      ['client-side route', 200, '/borger/log-ind', () => inject({ method: 'GET', url: '/borger/log-ind' })],
      ['public guide page', 200, `/guide/${t.code}`, () => inject({ method: 'GET', url: `/guide/${t.code}` })],
      ['asset 404', 404, '/assets/findes-ikke.js', () => inject({ method: 'GET', url: '/assets/findes-ikke.js' })],
      ['HEAD of a page', 200, '/', () => inject({ method: 'HEAD', url: '/' })],
      ['public guide list', 200, `/api/public/guide/${t.code}/entries`, () => inject({ method: 'GET', url: `/api/public/guide/${t.code}/entries` })],
      ['public guide entry', 200, `/api/public/guide/${t.code}/entries/underretning`, () => inject({ method: 'GET', url: `/api/public/guide/${t.code}/entries/underretning` })],
      ['public guide 404', 404, '/api/public/guide/999/entries', () => inject({ method: 'GET', url: '/api/public/guide/999/entries' })],
      ['OpenAPI document', 200, '/api/docs/json', () => inject({ method: 'GET', url: '/api/docs/json' })],
      ['OpenAPI UI', 200, '/api/docs', () => inject({ method: 'GET', url: '/api/docs' })],
      ['OpenAPI UI script', 200, '/api/docs/static/swagger-initializer.js', () => inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' })],
      ['OpenAPI UI asset', 200, '/api/docs/static/swagger-ui.css', () => inject({ method: 'GET', url: '/api/docs/static/swagger-ui.css' })],
    ];
    const csps = new Set<string>();
    for (const [name, status, url, send] of kinds) {
      const res = await send();
      assert.equal(res.statusCode, status, `${name}: ${res.body.slice(0, 200)}`);
      assert.deepEqual(headerProblems(url, res), [], name);
      csps.add(String(res.headers['content-security-policy']));
      // swagger-ui never sends our document's address to validator.swagger.io (S2).
      if (name === 'OpenAPI UI script') assert.match(res.body, /validatorUrl: null/);
    }
    // 503 while the database is down: an app on an address where nothing listens.
    const downDb = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', poolSize: 1 });
    const down = await buildApp({ config: testConfig({ hsts: true, webDist }), db: downDb });
    try {
      const res = await down.inject({ method: 'GET', url: '/api/health' });
      assert.equal(res.statusCode, 503);
      assert.deepEqual(headerProblems('/api/health', res), [], 'API 503');
      csps.add(String(res.headers['content-security-policy']));
    } finally {
      await down.close();
      await downDb.close();
    }
    // One policy for everything, the OpenAPI UI included (it had swagger-ui's own: S2).
    assert.equal(csps.size, 1, `different CSPs: ${[...csps].join(' | ')}`);
    ctx.diagnostic(`security headers: ${kinds.length + 1} kinds of response checked, 0 missing a header; all ${kinds.length + 1} with the same CSP (frame-ancestors 'none') and X-Frame-Options DENY`);
  });

  it('bad bodies get a stable 4xx code, never a 5xx', async (ctx) => {
    const send = (contentType: string | undefined, payload: string) =>
      harness.app.inject({ method: 'POST', url: '/api/auth/login', headers: contentType ? { 'content-type': contentType } : {}, payload });
    const cases: [string, string | undefined, string, number, string][] = [
      ['empty JSON body', 'application/json', '', 400, 'request.invalid'],
      ['truncated JSON', 'application/json', '{"municipalityId":', 400, 'request.invalid'],
      ['not JSON at all', 'application/json', 'hej', 400, 'request.invalid'],
      ['JSON null', 'application/json', 'null', 400, 'request.invalid'],
      ['JSON array', 'application/json', '[]', 400, 'request.invalid'],
      ['__proto__ key', 'application/json', '{"__proto__":{"admin":true}}', 400, 'request.invalid'],
      ['constructor.prototype', 'application/json', '{"constructor":{"prototype":{"admin":true}}}', 400, 'request.invalid'],
      ['8,000 levels deep', 'application/json', `${'['.repeat(8000)}${']'.repeat(8000)}`, 400, 'request.invalid'],
      ['XML', 'application/xml', '<login/>', 415, 'request.unsupported_media_type'],
      ['form', 'application/x-www-form-urlencoded', 'username=a&password=b', 415, 'request.unsupported_media_type'],
      ['multipart', 'multipart/form-data; boundary=x', '--x--', 415, 'request.unsupported_media_type'],
      ['no content type', undefined, '{}', 415, 'request.unsupported_media_type'],
      ['JSON-like media type', 'application/vnd.api+json', '{}', 415, 'request.unsupported_media_type'],
      // The one type a cross-site form sends without a preflight (was 400 from Fastify's own parser: S1).
      ['text/plain', 'text/plain', '{"municipalityId":"x"}', 415, 'request.unsupported_media_type'],
      ['text/plain with charset', 'text/plain; charset=utf-8', 'hej', 415, 'request.unsupported_media_type'],
    ];
    for (const [name, type, payload, status, code] of cases) {
      const res = await send(type, payload);
      assert.equal(res.statusCode, status, `${name}: ${res.body}`);
      assert.equal(res.json().error.code, code, name);
      assert.ok(!/at .+\.ts:\d+|stack|SELECT /i.test(res.body), `${name}: no internals in the body`);
    }
    ctx.diagnostic(`bad bodies: ${cases.length} cases, 0 answered 5xx, each its expected stable code (text/plain 415)`);
  });

  it('a body over the limit is refused from its Content-Length without being read, and when sent chunked', async () => {
    // Declared too large, nothing sent: the answer must come at once, not after the request timeout.
    const started = performance.now();
    const declared = await rawExchange(port, [
      `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${BODY_LIMIT * 100}\r\n\r\n`,
    ]);
    assert.match(declared.data, /^HTTP\/1\.1 413 /);
    assert.match(declared.data, /"code":"request\.too_large"/);
    assert.ok(performance.now() - started < TIMEOUTS.requestMs, `413 after ${(performance.now() - started).toFixed(0)} ms`);

    // Chunked, no Content-Length: counted while it streams.
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json' } }, (r) => {
        let body = '';
        r.on('data', (d) => (body += d));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{"username":"');
      for (let i = 0; i < 20; i += 1) req.write('a'.repeat(1024));
      req.end('"}');
    });
    assert.equal(res.status, 413);
    assert.equal(JSON.parse(res.body).error.code, 'request.too_large');
  });

  it('slow clients are cut off by the server: trickled headers, a body never finished, a silent connection', async (ctx) => {
    const drip = setTimeoutDrip;
    const [headers, body, silent] = await Promise.all([
      // Slowloris: a header line every 150 ms, never the blank line that ends them.
      slowClient(port, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\n', drip('X-Slow: 1\r\n', 150)),
      // A body promised (Content-Length 200) and trickled a byte at a time, never finished.
      slowClient(port, 'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{', drip(' ', 150)),
      // Connects and says nothing.
      slowClient(port, '', null),
    ]);
    for (const [name, r, deadline] of [
      ['trickled headers', headers, TIMEOUTS.headersMs],
      ['unfinished body', body, TIMEOUTS.requestMs],
      ['silent connection', silent, Math.min(TIMEOUTS.headersMs, TIMEOUTS.idleMs)],
    ] as const) {
      assert.ok(r.closedAfterMs >= deadline * 0.8, `${name}: closed after ${r.closedAfterMs.toFixed(0)} ms, before its deadline ${deadline} ms`);
      assert.ok(r.closedAfterMs < CUT_OFF_BOUND_MS, `${name}: still open after ${r.closedAfterMs.toFixed(0)} ms`);
      // Each is told why, in the shape of every other error of ours (S4: it was Fastify's own
      // body without our headers). The header deadline (checked every 150 ms here) always comes
      // before the idle one, so none is closed without a word.
      const raw = parseRaw(r.data);
      assert.equal(raw.statusCode, 408, `${name}: ${r.data.slice(0, 80)}`);
      assert.equal(raw.json().error.code, 'request.timeout', name);
      assert.match(raw.json().error.message, /for lang tid/, name);
      assert.deepEqual(headerProblems('/api/x', raw), [], name);
    }
    // The server still serves everyone else.
    assert.equal((await harness.app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
    const how = (r: { data: string }) => (r.data ? 'answered 408 request.timeout' : 'closed');
    ctx.diagnostic(
      `slow clients: 3 cut off — trickled headers after ${headers.closedAfterMs.toFixed(0)} ms (headers ${TIMEOUTS.headersMs} ms, ${how(headers)}), ` +
        `unfinished body after ${body.closedAfterMs.toFixed(0)} ms (request ${TIMEOUTS.requestMs} ms, ${how(body)}), silent connection after ${silent.closedAfterMs.toFixed(0)} ms (${how(silent)})`,
    );
  });

  it('answers written on the socket (408, 431, 400) carry our body and the same security headers as any other answer', async (ctx) => {
    const reference = await harness.app.inject({ method: 'GET', url: '/api/findes-ikke' });
    const unparsable = parseRaw((await rawExchange(port, ['HEJ MED DIG\r\n\r\n'])).data);
    const tooLarge = parseRaw((await rawExchange(port, [`GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`])).data);
    const slow = parseRaw((await slowClient(port, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\n', setTimeoutDrip('X-Slow: 1\r\n', 150))).data);
    const answers = [
      ['unparsable request', unparsable, 400, 'request.invalid'],
      ['headers too large', tooLarge, 431, 'request.too_large'],
      ['slow client', slow, 408, 'request.timeout'],
    ] as const;
    const securityHeaders = Object.keys(reference.headers).filter((h) => !['date', 'content-length', 'content-type', 'connection', 'keep-alive', 'vary'].includes(h) && !h.startsWith('x-ratelimit-'));
    for (const [name, raw, status, code] of answers) {
      assert.equal(raw.statusCode, status, `${name}: ${raw.head}`);
      assert.equal(raw.json().error.code, code, name);
      assert.deepEqual(headerProblems('/api/x', raw), [], name);
      for (const h of securityHeaders) assert.equal(raw.headers[h], reference.headers[h], `${name}: ${h}`);
    }
    ctx.diagnostic(`raw answers: ${answers.length} (400, 431, 408), each with the stable body and the ${securityHeaders.length} headers of an ordinary 404`);
  });

  it('the production defaults bound slow clients too', () => {
    const t0 = testConfig().timeouts;
    assert.ok(t0.requestMs > 0 && t0.requestMs <= 60_000, `request timeout ${t0.requestMs}`);
    assert.ok(t0.headersMs > 0 && t0.headersMs <= t0.requestMs, `headers timeout ${t0.headersMs}`);
    assert.ok(t0.idleMs > 0 && t0.idleMs <= 120_000, `idle timeout ${t0.idleMs}`);
  });
});

/** A raw HTTP/1.1 answer as read off the socket. */
function parseRaw(data: string) {
  const at = data.indexOf('\r\n\r\n');
  const head = at < 0 ? data : data.slice(0, at);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const body = at < 0 ? '' : data.slice(at + 4);
  return { head, statusCode: Number(statusLine.split(' ')[1]), headers, json: () => JSON.parse(body) as { error: { code: string; message: string } } };
}

interface Drip {
  text: string;
  everyMs: number;
}
const setTimeoutDrip = (text: string, everyMs: number): Drip => ({ text, everyMs });

/** Open a raw connection, send `initial`, keep dripping; resolves when the server closes it. */
function slowClient(port: number, initial: string, drip: Drip | null): Promise<{ closedAfterMs: number; data: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    let timer: NodeJS.Timeout | undefined;
    const cap = setTimeout(() => socket.destroy(), CUT_OFF_BOUND_MS + 2000);
    socket.on('connect', () => {
      if (initial) socket.write(initial);
      if (drip) timer = setInterval(() => socket.writable && socket.write(drip.text), drip.everyMs);
    });
    socket.on('data', (d) => (data += d));
    socket.on('error', () => undefined); // EPIPE/ECONNRESET when the server hangs up mid-drip
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(cap);
      resolve({ closedAfterMs: performance.now() - started, data });
    });
  });
}

/** Send raw request text and collect the answer until the server has answered (or closed). */
function rawExchange(port: number, parts: string[]): Promise<{ data: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => parts.forEach((p) => socket.write(p)));
    let data = '';
    const done = () => {
      socket.destroy();
      resolve({ data });
    };
    const cap = setTimeout(done, CUT_OFF_BOUND_MS);
    socket.on('data', (d) => {
      data += d;
      // A complete JSON error body has arrived: enough.
      if (/\r\n\r\n[\s\S]*\}\}/.test(data)) {
        clearTimeout(cap);
        done();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(cap);
      resolve({ data });
    });
  });
}

// Browser-test rig: the real server on a free port over a fresh PostgreSQL database seeded
// with the deterministic demo municipality, real Chromium (Debian's), a new browser context
// per test, log-in through the UI, and axe-core checks against WCAG 2.1 A/AA.
//
//   const env = await startE2E();               // in before()
//   const { page, close } = await env.newPage(); // per test
//   await login(page, env, 'paedagog');
//   await checkA11y(page, 'Mine børn');
//   await env.close();                          // in after()
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { sql, type Transaction } from 'kysely';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Database } from '../src/db/connect.ts';
import type { DB } from '../src/db/types.ts';
import { dayInCopenhagen } from '../src/domain/calendar.ts';
import { buildApp } from '../src/http/app.ts';
import type { App } from '../src/http/types.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/cli/seed-demo.ts';
import { testConfig, testDatabase, type TestDatabase } from '../test/harness.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(root, 'web', 'dist');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return found;
}

export interface E2E {
  baseUrl: string;
  app: App;
  db: Database;
  browser: Browser;
  municipalityId: string;
  today: string;
  /** A fresh, isolated browser context and page (Danish locale, Copenhagen time). */
  newPage(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }>;
  /** Run SQL as the owner inside the demo municipality (row-level security set up as the app does). */
  query<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StartOptions {
  sessionIdleMinutes?: number;
  /** Demo mode: the citizens' demo log-in is on. */
  demo?: boolean;
}

export async function startE2E(opts: StartOptions = {}): Promise<E2E> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist/index.html is missing: run `npm run build:web` (scripts/test.mjs does it when needed)');
  }
  const tdb: TestDatabase = await testDatabase();
  let app: App | undefined;
  let browser: Browser | undefined;
  try {
    const today = dayInCopenhagen(new Date());
    await seedDemo(tdb.db, { today });
    const municipality = await tdb.db.kysely.selectFrom('municipalities').select(['id']).where('name', '=', 'Demo Kommune').executeTakeFirstOrThrow();
    // Secure (__Host-) cookies as in production: Chromium keeps them on http://127.0.0.1,
    // which it treats as a secure context.
    app = await buildApp({
      config: testConfig({ demo: opts.demo ?? false, secureCookies: true, webDist: WEB_DIST, sessionIdleMinutes: opts.sessionIdleMinutes ?? 30, rateLimit: { perMinute: 100_000, loginPerMinute: 1_000 } }),
      db: tdb.db,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const b = browser;
    const a = app;
    return {
      baseUrl,
      app: a,
      db: tdb.db,
      browser: b,
      municipalityId: municipality.id,
      today,
      async newPage(options = {}) {
        const context = await b.newContext({ baseURL: baseUrl, locale: 'da-DK', timezoneId: 'Europe/Copenhagen', ...options });
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        // Kept for failure messages: what the page saw go wrong.
        const events: string[] = [];
        pageEvents.set(page, events);
        page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && events.push(`console.${m.type()}: ${m.text()}`));
        page.on('response', (r) => r.status() >= 400 && events.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`));
        page.on('requestfailed', (r) => events.push(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText ?? ''}`));
        return {
          context,
          page,
          async close() {
            await context.close();
            assert.deepEqual(errors, [], `uncaught errors in the page:\n${errors.join('\n')}`);
          },
        };
      },
      query: (fn) =>
        tdb.db.kysely.transaction().execute(async (trx) => {
          await sql`SELECT set_config('app.municipality_id', ${municipality.id}, true)`.execute(trx);
          return fn(trx);
        }),
      async close() {
        await b.close().catch(() => undefined);
        await a.close().catch(() => undefined);
        await tdb.close();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await tdb.close();
    throw err;
  }
}

export { DEMO_PASSWORD };

const pageEvents = new WeakMap<Page, string[]>();

/** What the page showed and saw go wrong: appended to a failure to make it readable. */
export async function describePage(page: Page): Promise<string> {
  const body = await page
    .locator('body')
    .innerText({ timeout: 2_000 })
    .catch(() => '(no body)');
  const events = pageEvents.get(page) ?? [];
  return `at ${page.url()}\n--- page text ---\n${body.slice(0, 1_500)}\n--- events ---\n${events.slice(-20).join('\n') || '(none)'}`;
}

/** Log in through the log-in page as a demo user and wait for the landing page. */
export async function login(page: Page, username: string, password: string = DEMO_PASSWORD): Promise<void> {
  try {
    await page.goto('/login');
    await page.getByLabel('Brugernavn').fill(username);
    await page.getByLabel('Adgangskode').fill(password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.locator('h1').first().waitFor();
  } catch (err) {
    throw new Error(`log-in as ${username} failed: ${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  }
}

export interface A11yOptions {
  /** CSS selectors to leave out (only with a comment saying why). */
  exclude?: string[];
}

/** axe-core with the WCAG 2.1 A/AA tags: fails with a readable list when anything is found. */
export async function checkA11y(page: Page, label: string, opts: A11yOptions = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const s of opts.exclude ?? []) builder = builder.exclude(s);
  const result = await builder.analyze();
  if (result.violations.length) {
    const text = result.violations
      .map((v) => {
        const nodes = v.nodes
          .slice(0, 5)
          .map((n) => `      at ${n.target.join(' ')}\n         ${(n.failureSummary ?? '').replace(/\n/g, '\n         ')}`)
          .join('\n');
        return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.nodes.length} element(s))\n    ${v.helpUrl}\n${nodes}`;
      })
      .join('\n');
    assert.fail(`axe found ${result.violations.length} WCAG violation(s) on "${label}" (${page.url()}):\n${text}`);
  }
}

/** Press Tab until the element matching `selector` has focus (keyboard-only journeys). */
export async function tabTo(page: Page, selector: string, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`could not reach ${selector} with ${maxPresses} Tab presses`);
}

export interface DemoChild {
  id: string;
  firstName: string;
  lastName: string;
  cpr: string;
  enrolments: number;
}

export interface DemoUser {
  id: string;
  displayName: string;
}

export async function demoUser(env: E2E, username: string): Promise<DemoUser> {
  return env.query((trx) => trx.selectFrom('users').select(['id', 'displayName']).where('username', '=', username).executeTakeFirstOrThrow());
}

/**
 * A child the user sees through a current group enrolment and who has moved between
 * institutions (at least two enrolments): the journey the child page must show.
 */
export async function childWithTransition(env: E2E, username: string): Promise<DemoChild> {
  const rows = await env.query(async (trx) => {
    const r = await sql<DemoChild>`
      SELECT c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.cpr,
             (SELECT count(*)::int FROM enrolments e WHERE e.municipality_id = c.municipality_id AND e.child_id = c.id) AS enrolments
        FROM children c
        JOIN enrolments cur ON cur.municipality_id = c.municipality_id AND cur.child_id = c.id
        JOIN memberships m ON m.municipality_id = cur.municipality_id AND m.unit_kind = 'group' AND m.unit_id = cur.group_id
        JOIN users u ON u.municipality_id = m.municipality_id AND u.id = m.user_id
       WHERE u.username = ${username}
         AND cur.valid_from <= ${env.today}::date AND (cur.valid_to IS NULL OR cur.valid_to >= ${env.today}::date)
         AND m.valid_from <= ${env.today}::date AND (m.valid_to IS NULL OR m.valid_to >= ${env.today}::date)
       ORDER BY enrolments DESC, c.last_name, c.first_name
       LIMIT 1`.execute(trx);
    return r.rows;
  });
  const child = rows[0];
  assert.ok(child, `the demo data has no child in ${username}'s groups`);
  assert.ok(child.enrolments >= 2, `no child in ${username}'s groups has moved between institutions (demo data)`);
  return child;
}

/** '0102031234' → '010203-1234'. */
export function formatCpr(cpr: string): string {
  const d = cpr.replace(/\D/g, '');
  return `${d.slice(0, 6)}-${d.slice(6)}`;
}

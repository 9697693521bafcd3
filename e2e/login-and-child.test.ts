// A pædagog's everyday journey in real Chromium: log in, "Mine børn", one child's page with
// the enrolment history and the access notice, the full CPR number shown for a stated
// purpose; log-in by keyboard alone; a wrong password answered in Danish without revealing
// whether the user exists.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { childWithTransition, demoUser, formatCpr, login, startE2E, tabTo, type DemoChild, type E2E } from './helpers.ts';

let env: E2E;
let child: DemoChild;

before(async () => {
  env = await startE2E();
  child = await childWithTransition(env, 'paedagog');
});

after(async () => {
  await env?.close();
});

test('a pædagog logs in and sees Mine børn with the children of their group', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'paedagog');
    assert.equal(new URL(page.url()).pathname, '/boern');
    assert.equal(await page.title(), 'Mine børn – Tidlig');
    await page.getByRole('heading', { level: 1, name: 'Mine børn' }).waitFor();
    await page.getByText('Du ser de børn, du har en relation til. Al adgang logges.').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'da');

    const me = await demoUser(env, 'paedagog');
    await page.getByText(me.displayName).first().waitFor();
    await page.getByRole('button', { name: 'Log ud' }).first().waitFor();
    assert.ok(await page.getByRole('navigation', { name: 'Hovedmenu' }).first().getByRole('link', { name: 'Mine børn' }).isVisible());
    // A professional has no administration or audit menu items.
    assert.equal(await page.getByRole('link', { name: 'Logning' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Organisation' }).count(), 0);

    const table = page.getByRole('table', { name: 'Børn, du har en relation til' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    assert.ok((await rows.count()) > 0, 'the group has children');
    // Masked CPR only, never the full number.
    for (const text of await table.locator('tbody td:nth-child(3)').allInnerTexts()) assert.match(text.trim(), /^\d{6}-xxxx$/);

    // Filtering by the user's own group keeps the list to that group.
    const filter = page.getByLabel('Vis børn i');
    const options = await filter.locator('option').allInnerTexts();
    assert.ok(options.length >= 2, 'the filter offers the user’s group');
    await filter.selectOption({ index: 1 });
    const groupName = options[1]!.replace(/\s*\(.*\)\s*$/, '');
    await page.waitForFunction(
      (g) => [...document.querySelectorAll('table tbody tr td:nth-child(4)')].every((td) => td.textContent?.includes(g)),
      groupName,
    );
  } finally {
    await close();
  }
});

test('a pædagog finds a child by name, sees the enrolment history newest first and that the access is logged, and reveals the CPR number for a purpose', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'paedagog');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    await page.getByLabel('Søg på navn eller CPR-nummer').fill(`${child.firstName} ${child.lastName}`);
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByRole('table', { name: 'Børn, der matcher søgningen' }).waitFor();
    await page.getByRole('link', { name: `${child.firstName} ${child.lastName}` }).click();

    await page.waitForURL(`**/boern/${child.id}`);
    await page.getByRole('heading', { level: 1, name: `${child.firstName} ${child.lastName}` }).waitFor();
    assert.equal(await page.title(), `${child.firstName} ${child.lastName} – Tidlig`);
    await page.getByText('Din adgang til barnets oplysninger er logget.').waitFor();

    // Enrolment history: every enrolment, newest first, the current one marked "nu".
    const history = page.getByRole('table', { name: 'Indskrivningshistorik, nyeste først' });
    const rows = history.locator('tbody tr');
    assert.equal(await rows.count(), child.enrolments);
    const fromDays = (await history.locator('tbody td:nth-child(4)').allInnerTexts()).map((d) => d.trim().split('.').reverse().join('-'));
    assert.deepEqual(fromDays, [...fromDays].sort().reverse(), 'newest first');
    assert.match(await rows.first().locator('td').last().innerText(), /nu/);
    const journey = page.getByRole('list', { name: 'Forløb' }).locator('li');
    assert.equal(await journey.count(), child.enrolments, 'the transitions are shown as a path');

    await page.getByRole('heading', { name: 'Derfor har du adgang' }).waitFor();
    await page.getByText('Barnet går i en gruppe eller klasse, du er tilknyttet.').waitFor();

    // The full CPR number needs a purpose; the purpose is audited with the reveal.
    const masked = `${child.cpr.slice(0, 6)}-xxxx`;
    assert.equal((await page.locator('#child-cpr-value').innerText()).trim(), masked);
    await page.getByRole('button', { name: 'Vis CPR-nummer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Vis fuldt CPR-nummer' });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'reveal-purpose', 'focus starts in the purpose field');
    await dialog.getByRole('button', { name: 'Vis CPR-nummer' }).click();
    await dialog.getByText('Skriv formålet med at se CPR-nummeret').first().waitFor();
    assert.equal(await page.locator('#reveal-purpose').getAttribute('aria-invalid'), 'true');
    const purpose = 'Underretning til Børn og Familie';
    await page.getByLabel('Formål').fill(purpose);
    await dialog.getByRole('button', { name: 'Vis CPR-nummer' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await page.locator('#child-cpr-value').innerText()).trim(), formatCpr(child.cpr));
    await page.getByText(`Visningen af CPR-nummeret er logget med formålet: ${purpose}`).waitFor();

    const audited = await env.query((trx) =>
      trx.selectFrom('auditEvents').select(['purpose', 'actorName']).where('childId', '=', child.id).where('action', '=', 'reveal_cpr').execute(),
    );
    assert.ok(audited.some((a) => a.purpose === purpose), 'the reveal is audited with its purpose');

    // The CPR number never travelled in a URL (search was a POST body).
    const digits = child.cpr.replace(/\D/g, '');
    assert.ok(!requests.some((u) => u.includes(digits) || u.includes(formatCpr(child.cpr))), 'no CPR in any URL');
  } finally {
    await close();
  }
});

test('log-in and opening a child work with the keyboard alone', async () => {
  const { page, close } = await env.newPage();
  try {
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Gå til indhold', 'the skip link comes first');

    await tabTo(page, '#login-username');
    await page.keyboard.type('paedagog');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'login-password');
    await page.keyboard.type('tidlig-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/boern');
    await page.getByRole('table', { name: 'Børn, du har en relation til' }).waitFor();

    await tabTo(page, 'table tbody a');
    const name = await page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/boern/*');
    await page.getByRole('heading', { level: 1, name: name.trim() }).waitFor();
    // Focus moved to the page content after navigation.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');
  } finally {
    await close();
  }
});

test('a wrong password shows the Danish error, the same as an unknown user', async () => {
  const { page, close } = await env.newPage();
  try {
    await page.goto('/login');
    await page.getByLabel('Brugernavn').fill('laerer');
    await page.getByLabel('Adgangskode').fill('forkert-kode');
    await page.getByRole('button', { name: 'Log ind' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Der er problemer' });
    await summary.waitFor();
    const wrongPassword = (await summary.innerText()).trim();
    assert.match(wrongPassword, /Log-ind mislykkedes\. Tjek brugernavn og adgangskode\./);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.getByLabel('Adgangskode').inputValue(), '', 'the password field is emptied');

    await page.getByLabel('Brugernavn').fill('findes-ikke');
    await page.getByLabel('Adgangskode').fill('forkert-kode');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await summary.waitFor();
    await page.waitForTimeout(200);
    assert.equal((await summary.innerText()).trim(), wrongPassword, 'no user enumeration');

    // Empty fields are caught before asking the server, each linked to its field.
    await page.getByLabel('Brugernavn').fill('');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('link', { name: 'Indtast dit brugernavn' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'login-username');
    assert.equal(await page.getByLabel('Brugernavn').getAttribute('aria-describedby'), 'login-username-error');
  } finally {
    await close();
  }
});

test('an SSO error code in the address is shown as its Danish message', async () => {
  const { page, close } = await env.newPage();
  try {
    await page.goto('/login?error=auth.sso_unknown_user');
    await page.getByText('Du er ikke oprettet som bruger i Tidlig. Kontakt din administrator.').waitFor();
  } finally {
    await close();
  }
});

test('after logging out, the pages ask for log-in again', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'paedagog');
    await page.getByRole('button', { name: 'Log ud' }).first().click();
    await page.waitForURL('**/login?notice=logged_out');
    await page.getByText('Du er logget ud.').waitFor();
    await page.goto(`/boern/${child.id}`);
    await page.waitForURL((u) => u.pathname === '/login');
    assert.equal(new URL(page.url()).searchParams.get('redirect'), `/boern/${child.id}`);
  } finally {
    await close();
  }
});

test('the chosen municipality’s SSO log-in is offered as a plain link', async () => {
  const { page, close } = await env.newPage();
  try {
    // The demo has no identity provider configured: answer the municipality list as a
    // municipality with one would (the link itself is the server's /api/auth/oidc/… start).
    await page.route('**/api/public/municipalities', (route) =>
      route.fulfill({
        json: [{ id: env.municipalityId, code: '999', name: 'Demo Kommune', sso: [{ label: 'Log ind med Demo Kommunes login', url: `/api/auth/oidc/${env.municipalityId}/start` }] }],
      }),
    );
    await page.goto('/login');
    const link = page.getByRole('link', { name: 'Log ind med Demo Kommunes login' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `/api/auth/oidc/${env.municipalityId}/start`);
    await page.getByRole('heading', { name: 'Log ind med kommunens login' }).waitFor();
  } finally {
    await close();
  }
});

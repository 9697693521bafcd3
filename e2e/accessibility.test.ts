// axe-core (WCAG 2.1 A and AA) on every page of the shell and the professional's and DPO's
// pages, in their interesting states (errors, dialogs), at desktop width and on a 375×667
// phone; plus the session-timeout warning, its focus trap and "Forbliv logget ind".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, childWithTransition, formatCpr, login, startE2E, type DemoChild, type E2E } from './helpers.ts';

let env: E2E;
let child: DemoChild;
const PHONE = { width: 375, height: 667 };

before(async () => {
  env = await startE2E();
  child = await childWithTransition(env, 'paedagog');
});

after(async () => {
  await env?.close();
});

test('the log-in page has no WCAG violations, also with errors shown and in English', async () => {
  const { page, close } = await env.newPage();
  try {
    await page.goto('/login');
    await page.getByLabel('Brugernavn').waitFor();
    await checkA11y(page, 'log ind');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByText('Indtast dit brugernavn').first().waitFor();
    await checkA11y(page, 'log ind med fejl');

    await page.getByRole('button', { name: 'Skift sprog til engelsk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await checkA11y(page, 'log in (English)');
    await page.getByRole('button', { name: 'Switch language to Danish' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'da');
  } finally {
    await close();
  }
});

test('the accessibility statement is public and has no WCAG violations', async () => {
  const { page, close } = await env.newPage();
  try {
    await page.goto('/login');
    await page.getByRole('link', { name: 'Tilgængelighedserklæring' }).click();
    await page.waitForURL('**/tilgaengelighed');
    await page.getByRole('heading', { level: 1, name: 'Tilgængelighedserklæring for Tidlig' }).waitFor();
    for (const h of ['Overholdelsesstatus', 'Indhold, der ikke er tilgængeligt', 'Feedback og kontaktoplysninger', 'Håndhævelsesprocedure']) {
      await page.getByRole('heading', { level: 2, name: h }).waitFor();
    }
    await page.getByText('digst.dk/digital-inklusion/webtilgaengelighed').waitFor();
    assert.equal(await page.title(), 'Tilgængelighedserklæring for Tidlig – Tidlig');
    await checkA11y(page, 'tilgængelighedserklæring');
  } finally {
    await close();
  }
});

test('Mine børn and the child page have no WCAG violations, the reveal-CPR dialog included', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'paedagog');
    await page.getByRole('table', { name: 'Børn, du har en relation til' }).waitFor();
    await checkA11y(page, 'mine børn');

    await page.getByLabel('Søg på navn eller CPR-nummer').fill('x');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByText('Skriv mindst 2 tegn for at søge').first().waitFor();
    await checkA11y(page, 'mine børn, søgefejl');

    await page.goto(`/boern/${child.id}`);
    await page.getByText('Din adgang til barnets oplysninger er logget.').waitFor();
    await checkA11y(page, 'barnets side');

    await page.getByRole('button', { name: 'Vis CPR-nummer' }).click();
    await page.getByRole('dialog', { name: 'Vis fuldt CPR-nummer' }).waitFor();
    await checkA11y(page, 'dialogen vis CPR-nummer');
    // Escape closes the dialog and returns focus to the button that opened it.
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Vis CPR-nummer');

    await page.goto('/boern/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Barnet findes ikke, eller du har ikke adgang' }).waitFor();
    await checkA11y(page, 'barn findes ikke');
  } finally {
    await close();
  }
});

test('the log-in page and the child page have no WCAG violations on a 375×667 phone, and the menu works there', async () => {
  const { page, close } = await env.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    await page.goto('/login');
    await page.getByLabel('Brugernavn').waitFor();
    await checkA11y(page, 'log ind (mobil)');

    await login(page, 'paedagog');
    await page.goto(`/boern/${child.id}`);
    await page.getByText('Din adgang til barnets oplysninger er logget.').waitFor();
    await checkA11y(page, 'barnets side (mobil)');
    // No horizontal scrolling of the page itself (WCAG 1.4.10 reflow); wide tables scroll in their own region.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);

    await page.getByRole('button', { name: 'Menu' }).click();
    const drawer = page.getByRole('dialog', { name: 'Menu' });
    await drawer.waitFor();
    await checkA11y(page, 'mobilmenu');
    await drawer.getByRole('link', { name: 'Mine børn' }).click();
    await page.waitForURL('**/boern');
    await page.getByRole('heading', { level: 1, name: 'Mine børn' }).waitFor();
    assert.equal(await drawer.isVisible(), false);
  } finally {
    await close();
  }
});

test('the Logning page has no WCAG violations, with an extract and a verification shown', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'dpo');
    await page.getByRole('table', { name: 'Hændelser, nyeste først' }).waitFor();
    await checkA11y(page, 'logning');
    await page.getByLabel('Barnets CPR-nummer').fill(formatCpr(child.cpr));
    await page.getByRole('button', { name: 'Find barn' }).click();
    await page.getByRole('table', { name: 'Brug af barnets oplysninger, nyeste først' }).waitFor();
    await page.getByRole('button', { name: 'Kontrollér logningens integritet' }).click();
    await page.locator('#audit-verify-result').waitFor();
    await checkA11y(page, 'logning med udtræk og kontrol');
  } finally {
    await close();
  }
});

test('two minutes before the idle timeout a focus-trapped warning offers to stay logged in', async () => {
  const { page, close } = await env.newPage();
  try {
    await page.clock.install();
    await login(page, 'paedagog');
    await page.getByRole('table', { name: 'Børn, du har en relation til' }).waitFor();
    // The demo session times out after 30 idle minutes; the warning comes 2 minutes before.
    await page.clock.fastForward('27:00');
    await page.waitForTimeout(300);
    assert.equal(await page.getByRole('alertdialog').count(), 0, 'no warning yet at 27 minutes');
    await page.clock.fastForward('01:30');
    const dialog = page.getByRole('alertdialog', { name: 'Du bliver snart logget ud' });
    await dialog.waitFor();
    await dialog.getByText(/logget ud automatisk om 2 minutter/).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Forbliv logget ind');
    await checkA11y(page, 'advarsel om udløbende session');

    // Focus stays in the dialog.
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[role="alertdialog"]')), 'focus is trapped in the dialog');
    }
    const me = page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.status() === 200);
    await dialog.getByRole('button', { name: 'Forbliv logget ind' }).click();
    await me;
    await dialog.waitFor({ state: 'detached' });
    await page.clock.fastForward('05:00');
    assert.equal(await page.getByRole('alertdialog').count(), 0, 'the idle time started again');
  } finally {
    await close();
  }
});

test('when the idle time runs out the user is logged out and told so in Danish', async () => {
  const { page, close } = await env.newPage();
  try {
    await page.clock.install();
    await login(page, 'paedagog');
    await page.getByRole('table', { name: 'Børn, du har en relation til' }).waitFor();
    await page.clock.fastForward('30:05');
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('notice') === 'session_expired');
    await page.getByText('Din session er udløbet. Log ind igen.').waitFor();
    await checkA11y(page, 'log ind efter udløbet session');
    // The server session ended too: the API answers 401.
    assert.equal((await page.request.get('/api/auth/me')).status(), 401);
  } finally {
    await close();
  }
});

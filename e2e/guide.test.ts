// The samarbejdsguide and handleguide in real Chromium, on the demo municipality's guide:
// a citizen searches the public guide without logging in; a pædagog picking red for a child
// sees the handleguide at once (before saving) with its steps and next-step links; an editor
// changes an entry and finds the new version, and the old one, in the history.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, describePage, login, startE2E, tabTo, type E2E } from './helpers.ts';

let env: E2E;

before(async () => {
  env = await startE2E();
});

after(async () => {
  await env?.close();
});

test('the public guide is searchable without logging in, and shows only public entries', async () => {
  const { page, close } = await env.newPage();
  try {
    await page.goto('/guide');
    await page.getByRole('heading', { level: 1, name: 'Samarbejdsguide' }).waitFor();
    await page.waitForFunction(() => document.title === 'Samarbejdsguide – Tidlig');
    await page.getByText('Demo Kommunes guide til samarbejdet').waitFor();
    // no query: every public entry, grouped by kind
    for (const kind of ['Samarbejdsrum', 'Faggrupper', 'Retningslinjer', 'Mødeværktøjer']) await page.getByRole('heading', { level: 2, name: kind }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Sparring med forebyggende rådgiver (træffetid)' }).count(), 0, 'internal entries are not public');
    await checkA11y(page, 'Samarbejdsguide (offentlig)');

    await page.getByLabel('Søg i samarbejdsguiden').fill('netværksmøder');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/guide' && u.searchParams.get('q') === 'netværksmøder');
    await page.getByRole('heading', { level: 2, name: 'Søgeresultater' }).waitFor();
    const first = page.locator('.tidlig-guide-results > li').first();
    assert.equal(await first.getByRole('link').innerText(), 'Inddragende netværksmøde', 'the plural finds the singular, ranked first');
    assert.ok((await page.locator('.tidlig-guide-results mark').count()) > 0, 'the snippet marks the hits');
    await checkA11y(page, 'Samarbejdsguide: søgning');

    // the query lives in the URL: a reload (or a shared link) shows the same result
    await page.goto('/guide?q=tirsdag');
    await page.getByText('0 indgange matcher "tirsdag".').waitFor(); // only in an internal entry

    await page.goto('/guide?q=sundhedspleje');
    await page.getByRole('link', { name: 'Sundhedsplejen' }).click();
    await page.waitForURL('**/guide/sundhedsplejen');
    await page.getByRole('heading', { level: 1, name: 'Sundhedsplejen' }).waitFor();
    await page.getByRole('heading', { name: 'Sådan kontakter du os' }).waitFor();
    assert.equal(await page.locator('#kontakt').count(), 1, 'the contact is the #kontakt anchor of the faggruppe next step');
    await checkA11y(page, 'Samarbejdsguide: indgang');

    const hidden = await page.goto('/guide/sparring-med-forebyggende-raadgiver');
    assert.equal(hidden?.status(), 200, 'the app page loads');
    await page.getByRole('heading', { level: 1, name: 'Indgangen findes ikke' }).waitFor();
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

test('a pædagog picking red for a child sees the handleguide at once, without losing the keyboard place', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'paedagog');
    await page.goto('/trivsel');
    await page.getByRole('link', { name: /^Vurder / }).first().click();
    await page.waitForURL('**/trivsel/*/*');
    const rows = page.getByRole('table').locator('tbody tr');
    await rows.first().waitFor();
    const childName = (await rows.first().locator('th').innerText()).trim();

    // keyboard: first child's first radio, arrow to Rød
    await tabTo(page, 'tbody input[type=radio]', 60);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await rows.first().getByRole('radio', { name: 'Rød' }).isChecked(), true);

    const panel = page.getByRole('region', { name: /^Handleguide: Rød/ });
    await panel.waitFor();
    assert.equal(await rows.first().getByRole('radio', { name: 'Rød' }).evaluate((el) => el === document.activeElement), true, 'focus stays on the radio');
    await panel.getByText(`Du har valgt Rød for ${childName}.`).waitFor();
    const steps = await panel.getByRole('listitem').allInnerTexts();
    assert.ok(steps.some((s) => s.includes('Tal med din leder i dag')), steps.join(' | '));
    const child = panel.getByRole('link', { name: /^Se barnets side/ });
    assert.match((await child.getAttribute('href')) ?? '', /^\/boern\/[0-9a-f-]{36}$/);
    await panel.getByRole('link', { name: /^Åbn samarbejdsrummet Tværfagligt team i dagtilbud og skole/ }).waitFor();
    await panel.getByRole('link', { name: /^Læs retningslinjen: Skærpet underretningspligt/ }).waitFor();
    assert.equal(await page.locator('[aria-live="polite"]').filter({ hasText: 'Handleguiden for Rød vises under listen' }).count(), 1, 'announced politely');
    await checkA11y(page, 'Vurdering med handleguide');

    // Tab still moves to the next child (the panel sits below the list)
    await page.keyboard.press('Tab');
    assert.equal(await rows.nth(1).locator('input[type=radio]').first().evaluate((el) => el === document.activeElement), true, 'Tab reaches the next child');

    // back to green: the guide for this child goes away
    await rows.first().getByRole('radio', { name: 'Grøn' }).check();
    await panel.waitFor({ state: 'detached' });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

test('an editor changes an entry and sees the new version and the old one in the history', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).first().getByRole('link', { name: 'Samarbejdsguide' }).click();
    await page.waitForURL('**/admin/guide');
    await page.getByRole('heading', { level: 1, name: 'Samarbejdsguide – redigering' }).waitFor();
    await checkA11y(page, 'Samarbejdsguide – redigering');

    await page.getByRole('link', { name: 'Sundhedsplejen', exact: true }).click();
    await page.waitForURL('**/admin/guide/*');
    await page.getByRole('heading', { level: 1, name: 'Sundhedsplejen' }).waitFor();
    await checkA11y(page, 'Ret indgang');

    const contact = page.getByLabel('Sådan kontakter du os');
    await contact.fill('Ring til Sundhedsplejen på 11 22 33 99 hverdage kl. 8–10.');
    await page.getByRole('button', { name: 'Gem ny version' }).click();
    await page.getByRole('alert').filter({ hasText: 'Der er problemer' }).getByRole('link', { name: 'Skriv kort, hvad du har ændret.' }).waitFor();
    await page.getByLabel('Ændringsnote').fill('Nyt telefonnummer og længere telefontid');
    await page.getByRole('button', { name: 'Gem ny version' }).click();
    await page.getByText('Ændringen er gemt som version 2.').waitFor();

    const history = page.getByRole('table', { name: 'Versioner af Sundhedsplejen' });
    await history.getByRole('link', { name: 'Version 2' }).waitFor();
    const rows = await history.locator('tbody tr').allInnerTexts();
    assert.match(rows[0]!, /Nyt telefonnummer og længere telefontid/);
    assert.match(rows[0]!, /Gældende/);
    assert.match(rows[1]!, /Demo-indhold/);
    await checkA11y(page, 'Ret indgang efter gem');

    await history.getByRole('link', { name: 'Version 1' }).click();
    await page.waitForURL('**/versioner/1');
    await page.getByRole('heading', { level: 1, name: 'Version 1' }).waitFor();
    await page.getByText('Ring til Sundhedsplejen på 11 22 33 00').waitFor();
    await page.getByRole('button', { name: 'Gendan version 1' }).waitFor();
    await checkA11y(page, 'Tidligere version');

    // the public guide shows the new text at once for staff reading it
    await page.goto('/guide/sundhedsplejen');
    await page.getByText('Ring til Sundhedsplejen på 11 22 33 99').waitFor();
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

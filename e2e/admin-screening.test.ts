// The administrator sets screening up in real Chromium (S2, issue 4 items 1–2): a
// Børnelinealen scale from its template, a new version edited by keyboard only, a round
// planned (with the client's and the server's errors in the summary), listed and edited with
// If-Match; a stale edit from a second tab is refused with a clear message and a reload; the
// round's progress. axe (WCAG 2.1 A/AA) on every page and dialog on the way.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoRoundName } from '../src/cli/seed-demo.ts';
import { checkA11y, login, startE2E, tabTo, type E2E } from './helpers.ts';

let env: E2E;
const suffix = randomUUID().slice(0, 6);
let ROUND: string;
let nextYear: number;

before(async () => {
  env = await startE2E();
  nextYear = Number(env.today.slice(0, 4)) + 1;
  ROUND = `Forår ${nextYear} dagtilbud ${suffix}`;
});

after(async () => {
  await env?.close();
});

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Hovedmenu' }).first();

test('the administrator creates a Børnelinealen scale from its template and sees every position with its colour and label', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await mainNav(page).getByRole('link', { name: 'Trivselsrunder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trivselsrunder' }).waitFor();
    await page.getByRole('navigation', { name: 'Opsætning af trivselsvurdering' }).getByRole('link', { name: 'Skalaer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Skalaer' }).waitFor();
    assert.equal(await page.title(), 'Skalaer – Tidlig');
    // The demo's default scale, planned with its round.
    await page.getByRole('table', { name: 'Positioner i Grøn, gul, rød, version 1' }).waitFor();
    await page.getByText('beholder deres version', { exact: false }).waitFor();
    await checkA11y(page, 'skalaer');

    await page.getByRole('link', { name: 'Opret skala' }).click();
    await page.getByRole('heading', { level: 1, name: 'Opret skala' }).waitFor();
    assert.equal(await page.getByRole('radio', { name: 'Skabelon: Børnelinealen (5 positioner)' }).isChecked(), true);
    assert.equal(await page.getByLabel('Skalaens navn').inputValue(), 'Børnelinealen');
    const preview = page.getByRole('table', { name: 'Positioner i skabelonen Børnelinealen' });
    assert.deepEqual(await preview.getByRole('rowheader').allInnerTexts(), ['Trivsel', 'Moderat trivsel', 'Sårbar', 'Udsat', 'Truet']);
    await checkA11y(page, 'opret skala (skabelon)');
    // Own positions: the editor, checked by axe too, then back to the template.
    await page.getByRole('radio', { name: 'Egne positioner' }).check();
    await page.getByRole('group', { name: 'Position 1' }).waitFor();
    assert.equal(await page.getByLabel('Skalaens navn').inputValue(), '');
    await checkA11y(page, 'opret skala (egne positioner)');
    await page.getByRole('radio', { name: 'Skabelon: Børnelinealen (5 positioner)' }).check();
    await page.getByRole('button', { name: 'Opret skala' }).click();

    await page.waitForURL((u) => u.pathname === '/admin/trivsel/skalaer');
    await page.getByText('Skalaen »Børnelinealen« er oprettet.').waitFor();
    const table = page.getByRole('table', { name: 'Positioner i Børnelinealen, version 1' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 5);
    assert.match(rows[0]!, /1\s+Trivsel\s+Barnet trives og udvikler sig alderssvarende\.\s+Nej/);
    assert.match(rows[4]!, /5\s+Truet\s+.*underretning\.\s+Ja, tæller som bekymring/);
    // Colour is never alone: every swatch sits beside the label's text, and is itself hidden from screen readers.
    const swatches = table.locator('.tidlig-admin-swatch');
    assert.equal(await swatches.count(), 5);
    assert.equal(await swatches.first().getAttribute('aria-hidden'), 'true');
    assert.equal(await swatches.first().evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(46, 125, 50)');
    await checkA11y(page, 'skalaer med Børnelinealen');
    if (process.env.TIDLIG_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.TIDLIG_E2E_SCREENSHOTS}/admin-screening-scales.png`, fullPage: true });

    const stored = await env.query((trx) =>
      trx
        .selectFrom('screeningScales as s')
        .innerJoin('screeningScaleVersions as v', (j) => j.onRef('v.scaleId', '=', 's.id').onRef('v.municipalityId', '=', 's.municipalityId'))
        .select(['s.template', 'v.number'])
        .where('s.name', '=', 'Børnelinealen')
        .execute(),
    );
    assert.deepEqual(stored, [{ template: 'boernelinealen', number: 1 }]);
  } finally {
    await close();
  }
});

test('a new version is made by keyboard: positions reordered, renamed and checked; the scale rule is explained in the summary', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.goto('/admin/trivsel/skalaer');
    await page.getByRole('link', { name: 'Ny version af Børnelinealen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny version af Børnelinealen' }).waitFor();
    await page.getByRole('heading', { name: 'Gamle vurderinger beholder deres betydning' }).waitFor();
    assert.equal(await page.getByRole('group', { name: /^Position 1/ }).getByLabel('Navn').inputValue(), 'Trivsel');
    await checkA11y(page, 'ny version');

    // Move "Trivsel" down by keyboard: the focus stays on the moved position's button.
    await tabTo(page, 'button[id$="-positions-0-down"]');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scale-version-positions-1-down');
    await page.getByRole('status').filter({ hasText: 'Trivsel er flyttet til position 2.' }).waitFor();
    await page.getByRole('button', { name: 'Gem som version 2' }).click();
    // A non-concern position after a concern one breaks the rule: said on its field, linked from the summary.
    const summary = page.getByRole('alert').filter({ hasText: 'Der er problemer' });
    await summary.getByRole('link', { name: /Position 2 tæller ikke som bekymring/ }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert', 'the summary takes focus');
    await checkA11y(page, 'ny version med fejl');
    if (process.env.TIDLIG_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.TIDLIG_E2E_SCREENSHOTS}/admin-screening-version-errors.png`, fullPage: true });
    await summary.getByRole('link', { name: /Position 2 tæller ikke som bekymring/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scale-version-positions-1-isConcern');

    // Back up by keyboard, rename, remove the last position, add one, and save.
    await page.locator('#scale-version-positions-1-up').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scale-version-positions-0-down', 'at the top, focus moves to the button that still acts');
    await page.locator('#scale-version-positions-1-label').fill('Let mistrivsel');
    await page.locator('#scale-version-positions-4-remove').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scale-version-positions-3-label');
    await page.getByRole('button', { name: 'Tilføj position' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scale-version-positions-4-label');
    await page.keyboard.type('Akut');
    await page.locator('#scale-version-positions-4-meaning').fill('Handl straks.');
    assert.equal(await page.locator('#scale-version-positions-4-isConcern').isChecked(), true);
    await page.getByRole('button', { name: 'Gem som version 2' }).click();

    await page.waitForURL((u) => u.pathname === '/admin/trivsel/skalaer');
    await page.getByText('Version 2 af »Børnelinealen« er gemt. Nye runder bruger den.').waitFor();
    const v2 = page.getByRole('table', { name: 'Positioner i Børnelinealen, version 2' });
    assert.deepEqual(await v2.getByRole('rowheader').allInnerTexts(), ['Trivsel', 'Let mistrivsel', 'Sårbar', 'Udsat', 'Akut']);
    // Version 1 is kept, unchanged, under "Tidligere versioner".
    await page.getByRole('button', { name: /Tidligere versioner af Børnelinealen/ }).click();
    const v1 = page.getByRole('table', { name: 'Positioner i Børnelinealen, version 1' });
    assert.deepEqual(await v1.getByRole('rowheader').allInnerTexts(), ['Trivsel', 'Moderat trivsel', 'Sårbar', 'Udsat', 'Truet']);
    await checkA11y(page, 'skalaer med to versioner');
  } finally {
    await close();
  }
});

test('a version made in another tab meanwhile is not overwritten: 412 is explained and the newest version can be fetched', async () => {
  const { context, page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.goto('/admin/trivsel/skalaer');
    await page.getByRole('link', { name: 'Ny version af Grøn, gul, rød' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny version af Grøn, gul, rød' }).waitFor();

    const other = await context.newPage();
    await other.goto('/admin/trivsel/skalaer');
    await other.getByRole('link', { name: 'Ny version af Grøn, gul, rød' }).click();
    await other.locator('#scale-version-positions-0-meaning').fill('Barnet trives');
    await other.getByRole('button', { name: 'Gem som version 2' }).click();
    await other.getByText('Version 2 af »Grøn, gul, rød« er gemt.', { exact: false }).waitFor();
    await other.close();
    await page.bringToFront();

    await page.locator('#scale-version-positions-2-meaning').fill('Stærk bekymring – handl i dag');
    const post = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/versions'));
    await page.getByRole('button', { name: 'Gem som version 2' }).click();
    assert.equal((await post).headers()['if-match'], '"1"');
    await page.getByRole('heading', { name: 'Skalaen er ændret af en anden' }).waitFor();
    await page.getByText('så din version er ikke gemt', { exact: false }).waitFor();
    await checkA11y(page, 'ny version, 412');
    await page.getByRole('button', { name: 'Hent den nyeste version' }).click();
    await page.getByText('Den nyeste version (version 2) er hentet.', { exact: false }).waitFor();
    assert.equal(await page.locator('#scale-version-positions-0-meaning').inputValue(), 'Barnet trives');
    await page.locator('#scale-version-positions-2-meaning').fill('Stærk bekymring – handl i dag');
    await page.getByRole('button', { name: 'Gem som version 3' }).click();
    await page.getByText('Version 3 af »Grøn, gul, rød« er gemt.', { exact: false }).waitFor();
  } finally {
    await close();
  }
});

test('the administrator plans a round: client and server errors in the summary, then it is listed', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await mainNav(page).getByRole('link', { name: 'Trivselsrunder' }).click();
    const table = page.getByRole('table', { name: 'Alle trivselsrunder, nyeste først' });
    const demoRound = table.getByRole('row').filter({ hasText: demoRoundName(env.today) });
    await demoRound.waitFor();
    assert.match(await demoRound.innerText(), /Grøn, gul, rød, version 1[\s\S]*Åben[\s\S]*Nej/);
    await checkA11y(page, 'trivselsrunder');
    if (process.env.TIDLIG_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.TIDLIG_E2E_SCREENSHOTS}/admin-screening-rounds.png`, fullPage: true });

    await page.getByRole('button', { name: 'Planlæg trivselsrunde' }).click();
    const dialog = page.getByRole('dialog', { name: 'Planlæg trivselsrunde' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Planlæg runde' }).click();
    for (const message of ['Skriv rundens navn', 'Vælg mindst én institutionstype', 'Vælg en skala', 'Skriv en gyldig åbningsdato']) {
      await dialog.getByRole('link', { name: message }).waitFor();
    }
    await checkA11y(page, 'planlæg runde med fejl');

    // Overlapping the demo's open round for Børnehave: the server's 409 names the round it clashes with.
    await dialog.getByLabel('Rundens navn').fill(ROUND);
    await dialog.getByRole('checkbox', { name: 'Børnehave' }).check();
    await dialog.getByRole('checkbox', { name: 'Vuggestue' }).check();
    await dialog.getByLabel('Skala').selectOption({ label: 'Børnelinealen (version 2)' });
    await dialog.getByLabel('Åbner').fill(env.today);
    await dialog.getByLabel('Lukker').fill(`${nextYear}-01-15`);
    await dialog.getByRole('button', { name: 'Planlæg runde' }).click();
    await dialog.getByRole('link', { name: 'Der er allerede en trivselsrunde for samme institutionstype i perioden.' }).waitFor();
    await dialog.getByText('Perioden overlapper med:').waitFor();
    await dialog.getByText(new RegExp(`^${demoRoundName(env.today)} \\(`)).waitFor();
    await checkA11y(page, 'planlæg runde, overlap');
    if (process.env.TIDLIG_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.TIDLIG_E2E_SCREENSHOTS}/admin-screening-round-overlap.png`, fullPage: true });

    await dialog.getByLabel('Åbner').fill(`${nextYear}-03-02`);
    await dialog.getByLabel('Lukker').fill(`${nextYear}-03-20`);
    await dialog.getByLabel('Kræv fælles position for hvert barn').check();
    await dialog.getByRole('button', { name: 'Planlæg runde' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Trivselsrunden »${ROUND}« er planlagt.`).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Planlæg trivselsrunde', 'focus returns to the button that opened the dialog');
    const row = table.getByRole('row').filter({ hasText: ROUND });
    assert.match((await row.innerText()).replace(/\s+/g, ' '), /Vuggestue, Børnehave|Børnehave, Vuggestue/);
    assert.match(await row.innerText(), /Børnelinealen, version 2[\s\S]*2\. marts \d{4} – 20\. marts \d{4}[\s\S]*Planlagt[\s\S]*Ja/);

    const stored = await env.query((trx) =>
      trx.selectFrom('screeningRounds').select(['institutionTypes', 'opensOn', 'closesOn', 'jointRatingRequired']).where('name', '=', ROUND).executeTakeFirstOrThrow(),
    );
    assert.deepEqual([...stored.institutionTypes].sort(), ['boernehave', 'vuggestue']);
    assert.equal(String(stored.opensOn).slice(0, 10), `${nextYear}-03-02`);
    assert.equal(stored.jointRatingRequired, true);
  } finally {
    await close();
  }
});

test('the round is edited with If-Match; a stale edit from a second tab gets the 412 message and fetches the newest details', async () => {
  const { context, page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.goto('/admin/trivsel');
    await page.getByRole('button', { name: `Ret ${ROUND}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Ret trivselsrunde' });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Rundens navn').inputValue(), ROUND);
    await dialog.getByText('Skalaen kan ikke ændres, når runden er planlagt.').waitFor();
    await checkA11y(page, 'ret runde');

    // A second tab changes the round while the first has its dialog open.
    const other = await context.newPage();
    await other.goto('/admin/trivsel');
    await other.getByRole('button', { name: `Ret ${ROUND}` }).click();
    const otherDialog = other.getByRole('dialog', { name: 'Ret trivselsrunde' });
    await otherDialog.getByLabel('Lukker').fill(`${nextYear}-03-27`);
    await otherDialog.getByRole('button', { name: 'Gem' }).click();
    await other.getByText(`Trivselsrunden »${ROUND}« er gemt.`).waitFor();
    await other.close();
    await page.bringToFront();

    await dialog.getByLabel('Rundens navn').fill(`${ROUND} (ny)`);
    const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/api/screening/rounds/'));
    await dialog.getByRole('button', { name: 'Gem' }).click();
    assert.equal((await patch).headers()['if-match'], '"1"');
    await dialog.getByRole('heading', { name: 'Runden er ændret af en anden' }).waitFor();
    await dialog.getByText('så dine ændringer er ikke gemt', { exact: false }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Hent de nyeste oplysninger');
    await checkA11y(page, 'ret runde, 412');
    if (process.env.TIDLIG_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.TIDLIG_E2E_SCREENSHOTS}/admin-screening-round-412.png`, fullPage: true });
    // Saving again without fetching does not overwrite: the user is sent to the reload button.
    await dialog.getByRole('button', { name: 'Gem' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Hent de nyeste oplysninger');
    assert.equal((await env.query((trx) => trx.selectFrom('screeningRounds').select('name').where('name', '=', ROUND).execute())).length, 1);

    await page.keyboard.press('Enter');
    await dialog.getByText('De nyeste oplysninger er hentet.', { exact: false }).waitFor();
    assert.equal(await dialog.getByLabel('Lukker').inputValue(), `${nextYear}-03-27`, "the other tab's change is shown");
    assert.equal(await dialog.getByLabel('Rundens navn').inputValue(), ROUND);
    await dialog.getByLabel('Rundens navn').fill(`${ROUND} (ny)`);
    const retry = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/api/screening/rounds/'));
    await dialog.getByRole('button', { name: 'Gem' }).click();
    assert.equal((await retry).headers()['if-match'], '"2"');
    assert.deepEqual((await retry).postDataJSON(), { name: `${ROUND} (ny)` }, 'only what changed is sent');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Trivselsrunden »${ROUND} (ny)« er gemt.`).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), `Ret ${ROUND} (ny)`, 'focus returns to the row’s button');
    const stored = await env.query((trx) => trx.selectFrom('screeningRounds').select(['closesOn', 'version']).where('name', '=', `${ROUND} (ny)`).executeTakeFirstOrThrow());
    assert.equal(String(stored.closesOn).slice(0, 10), `${nextYear}-03-27`);
    assert.equal(stored.version, 3);
  } finally {
    await close();
  }
});

test("a round's progress: finished / all per institution and group, counts only", async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.goto('/admin/trivsel');
    await page.getByRole('link', { name: demoRoundName(env.today) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(demoRoundName(env.today)) }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Fremdrift' }).waitFor();
    const total = await page.getByText(/[\d.]+ af [\d.]+ børn er færdige \(\d+\s%\)\./).innerText();
    const [, done, all] = /([\d.]+) af ([\d.]+)/.exec(total)!.map((x) => x.replace(/\./g, ''));
    assert.ok(Number(all) > 0 && Number(done) <= Number(all), total);
    await page.getByRole('table', { name: 'Status for alle børn i runden' }).waitFor();
    await checkA11y(page, 'runde med fremdrift');

    const first = page.locator('.accordion-button').first();
    const name = (await first.locator('.accordion-title').evaluate((el) => el.firstChild?.textContent ?? '')).trim();
    await first.focus();
    await page.keyboard.press('Enter');
    const groups = page.getByRole('table', { name: `Fremdrift i grupperne i ${name}` });
    await groups.waitFor();
    assert.match(await groups.locator('tbody tr').first().innerText(), /\d+ af \d+\s+\d+\s%/);
    await checkA11y(page, 'runde med åben institution');
    if (process.env.TIDLIG_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.TIDLIG_E2E_SCREENSHOTS}/admin-screening-progress.png`, fullPage: true });
    await page.getByRole('link', { name: 'Tilbage til Trivselsrunder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trivselsrunder' }).waitFor();
  } finally {
    await close();
  }
});

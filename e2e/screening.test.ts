// Trivselsvurdering in real Chromium: the demo's open round is found by a pædagog under
// Trivselsvurdering, who rates the whole group with the keyboard alone
// (Space to pick, arrow keys within a child, Tab to the next child), saves in one request,
// sees the success and concern notices, and finds the ratings kept after a reload.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoRoundName } from '../src/cli/seed-demo.ts';
import { checkA11y, describePage, login, startE2E, tabTo, type E2E } from './helpers.ts';

let env: E2E;

before(async () => {
  // The demo seed plans an open round (from a week ago to three weeks ahead) for daycare and school.
  env = await startE2E();
});

after(async () => {
  await env?.close();
});

test('a pædagog rates the whole group by keyboard, saves once, and the ratings are kept', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'paedagog');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).first().getByRole('link', { name: 'Trivselsvurdering' }).click();
    await page.waitForURL('**/trivsel');
    await page.getByRole('heading', { level: 1, name: 'Trivselsvurdering' }).waitFor();
    assert.equal(await page.title(), 'Trivselsvurdering – Tidlig');
    await page.getByRole('heading', { level: 2, name: demoRoundName(env.today) }).waitFor();
    await checkA11y(page, 'Trivselsvurdering');

    await page.getByRole('link', { name: /^Vurder / }).first().click();
    await page.waitForURL('**/trivsel/*/*');
    const h1 = page.getByRole('heading', { level: 1 });
    await h1.waitFor();
    assert.match(await h1.innerText(), /^Trivselsvurdering: /);
    const table = page.getByRole('table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    const count = await rows.count();
    assert.ok(count > 1, 'the group has children');
    await page.getByText(`0 af ${count} vurderet`).waitFor();
    await checkA11y(page, 'Fast entry');

    // Keyboard only: the first child's first radio, then Space / arrows / Tab.
    const requests: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/ratings') && requests.push(r.url()));
    await tabTo(page, 'tbody input[type=radio]', 60);
    for (let i = 0; i < count; i += 1) {
      const row = rows.nth(i);
      const first = row.locator('input[type=radio]').first();
      assert.equal(await first.evaluate((el) => el === document.activeElement), true, `child ${i + 1}'s first option has focus\n${await describePage(page)}`);
      await page.keyboard.press('Space');
      if (i === 0) {
        await page.keyboard.press('ArrowRight'); // Gul
        await page.keyboard.press('ArrowRight'); // Rød
      }
      if (i < count - 1) await page.keyboard.press('Tab');
    }
    assert.equal(await rows.nth(0).getByRole('radio', { name: 'Rød' }).isChecked(), true, 'first child is red');
    for (let i = 1; i < count; i += 1) assert.equal(await rows.nth(i).getByRole('radio', { name: 'Grøn' }).isChecked(), true);

    await tabTo(page, 'button[type=submit]');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Gem vurderinger');
    await page.keyboard.press('Enter');
    await page.getByText(`${count} vurderinger er gemt.`).waitFor();
    await page.getByRole('heading', { name: 'Bekymring: brug kommunens handleguide' }).waitFor();
    await page.getByText(`${count} af ${count} vurderet`).waitFor();
    assert.equal(requests.length, 1, 'the whole group in one request');
    await checkA11y(page, 'Fast entry after saving');

    await page.reload();
    await page.getByRole('table').waitFor();
    assert.equal(await rows.nth(0).getByRole('radio', { name: 'Rød' }).isChecked(), true, 'red kept after reload');
    for (let i = 1; i < count; i += 1) assert.equal(await rows.nth(i).getByRole('radio', { name: 'Grøn' }).isChecked(), true);
    await page.getByRole('heading', { name: 'Bekymring: brug kommunens handleguide' }).waitFor();

    // Not assessed needs a reason, checked before asking the server.
    await rows.nth(1).getByRole('radio', { name: 'Ikke vurderet' }).check();
    await page.getByRole('button', { name: 'Gem vurderinger' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Der er problemer' });
    await summary.waitFor();
    await summary.getByRole('link', { name: /^Skriv hvorfor / }).waitFor();
    assert.equal(requests.length, 1, 'nothing sent while a reason is missing');
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

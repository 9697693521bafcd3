// The screening overviews in real Chromium, on the demo municipality with its two earlier
// rounds (src/cli/demo-screening-history.ts): the leader of Børnehaven Solsikken picks last
// round by keyboard, sees her groups against the round before, and the lists of children to
// follow up; a listed child who changed institution shows the transition on the child page's
// timeline. The district facilitator lands on the overview and sees counts — small ones
// hidden — and never a child's name. axe on every page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { historyRounds } from '../src/cli/demo-screening-history.ts';
import { demoRoundName } from '../src/cli/seed-demo.ts';
import { checkA11y, describePage, login, startE2E, tabTo, type E2E } from './helpers.ts';

let env: E2E;

before(async () => {
  env = await startE2E();
});

after(async () => {
  await env?.close();
});

test('a leader compares last round with the one before, and follows a listed child to its timeline', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'leder');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).first().getByRole('link', { name: 'Trivselsoverblik' }).click();
    await page.waitForURL('**/trivsel/overblik');
    await page.getByRole('heading', { level: 1, name: 'Trivselsoverblik' }).waitFor();
    assert.equal(await page.title(), 'Trivselsoverblik – Tidlig');
    // The default is the latest round that has opened: the demo's open round, not rated yet.
    await page.getByText(new RegExp(`^${demoRoundName(env.today)}:`)).waitFor();
    await page.getByRole('heading', { name: 'Små tal er skjult' }).waitFor();
    await checkA11y(page, 'Trivselsoverblik (åben runde)');

    // Keyboard only: the round select, then "Vis runde".
    const [earlier, previous] = historyRounds(env.today);
    await tabTo(page, '#overview-round');
    // Rounds are listed newest first: one step down is the last closed round.
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#overview-round').inputValue(), previous!.id);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Vis runde');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('runde') === previous!.id);
    await page.getByText(`Sammenlignet med ${earlier!.name}`, { exact: false }).waitFor();

    const table = page.getByRole('table', { name: new RegExp(`Fordeling af positioner i ${previous!.name} pr. institution`) });
    await table.waitFor();
    const solsikken = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Børnehaven Solsikken' }) });
    assert.equal(await solsikken.count(), 1);
    assert.match(await solsikken.innerText(), /\d+ af \d+/, 'coverage: rated of total');
    assert.ok((await table.getByText('sidst:').count()) > 0, 'last round beside this one');
    assert.ok((await table.getByRole('img', { name: /^Fordeling af \d+ børn/ }).count()) > 0, 'the bar has a text');

    const worse = page.getByRole('table', { name: 'Børn, der er gået i en dårligere position' });
    await worse.waitFor();
    await page.getByRole('table', { name: 'Børn med bekymring to runder i træk' }).waitFor();
    assert.ok((await page.getByRole('table', { name: 'Børn med bekymring to runder i træk' }).locator('tbody tr').count()) >= 1);
    await checkA11y(page, 'Trivselsoverblik (sidste runde, leder)');

    const moved = worse.locator('tbody tr').filter({ hasText: 'Overgang' }).first();
    await moved.waitFor();
    const link = moved.getByRole('link');
    const name = (await link.innerText()).trim();
    await link.click();
    await page.waitForURL('**/boern/*');
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const timeline = page.locator('#child-screening-timeline');
    await timeline.waitFor();
    const text = await timeline.innerText();
    assert.ok(text.includes(earlier!.name) && text.includes(previous!.name), `both earlier rounds on the timeline\n${text}`);
    assert.match(text, /Overgang: .+ → Børnehave/, 'the move to the børnehave is marked');
    assert.match(text, /Gul/, 'the position is named, not only coloured');
    await checkA11y(page, 'Barnets side med trivselsvurderinger');

    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('runde') === previous!.id);
    await page.getByRole('table', { name: 'Børn, der er gået i en dårligere position' }).waitFor();
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

test('the district facilitator lands on the overview: counts for the district, small ones hidden, no names', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'facilitator');
    assert.equal(new URL(page.url()).pathname, '/trivsel/overblik', 'the overview is the facilitator’s landing page');
    const previous = historyRounds(env.today)[1]!;
    await page.goto(`/trivsel/overblik?runde=${previous.id}`);
    await page.getByRole('table', { name: new RegExp(`Fordeling af positioner i ${previous.name}: kommune og distrikter`) }).waitFor();
    const institutions = page.getByRole('table', { name: new RegExp(`Fordeling af positioner i ${previous.name} pr. institution`) });
    await institutions.waitFor();
    assert.ok((await institutions.locator('tbody tr').count()) >= 3);
    const body = await page.locator('main').innerText();
    assert.ok(body.includes('<5'), 'some counts are shown as <5');
    assert.equal(await page.getByRole('heading', { name: /Børn, der skal følges op/ }).count(), 0, 'no lists of children');
    await checkA11y(page, 'Trivselsoverblik (distriktsfacilitator)');

    await institutions.getByRole('link', { name: 'Børnehaven Solsikken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trivselsoverblik: Børnehaven Solsikken' }).waitFor();
    const groups = page.getByRole('table', { name: new RegExp(`i Børnehaven Solsikken pr. gruppe`) });
    await groups.waitFor();
    assert.ok((await groups.locator('tbody tr').count()) >= 2);
    assert.equal(await page.getByRole('link', { name: /Børnehaven Solsikken/ }).count(), 0);
    assert.equal(await page.locator('a[href^="/boern/"]').count(), 0, 'no link to any child');
    await checkA11y(page, 'Trivselsoverblik for en institution (distriktsfacilitator)');
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

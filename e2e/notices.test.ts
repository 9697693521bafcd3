// Beskeder in real Chromium: the reminder job runs as on the morning two days before the demo
// round closes; the pædagog sees the unread count in the header, reads the reminder (which
// names no child), follows it to Trivselsvurdering, and the count is gone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoRoundName } from '../src/cli/seed-demo.ts';
import { reminderSendsFrom } from '../src/domain/screening-reminders.ts';
import { runScreeningReminders } from '../src/jobs/screening-reminders.ts';
import { fixedClock } from '../test/harness.ts';
import { checkA11y, describePage, login, startE2E, type E2E } from './helpers.ts';

let env: E2E;

before(async () => {
  env = await startE2E();
  const round = await env.query((trx) => trx.selectFrom('screeningRounds').selectAll().where('name', '=', demoRoundName(env.today)).executeTakeFirstOrThrow());
  const day = reminderSendsFrom(round, 2);
  const result = await runScreeningReminders({ db: env.db, clock: fixedClock(new Date(`${day}T06:00:00Z`)) });
  assert.ok(result.delivered > 0, 'the demo round has unrated children, so reminders go out');
});

after(async () => {
  await env?.close();
});

test('a pædagog reads the reminder before the round closes and follows it', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'paedagog');
    const header = page.locator('header .portal-user');
    const link = header.getByRole('link', { name: 'Beskeder, 1 ulæst' });
    await link.waitFor();
    await link.click();
    await page.waitForURL('**/beskeder');
    await page.getByRole('heading', { level: 1, name: 'Beskeder' }).waitFor();
    const item = page.locator('.tidlig-notice-item').first();
    const text = await item.innerText();
    assert.match(text, new RegExp(`Sidste dag i trivselsrunden »${demoRoundName(env.today)}«`));
    assert.match(text, /\d+ børn i dine grupper mangler en vurdering/);
    await checkA11y(page, 'Beskeder');

    await item.getByRole('link', { name: 'Gå til trivselsvurdering' }).click();
    await page.waitForURL('**/trivsel');
    await header.getByRole('link', { name: 'Beskeder, 0 ulæste' }).waitFor();
    await page.goto('/beskeder');
    await page.getByRole('heading', { level: 1, name: 'Beskeder' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Markér alle som læst' }).count(), 0, 'nothing unread');
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

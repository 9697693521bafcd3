// The joint position in real Chromium (TOPI practice): a pædagog has rated a child green; the
// institution's leader rates the same child red, sees the conflict, opens "Aftal fælles
// position", agrees yellow in the dialog (keyboard and axe checked), and the conflict is gone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { demoRoundName } from '../src/cli/seed-demo.ts';
import { checkA11y, describePage, login, startE2E, type E2E } from './helpers.ts';

let env: E2E;
let roundId: string;
let groupId: string;
let child: { id: string; firstName: string; lastName: string };

before(async () => {
  env = await startE2E();
  // The pædagog's rating, as if given earlier in the round: the first child of their group, green.
  await env.query(async (trx) => {
    const round = await trx.selectFrom('screeningRounds').selectAll().where('name', '=', demoRoundName(env.today)).executeTakeFirstOrThrow();
    const paedagog = await trx.selectFrom('users').select('id').where('username', '=', 'paedagog').executeTakeFirstOrThrow();
    const membership = await trx
      .selectFrom('memberships')
      .select('unitId')
      .where('userId', '=', paedagog.id)
      .where('unitKind', '=', 'group')
      .executeTakeFirstOrThrow();
    const group = await trx.selectFrom('groups').select(['id', 'institutionId']).where('id', '=', membership.unitId).executeTakeFirstOrThrow();
    child = await trx
      .selectFrom('children as c')
      .innerJoin('enrolments as e', 'e.childId', 'c.id')
      .select(['c.id', 'c.firstName', 'c.lastName'])
      .where('e.groupId', '=', group.id)
      .where('e.validFrom', '<=', env.today)
      .where((eb) => eb.or([eb('e.validTo', 'is', null), eb('e.validTo', '>=', env.today)]))
      .orderBy('c.lastName')
      .orderBy('c.firstName')
      .orderBy('c.id')
      .executeTakeFirstOrThrow();
    const green = await trx
      .selectFrom('screeningPositions')
      .select('id')
      .where('scaleVersionId', '=', round.scaleVersionId)
      .where('ordinal', '=', 1)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('screeningRatings')
      .values({
        municipalityId: env.municipalityId,
        id: randomUUID(),
        roundId: round.id,
        scaleVersionId: round.scaleVersionId,
        childId: child.id,
        groupId: group.id,
        institutionId: group.institutionId,
        raterUserId: paedagog.id,
        kind: 'individual',
        positionId: green.id,
        notAssessedReason: null,
        note: null,
        correctsId: null,
        late: false,
        createdAt: new Date(),
      })
      .execute();
    roundId = round.id;
    groupId = group.id;
  });
});

after(async () => {
  await env?.close();
});

test('the leader and the pædagog disagree; the leader records the joint position they agreed', async () => {
  const { page, close } = await env.newPage();
  const name = `${child.firstName} ${child.lastName}`;
  try {
    await login(page, 'leder');
    await page.goto(`/trivsel/${roundId}/${groupId}`);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await row.waitFor();
    assert.equal(await row.getByRole('button', { name: `Aftal fælles position for ${name}` }).count(), 0, 'one rater only: nothing to agree yet');

    await row.getByRole('radio', { name: 'Rød' }).check();
    await page.getByRole('button', { name: 'Gem vurderinger' }).click();
    await page.getByText('1 vurdering er gemt.').waitFor();
    await row.getByText('Uenighed').first().waitFor();

    const agree = row.getByRole('button', { name: `Aftal fælles position for ${name}` });
    await agree.click();
    const dialog = page.getByRole('dialog', { name: `Fælles position for ${name}` });
    await dialog.waitFor();
    await checkA11y(page, 'Joint position dialog');
    await dialog.getByRole('radio', { name: /^Gul/ }).check();
    await dialog.getByLabel('Kort note om drøftelsen (valgfri)').fill('Drøftet på stuemøde.');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText(/Fælles position: Gul \(aftalt af /).waitFor();
    assert.equal(await row.getByText('Uenighed').count(), 0, 'the joint position settles the conflict');
    await row.getByRole('button', { name: `Ret fælles position for ${name}` }).waitFor();
    await checkA11y(page, 'Fast entry with a joint position');
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

// The stafetlog in real Chromium (S4, S14): a pædagog registers the parents' paper consent for
// the health visitor on the child's page, opens a stafetlog with the concern and her own level,
// adds the health visitor (covered by the consent: listed with the basis "Samtykke") and tries
// to add a teacher the consent does not cover (refused with the Danish consent.required text).
// The levels differ and the page says so. axe on the child page's panels, the log page (also
// with the refusal showing) and "Mine stafetlogs". A move to another municipality is refused
// until the parents' consent names that municipality (axe on the dialog with the refusal). When
// the consent behind the stafetholder is withdrawn, a participant takes the stafet over. The test makes its own child choice: a child
// in the pædagog's group with two custody holders and no open log (whatever the demo seeds).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { checkA11y, demoUser, describePage, login, startE2E, type DemoUser, type E2E } from './helpers.ts';

let env: E2E;
type Child = { id: string; firstName: string; lastName: string };
let child: Child;
/** A second child of the pædagog's, for the log's working parts. */
let other: Child;
/** The log the first test opens (the relay test hands it on). */
let firstLogId: string | undefined;
let paedagog: DemoUser;
let healthVisitor: DemoUser;
let teacher: DemoUser;

before(async () => {
  env = await startE2E();
  paedagog = await demoUser(env, 'paedagog');
  healthVisitor = await demoUser(env, 'sundhedsplejerske');
  teacher = await demoUser(env, 'laerer');
  [child, other] = await env.query(async (trx) => {
    const r = await sql<Child>`
      SELECT c.id, c.first_name AS "firstName", c.last_name AS "lastName"
        FROM children c
        JOIN enrolments e ON e.municipality_id = c.municipality_id AND e.child_id = c.id
        JOIN memberships m ON m.municipality_id = e.municipality_id AND m.unit_kind = 'group' AND m.unit_id = e.group_id
       WHERE m.user_id = ${paedagog.id}
         AND e.valid_from <= ${env.today}::date AND (e.valid_to IS NULL OR e.valid_to >= ${env.today}::date)
         AND m.valid_from <= ${env.today}::date AND (m.valid_to IS NULL OR m.valid_to >= ${env.today}::date)
         AND (SELECT count(*) FROM child_custody cc
               WHERE cc.municipality_id = c.municipality_id AND cc.child_id = c.id AND cc.has_custody
                 AND cc.valid_from <= ${env.today}::date AND (cc.valid_to IS NULL OR cc.valid_to >= ${env.today}::date)) = 2
         AND NOT EXISTS (SELECT 1 FROM stafetlogs s WHERE s.municipality_id = c.municipality_id AND s.child_id = c.id AND s.status = 'open')
         AND NOT EXISTS (SELECT 1 FROM consents k WHERE k.municipality_id = c.municipality_id AND k.child_id = c.id)
       ORDER BY c.last_name, c.first_name, c.id
       LIMIT 2`.execute(trx);
    assert.equal(r.rows.length, 2, "the demo data has not two children in the pædagog's group with two custody holders and no stafetlog");
    return r.rows as [Child, Child];
  });
});

after(async () => {
  await env?.close();
});

test('a pædagog opens a stafetlog, adds a participant covered by a paper consent, and is refused one without consent', async () => {
  const { page, close } = await env.newPage();
  const name = `${child.firstName} ${child.lastName}`;
  try {
    await login(page, 'paedagog');

    // ── the child page: register the parents' consent given on paper ──────────────────────
    await page.goto(`/boern/${child.id}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Stafetlog' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Samtykker' }).waitFor();
    await page.getByText('Der er ikke registreret noget samtykke.').waitFor();
    await checkA11y(page, 'Child page with the stafetlog and consent panels');

    await page.getByRole('button', { name: 'Registrér samtykke givet på papir' }).click();
    const consentDialog = page.getByRole('dialog', { name: `Registrér samtykke fra papir for ${child.firstName}` });
    await consentDialog.waitFor();
    assert.equal(await consentDialog.getByLabel('Formål', { exact: true }).inputValue(), 'stafetlog');
    await consentDialog.getByLabel('Søg efter fagperson').fill(healthVisitor.displayName);
    await consentDialog.getByRole('radio', { name: healthVisitor.displayName, exact: true }).check();
    await consentDialog.getByRole('button', { name: 'Tilføj modtager' }).click();
    await consentDialog.getByRole('list', { name: 'Valgte modtagere' }).getByText(healthVisitor.displayName).waitFor();
    const signers = consentDialog.getByRole('group', { name: 'Hvem har skrevet under?' }).getByRole('checkbox');
    assert.equal(await signers.count(), 2, 'both custody holders can sign');
    for (const box of await signers.all()) await box.check();
    await consentDialog.getByLabel('Din bekræftelse').fill('Underskrevet erklæring modtaget i dag og gemt i journalen.');
    await checkA11y(page, 'Paper consent dialog');
    await consentDialog.getByRole('button', { name: 'Registrér samtykket' }).click();
    await consentDialog.waitFor({ state: 'hidden' });
    await page.getByText('Samtykket er registreret (Stafetlog).').waitFor();
    const consentRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Stafetlog/ }) });
    await consentRow.getByText('Gælder', { exact: true }).waitFor();

    // ── open the log with the concern and my own level ────────────────────────────────────
    await page.getByRole('button', { name: 'Opret stafetlog' }).click();
    await page.getByLabel('Hvad er bekymringen?').fill('Trækker sig fra legen og siger, at hun ikke vil i børnehave.');
    await page.getByRole('radio', { name: '2 – Bekymring' }).check();
    await page.getByRole('button', { name: 'Opret stafetlog' }).click();
    await page.waitForURL(/\/stafetlog\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: `Stafetlog for ${name}` }).waitFor();
    const logId = new URL(page.url()).pathname.split('/').pop()!;
    firstLogId = logId;
    const levels = page.getByRole('table', { name: 'Hver deltagers og hver forælders aktuelle bekymringsniveau' });
    await levels.getByRole('row').filter({ has: page.getByRole('rowheader', { name: paedagog.displayName }) }).getByText('2 – Bekymring').waitFor();

    // ── add the health visitor: covered by the consent ────────────────────────────────────
    await page.getByRole('button', { name: 'Tilføj deltager' }).click();
    let dialog = page.getByRole('dialog', { name: 'Tilføj en deltager' });
    await dialog.waitFor();
    await dialog.getByLabel('Søg efter fagperson').fill(healthVisitor.displayName);
    await dialog.getByRole('radio', { name: healthVisitor.displayName, exact: true }).check();
    await dialog.getByRole('button', { name: 'Tilføj deltager' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`${healthVisitor.displayName} er tilføjet som deltager.`).waitFor();
    const participants = page.getByRole('table', { name: 'Deltagere i stafetloggen' });
    const added = participants.getByRole('row').filter({ has: page.getByRole('rowheader', { name: healthVisitor.displayName }) });
    await added.getByRole('cell', { name: 'Samtykke', exact: true }).waitFor();
    await added.getByRole('cell', { name: 'Deltager', exact: true }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Tilføj deltager', 'focus returns to the button that opened the dialog');

    // ── a teacher the consent does not name: refused, in plain Danish ─────────────────────
    await page.getByRole('button', { name: 'Tilføj deltager' }).click();
    dialog = page.getByRole('dialog', { name: 'Tilføj en deltager' });
    await dialog.getByLabel('Søg efter fagperson').fill(teacher.displayName);
    await dialog.getByRole('radio', { name: teacher.displayName, exact: true }).check();
    await dialog.getByRole('button', { name: 'Tilføj deltager' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.getByRole('heading', { name: 'Der mangler samtykke' }).waitFor();
    await refusal.getByText(/^Der er ikke et gyldigt samtykke, der dækker modtageren, formålet og oplysningerne\./).waitFor();
    await dialog.getByRole('link', { name: 'Gå til barnets side, og registrér forældrenes samtykke' }).waitFor();
    await checkA11y(page, 'Add participant refused for want of consent');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await participants.getByRole('rowheader', { name: teacher.displayName }).count(), 0, 'the teacher is not a participant');

    // ── the health visitor sees it differently: the page says so ──────────────────────────
    await env.query((trx) =>
      trx
        .insertInto('stafetlogConcernLevels')
        .values({
          municipalityId: env.municipalityId,
          id: randomUUID(),
          logId,
          authorKind: 'staff',
          authorId: healthVisitor.id,
          authorName: healthVisitor.displayName,
          level: 1,
          comment: 'Ser hende mest glad ved sundhedsplejen.',
          statedAt: new Date(),
        })
        .execute(),
    );
    await page.reload();
    await page.getByText('I ser bekymringen forskelligt: niveauerne går fra 1 – Lille bekymring til 2 – Bekymring.').waitFor();
    await checkA11y(page, 'Stafetlog page');

    // ── "Mine stafetlogs" ──────────────────────────────────────────────────────────────────
    await page.goto('/stafetlog');
    await page.getByRole('heading', { level: 1, name: 'Mine stafetlogs' }).waitFor();
    const mine = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await mine.getByText('Stafetholder').waitFor();
    await mine.getByText('2 – Bekymring').waitFor();
    await checkA11y(page, 'Mine stafetlogs');

    // back on the child page the panel shows the open log and links to it
    await page.goto(`/boern/${child.id}`);
    await page.getByRole('link', { name: 'Åbn stafetloggen' }).waitFor();
    await checkA11y(page, 'Child page with an open stafetlog');
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

/** 'YYYY-MM-DD' moved by whole days. */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test("the log's working parts: a goal reached, an overdue action, an evaluation held, the child's words, a document, and a stale close recovered", async () => {
  const { page, close } = await env.newPage();
  const name = `${other.firstName} ${other.lastName}`;
  try {
    await login(page, 'paedagog');
    await page.goto(`/boern/${other.id}`);
    await page.getByRole('button', { name: 'Opret stafetlog' }).click();
    await page.getByLabel('Hvad er bekymringen?').fill('Meget fravær i dagtilbuddet den seneste måned.');
    await page.getByRole('radio', { name: '1 – Lille bekymring' }).check();
    await page.getByRole('button', { name: 'Opret stafetlog' }).click();
    await page.getByRole('heading', { level: 1, name: `Stafetlog for ${name}` }).waitFor();
    const logId = new URL(page.url()).pathname.split('/').pop()!;

    // a goal, then reached
    const goalText = 'Kommer i børnehave fire dage om ugen.';
    await page.getByLabel('Nyt mål').fill(goalText);
    await page.getByRole('button', { name: 'Tilføj mål' }).click();
    await page.getByText('Målet er tilføjet.').waitFor();
    const goalRow = page.getByRole('table', { name: 'Mål i stafetloggen' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: goalText }) });
    await goalRow.getByRole('button', { name: `Nået ${goalText}` }).click();
    await goalRow.getByRole('cell', { name: 'Nået', exact: true }).waitFor();

    // an action for the family, due yesterday: marked overdue in words
    await page.getByRole('button', { name: 'Tilføj handling' }).click();
    const actionDialog = page.getByRole('dialog', { name: 'Tilføj en handling' });
    await actionDialog.getByLabel('Handling', { exact: true }).fill('Tale med forældrene om morgenrutinen.');
    await actionDialog.getByLabel('Ansvarlig').selectOption({ label: 'Familien' });
    await actionDialog.getByLabel('Frist').fill(addDays(env.today, -1));
    await actionDialog.getByRole('button', { name: 'Tilføj handling' }).click();
    await actionDialog.waitFor({ state: 'hidden' });
    const actionRow = page.getByRole('table', { name: 'Handlinger i stafetloggen' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Tale med forældrene om morgenrutinen.' }) });
    await actionRow.getByText('Overskredet').waitFor();
    await actionRow.getByRole('cell', { name: 'Familien', exact: true }).waitFor();

    // an evaluation planned and held
    await page.getByLabel('Planlæg en evaluering').fill(addDays(env.today, 7));
    await page.getByRole('button', { name: 'Planlæg', exact: true }).click();
    const evaluations = page.getByRole('table', { name: 'Planlagte og afholdte evalueringer' });
    await evaluations.getByText('Planlagt', { exact: true }).waitFor();
    await evaluations.getByRole('button', { name: /^Skriv evaluering/ }).click();
    const holdDialog = page.getByRole('dialog', { name: /^Evaluering / });
    await holdDialog.getByLabel('Opsummering').fill('Fraværet er faldet. Vi fortsætter aftalerne.');
    await holdDialog.getByRole('button', { name: 'Gem evalueringen' }).click();
    await holdDialog.waitFor({ state: 'hidden' });
    await evaluations.getByText(/^Afholdt /).waitFor();

    // the child's own words
    await page.getByRole('radio', { name: 'Barnets ord' }).check();
    await page.getByLabel('Tekst', { exact: true }).fill('Jeg vil gerne lege med Ali.');
    await page.getByRole('button', { name: 'Gem indlæg' }).click();
    await page.getByText('Barnets ord er gemt.').waitFor();
    await page.getByRole('list', { name: 'Notater og egne ord' }).getByText('Jeg vil gerne lege med Ali.').waitFor();

    // a document, uploaded and downloaded again
    await page.getByLabel('Vedhæft et dokument').setInputFiles({ name: 'aftaler.txt', mimeType: 'text/plain', buffer: Buffer.from('Aftaler fra mødet', 'utf8') });
    await page.getByRole('button', { name: 'Vedhæft', exact: true }).click();
    const link = page.getByRole('link', { name: 'aftaler.txt (hent)' });
    await link.waitFor();
    const download = await page.request.get((await link.getAttribute('href'))!);
    assert.equal(download.status(), 200);
    assert.equal(await download.text(), 'Aftaler fra mødet');
    await checkA11y(page, 'Stafetlog page with goals, actions, evaluations, entries and documents');

    // someone else changes the log meanwhile: the close is refused (412), said in Danish, the
    // newest log is fetched, the reason is kept, and the second try closes it
    await env.query((trx) =>
      trx
        .updateTable('stafetlogs')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', logId)
        .execute(),
    );
    await page.getByRole('button', { name: 'Luk stafetloggen' }).click();
    const closeDialog = page.getByRole('dialog', { name: 'Luk stafetloggen' });
    await closeDialog.getByLabel('Hvorfor lukkes loggen?').fill('Fraværet er væk; forældrene er enige.');
    await closeDialog.getByRole('button', { name: 'Luk loggen' }).click();
    await closeDialog.getByText(/^Stafetloggen er ændret af en anden, siden du hentede den\./).waitFor();
    await page.getByText(/Siden viser nu den nyeste udgave/).waitFor();
    assert.equal(await closeDialog.getByLabel('Hvorfor lukkes loggen?').inputValue(), 'Fraværet er væk; forældrene er enige.', 'nothing typed is lost');
    await closeDialog.getByRole('button', { name: 'Luk loggen' }).click();
    await closeDialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Stafetloggen er lukket' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Tilføj mål' }).count(), 0, 'nothing can be written in a closed log');
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

test('the stafetholder hands the log to the health visitor, who accepts it from "Mine stafetlogs"', async () => {
  assert.ok(firstLogId, 'the first test opened the log');
  const sender = await env.newPage();
  try {
    await login(sender.page, 'paedagog');
    await sender.page.goto(`/stafetlog/${firstLogId}`);
    await sender.page.getByRole('button', { name: 'Giv stafetten videre' }).click();
    const dialog = sender.page.getByRole('dialog', { name: 'Giv stafetten videre' });
    await dialog.getByLabel('Søg efter modtageren').fill(healthVisitor.displayName);
    await dialog.getByRole('radio', { name: healthVisitor.displayName, exact: true }).check();
    await dialog.getByLabel('Besked til modtageren (valgfri)').fill('Starter i skole til august.');
    await dialog.getByRole('button', { name: 'Giv stafetten videre' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await sender.page.getByRole('table', { name: 'Stafetter, der er givet videre' }).getByText('Venter på svar').waitFor();
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(sender.page)}`, { cause: err });
  } finally {
    await sender.close();
  }

  const { page, close } = await env.newPage();
  try {
    await login(page, 'sundhedsplejerske');
    await page.goto('/stafetlog');
    await page.getByRole('heading', { level: 2, name: 'Stafetter, der venter på dig' }).waitFor();
    await checkA11y(page, 'Mine stafetlogs with a relay waiting');
    await page.getByRole('button', { name: `Tag imod stafetten for ${child.firstName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Tag imod stafetten for ${child.firstName}` });
    await dialog.getByRole('button', { name: 'Tag imod stafetten' }).click();
    await page.waitForURL((u) => u.pathname === `/stafetlog/${firstLogId}`);
    await page.locator('dt:text-is("Din rolle") + dd').getByText('Stafetholder').waitFor();
    const participants = page.getByRole('table', { name: 'Deltagere i stafetloggen' });
    const sender = participants.getByRole('row').filter({ has: page.getByRole('rowheader', { name: paedagog.displayName }) });
    await sender.getByRole('cell', { name: 'Deltager', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Stafetter, der er givet videre' }).getByText('Modtaget').waitFor();
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

test('when the consent behind the stafetholder is withdrawn, the pædagog (still a participant) takes the stafet over', async () => {
  assert.ok(firstLogId, 'the first test opened the log, the third handed it to the health visitor');
  const { page, close } = await env.newPage();
  try {
    await login(page, 'paedagog');
    await page.goto(`/stafetlog/${firstLogId}`);
    await page.locator('dt:text-is("Din rolle") + dd').getByText('Deltager').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Overtag stafetten' }).count(), 0, 'the holder is still in the log');

    // The parents withdraw the consent the health visitor's part rests on (registered on their behalf).
    await page.goto(`/boern/${child.id}`);
    await page.getByRole('button', { name: 'Træk tilbage samtykke til Stafetlog' }).click();
    const withdraw = page.getByRole('dialog', { name: 'Træk samtykke tilbage: Stafetlog' });
    await withdraw.getByRole('button', { name: 'Træk samtykket tilbage' }).click();
    await withdraw.waitFor({ state: 'hidden' });

    await page.goto(`/stafetlog/${firstLogId}`);
    const notice = page.getByRole('heading', { name: 'Stafetholderen er ikke længere med' });
    await notice.waitFor();
    await page.getByText(`${healthVisitor.displayName} er stafetholder, men er ikke længere med i loggen`, { exact: false }).waitFor();
    await checkA11y(page, 'Stafetlog page with no active stafetholder');
    await page.getByRole('button', { name: 'Overtag stafetten' }).click();
    const dialog = page.getByRole('dialog', { name: 'Overtag stafetten' });
    await dialog.getByRole('button', { name: 'Overtag stafetten' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Du har overtaget stafetten og er nu stafetholder.').waitFor();
    await page.locator('dt:text-is("Din rolle") + dd').getByText('Stafetholder').waitFor();
    assert.equal(await notice.count(), 0, 'the log has a stafetholder again');
    const holder = await env.query((trx) => trx.selectFrom('stafetlogs').select('holderUserId').where('id', '=', firstLogId!).executeTakeFirstOrThrow());
    assert.equal(holder.holderUserId, paedagog.id);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

test('a move to another municipality is refused without a consent naming it, and recorded with one', async () => {
  const { page, close } = await env.newPage();
  const transfers = async () =>
    env.query((trx) => trx.selectFrom('childTransfers').select(['toMunicipalityCode', 'toMunicipalityName', 'consentId', 'legalBasis']).where('childId', '=', other.id).execute());
  try {
    await login(page, 'paedagog');
    // The second child's first log was closed: open a new one.
    await page.goto(`/boern/${other.id}`);
    await page.getByRole('button', { name: 'Opret stafetlog' }).click();
    await page.getByLabel('Hvad er bekymringen?').fill('Familien flytter til Aalborg; fraværet er steget igen.');
    await page.getByRole('radio', { name: '2 – Bekymring' }).check();
    await page.getByRole('button', { name: 'Opret stafetlog' }).click();
    await page.waitForURL(/\/stafetlog\/[0-9a-f-]{36}$/);
    const logUrl = new URL(page.url()).pathname;

    const fill = async () => {
      await page.getByRole('button', { name: 'Flytning til en anden kommune' }).click();
      const dialog = page.getByRole('dialog', { name: 'Flytning til en anden kommune' });
      await dialog.getByText(/Den modtagende kommune får sin egen kopi/).waitFor();
      await dialog.getByText(/Forældrenes samtykke skal have formålet »Overgang« og nævne netop den kommune/).waitFor();
      await dialog.getByLabel('Kommunekode').fill('851');
      await dialog.getByLabel('Kommunens navn').fill('Aalborg Kommune');
      await dialog.getByLabel('Hvad sendes til den nye kommune?').fill('Bekymringen, målet om fremmøde og aftalen om morgenrutinen.');
      await dialog.getByRole('button', { name: 'Registrér flytningen' }).click();
      return dialog;
    };

    // ── no consent names Aalborg: refused, in plain Danish, with the way forward ──────────
    const dialog = await fill();
    const refusal = dialog.getByRole('alert');
    await refusal.getByRole('heading', { name: 'Der mangler samtykke' }).waitFor();
    await dialog.getByText('Forældrenes samtykke skal have formålet »Overgang« og nævne Aalborg Kommune (kommunekode 851) som modtager. Registrér samtykket på barnets side, og prøv igen.').waitFor();
    await dialog.getByRole('link', { name: 'Gå til barnets side, og registrér forældrenes samtykke' }).waitFor();
    await checkA11y(page, 'Move to another municipality refused for want of consent');
    assert.deepEqual(await transfers(), [], 'nothing is recorded');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // ── the parents' paper consent names the municipality by its code ─────────────────────
    await page.goto(`/boern/${other.id}`);
    await page.getByRole('button', { name: 'Registrér samtykke givet på papir' }).click();
    const consentDialog = page.getByRole('dialog', { name: `Registrér samtykke fra papir for ${other.firstName}` });
    await consentDialog.getByLabel('Formål', { exact: true }).selectOption('overgang');
    await consentDialog.getByRole('radio', { name: 'Kommune', exact: true }).check();
    await consentDialog.getByLabel('Kommunekode').fill('851');
    await consentDialog.getByLabel('Kommunens navn').fill('Aalborg Kommune');
    await consentDialog.getByRole('button', { name: 'Tilføj modtager' }).click();
    await consentDialog.getByRole('list', { name: 'Valgte modtagere' }).getByText('Aalborg Kommune (kommunekode 851)').waitFor();
    for (const box of await consentDialog.getByRole('group', { name: 'Hvem har skrevet under?' }).getByRole('checkbox').all()) await box.check();
    await consentDialog.getByLabel('Din bekræftelse').fill('Underskrevet erklæring om flytningen modtaget i dag.');
    await consentDialog.getByRole('button', { name: 'Registrér samtykket' }).click();
    await consentDialog.waitFor({ state: 'hidden' });
    await page.getByText(/^Samtykket er registreret \(Overgang/).waitFor();

    // ── now the move is recorded and listed on the log ────────────────────────────────────
    await page.goto(logUrl);
    const again = await fill();
    await again.waitFor({ state: 'hidden' });
    await page.getByText('Flytningen til Aalborg Kommune er registreret. Luk stafetloggen, når barnet er flyttet.').waitFor();
    const row = page.getByRole('table', { name: 'Flytninger til andre kommuner' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Aalborg Kommune (kommunekode 851)' }) });
    await row.getByRole('cell', { name: 'Samtykke', exact: true }).waitFor();
    await row.getByRole('cell', { name: paedagog.displayName, exact: true }).waitFor();
    const saved = await transfers();
    assert.deepEqual(saved.map((x) => [x.toMunicipalityCode, x.toMunicipalityName, x.consentId !== null, x.legalBasis]), [['851', 'Aalborg Kommune', true, null]]);
    await checkA11y(page, 'Stafetlog page with a move to another municipality');
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

test("the administrator sets the municipality's consent rules and concern labels", async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.goto('/admin/samtykke');
    await page.getByRole('heading', { level: 1, name: 'Samtykke og stafetlog' }).waitFor();
    await page.getByRole('radio', { name: 'Én er nok til de valgte formål' }).check();
    await page.getByRole('checkbox', { name: 'Tværfagligt møde' }).check();
    await page.getByLabel('Unges eget samtykke').selectOption({ label: 'Fra 15 år' });
    await page.getByRole('button', { name: 'Gem reglerne' }).click();
    await page.getByText('Reglerne for samtykke er gemt.').waitFor();
    await page.getByLabel('Niveau 3').fill('Alvorlig bekymring');
    await page.getByRole('button', { name: 'Gem niveauerne' }).click();
    await page.getByText('Bekymringsniveauerne er gemt.').waitFor();
    await checkA11y(page, 'Consent and stafetlog settings');
    const saved = await env.query((trx) => trx.selectFrom('stafetlogSettings').select('concernLabels').executeTakeFirstOrThrow());
    assert.equal(saved.concernLabels[3], 'Alvorlig bekymring');
    const rules = await env.query((trx) => trx.selectFrom('consentSettings').select(['jointCustodyRule', 'oneHolderPurposes', 'ownConsentAge']).executeTakeFirstOrThrow());
    assert.deepEqual(rules, { jointCustodyRule: 'one', oneHolderPurposes: ['tvaerfagligt_moede'], ownConsentAge: 15 });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
});

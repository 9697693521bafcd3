// The parents' portal (S15) in real Chromium: a custody holder logs in through the marked
// demo log-in, reads the stafetlog, withdraws the consent a professional's participation
// relied on; that professional is refused at once (404 on the log); the parent's access
// extract shows who read the log and when. axe finds no WCAG 2.1 AA violations, also on a
// 375×667 phone, where no page scrolls sideways. Also: another family's child and an unknown
// log answer "not found"; the demo log-in works by keyboard; a consent given in the portal
// waits for the other custody holder, who co-signs.
//
// The data is made here (a new child, its two custody holders, a paper consent, a log with a
// participant) through the staff API, so the test does not lean on the demo's details beyond
// its user names.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addDays } from '../src/domain/calendar.ts';
import { fictitiousCpr } from '../src/domain/cpr.ts';
import { checkA11y, demoUser, describePage, startE2E, tabTo, type DemoUser, type E2E } from './helpers.ts';

const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
// 'Abildgaard' sorts before every demo surname: the demo log-in lists the first 40 parents by name.
const MOTHER = { firstName: 'Trine', lastName: 'Abildgaard' };
const FATHER = { firstName: 'Anders', lastName: 'Abildgaard' };
const CHILD = { firstName: 'Ida', lastName: 'Abildgaard' };
const CONCERN = 'Ida trækker sig fra legen og siger, hun har ondt i maven om morgenen.';

let env: E2E;
let childId: string;
let logId: string;
let consentId: string;
let nurse: DemoUser;
let institutionName: string;

/** A staff member's session through the API (app.inject): cookie and CSRF token kept. */
async function staff(username: string) {
  const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { municipalityId: env.municipalityId, username, password: 'tidlig-demo' } });
  assert.equal(login.statusCode, 200, `log-in as ${username}: ${login.body}`);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (login.json() as { csrfToken: string }).csrfToken;
  const send = async (method: 'GET' | 'POST', url: string, payload?: unknown, version?: number) => {
    const res = await env.app.inject({
      method,
      url,
      payload: payload as object | undefined,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...(version === undefined ? {} : { 'if-match': `"${version}"` }) },
    });
    return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : {} };
  };
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload?: unknown, version?: number) => send('POST', url, payload, version),
  };
}

/** A set-up step must succeed (any 2xx: 200 for reads, 201 for most writes). */
function ok<T = Record<string, unknown>>(res: { status: number; body: unknown }, what: string): T {
  assert.ok(res.status >= 200 && res.status < 300, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

before(async () => {
  env = await startE2E({ demo: true });
  nurse = await demoUser(env, 'sundhedsplejerske');
  // The pædagog's own group: the child is enrolled there, so the pædagog may open its log.
  const group = await env.query((trx) =>
    trx
      .selectFrom('memberships as m')
      .innerJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'm.municipalityId').onRef('u.id', '=', 'm.userId'))
      .innerJoin('groups as g', (j) => j.onRef('g.municipalityId', '=', 'm.municipalityId').onRef('g.id', '=', 'm.unitId'))
      .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'g.municipalityId').onRef('i.id', '=', 'g.institutionId'))
      .select(['g.id as groupId', 'g.institutionId', 'i.name as institutionName'])
      .where('u.username', '=', 'paedagog')
      .where('m.unitKind', '=', 'group')
      .where('m.validFrom', '<=', env.today)
      .where((eb) => eb.or([eb('m.validTo', 'is', null), eb('m.validTo', '>=', env.today)]))
      .executeTakeFirstOrThrow(),
  );
  institutionName = group.institutionName;

  const admin = await staff('admin');
  const birthDate = addDays(env.today, -4 * 365);
  const created = ok<{ id: string }>(
    await admin.post('/api/children', {
      cpr: fictitiousCpr(birthDate, 7301),
      ...CHILD,
      birthDate,
      custodyHolders: [
        { cpr: fictitiousCpr('1990-03-04', 7302), ...MOTHER, relation: 'mor', hasCustody: true },
        { cpr: fictitiousCpr('1989-05-06', 7303), ...FATHER, relation: 'far', hasCustody: true },
      ],
      enrolment: { institutionId: group.institutionId, groupId: group.groupId, validFrom: addDays(env.today, -30) },
    }),
    'register the child',
  );
  childId = created.id;

  // A paper consent signed by both custody holders: the sundhedsplejerske may take part.
  const paedagog = await staff('paedagog');
  const consents = ok<{ custodyHolders: { id: string }[] }>(await paedagog.get(`/api/children/${childId}/consents`), 'consents');
  assert.equal(consents.custodyHolders.length, 2);
  const consent = ok<{ id: string; status: string }>(
    await paedagog.post(`/api/children/${childId}/consents`, {
      purpose: 'stafetlog',
      informationTypes: ['stafetlog', 'trivselsvurderinger'],
      recipients: [{ kind: 'user', id: nurse.id }],
      validFrom: env.today,
      validTo: addDays(env.today, 365),
      attestation: 'Underskrevet samtykkeerklæring modtaget på forældremøde.',
      signedBy: consents.custodyHolders.map((h) => h.id),
    }),
    'register the paper consent',
  );
  assert.equal(consent.status, 'active');
  consentId = consent.id;

  const log = ok<{ id: string; version: number }>(await paedagog.post(`/api/children/${childId}/stafetlogs`, { concern: CONCERN, level: 1 }), 'open the log');
  logId = log.id;
  const added = ok<{ participants: { userId: string; active: boolean }[] }>(
    await paedagog.post(`/api/stafetlogs/${logId}/participants`, { userId: nurse.id }, log.version),
    'add the sundhedsplejerske',
  );
  assert.ok(added.participants.some((p) => p.userId === nurse.id && p.active));

  // The sundhedsplejerske reads the log and states her own (different) level.
  const sp = await staff('sundhedsplejerske');
  ok(await sp.get(`/api/stafetlogs/${logId}`), 'the participant reads the log');
  ok(await sp.post(`/api/stafetlogs/${logId}/levels`, { level: 2, comment: 'Hun er træt til sundhedssamtalen.' }), 'the participant states a level');
});

after(async () => {
  await env?.close();
});

/** Log in as a parent (the mother unless told) through the demo list and land on "Dine børn". */
async function demoLogIn(page: Page, parent: { firstName: string; lastName: string } = MOTHER): Promise<void> {
  await page.goto('/borger/log-ind');
  await page.getByRole('heading', { level: 1, name: 'Log ind som forælder' }).waitFor();
  const select = page.getByLabel('Kommune');
  if ((await select.inputValue()) === '') await select.selectOption({ label: 'Demo Kommune' });
  await page.getByRole('heading', { name: 'Demo – ikke rigtigt MitID' }).waitFor();
  await page.getByRole('button', { name: new RegExp(`Log ind som ${parent.firstName} ${parent.lastName}`) }).click();
  await page.waitForURL((u) => u.pathname === '/borger');
  await page.getByRole('heading', { level: 1, name: 'Dine børn' }).waitFor();
}

/** A fresh browser page for one journey; a failure says what the page showed. */
async function onPage(options: Parameters<E2E['newPage']>[0], journey: (page: Page) => Promise<void>): Promise<void> {
  const { page, close } = await env.newPage(options);
  try {
    await journey(page);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await describePage(page)}`, { cause: err });
  } finally {
    await close();
  }
}

/** Nothing wider than the viewport: no sideways scrolling on a phone. */
async function assertNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${label} scrolls sideways at ${width}px (content ${scroll}px wide)`);
}

test('a parent logs in with the demo log-in, reads the log, withdraws the consent; the participant is refused and the access extract shows who read the log', () =>
  onPage({}, async (page) => {
    await page.goto('/borger/log-ind');
    await page.getByRole('heading', { level: 1, name: 'Log ind som forælder' }).waitFor();
    await page.getByText('Du logger ikke ind med MitID.', { exact: false }).waitFor();
    await checkA11y(page, 'Log ind som forælder');

    await demoLogIn(page);
    assert.equal(await page.title(), 'Dine børn – Tidlig');
    await page.getByText(`${MOTHER.firstName} ${MOTHER.lastName}`).first().waitFor();
    await checkA11y(page, 'Dine børn');

    await page.getByRole('link', { name: `${CHILD.firstName} ${CHILD.lastName}` }).click();
    await page.waitForURL(`**/borger/barn/${childId}`);
    await page.getByRole('heading', { level: 1, name: `${CHILD.firstName} ${CHILD.lastName}` }).waitFor();
    const consentCard = page.locator('.tidlig-portal-consent').filter({ hasText: 'Stafetlog' });
    await consentCard.getByText('Gælder nu').waitFor();
    await consentCard.getByText(nurse.displayName).waitFor();
    await checkA11y(page, 'Barnets side');

    // Read the log: the concern, and both levels side by side (they differ).
    await page.getByRole('link', { name: 'Læs stafetloggen' }).click();
    await page.waitForURL(`**/borger/stafetlog/${logId}`);
    await page.getByRole('heading', { level: 1, name: `Stafetlog for ${CHILD.firstName}` }).waitFor();
    await page.getByText(CONCERN).waitFor();
    const levels = page.locator('.tidlig-portal-levels > li');
    assert.equal(await levels.count(), 2, 'the holder’s and the participant’s levels');
    await page.getByText('I er ikke lige bekymrede.', { exact: false }).waitFor();
    await checkA11y(page, 'Stafetloggen');

    // The parent's own words and level go into the log.
    await page.getByLabel('Dine ord').fill('Hun glæder sig til at lege med Sofie igen.');
    await page.getByRole('button', { name: 'Gem i loggen' }).click();
    await page.getByText('Tak. Dine ord er gemt i loggen.').waitFor();
    await page.locator('.tidlig-portal-entry.is-parent_words').filter({ hasText: 'Hun glæder sig' }).waitFor();
    await page.getByRole('group', { name: 'Din bekymring' }).getByLabel(/^1 – /).check();
    await page.getByRole('button', { name: 'Gem min bekymring' }).click();
    await page.getByText('Tak. Din bekymring er gemt i loggen.').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.tidlig-portal-levels > li').length === 3);

    // Withdraw the consent, with the confirmation.
    await page.getByRole('link', { name: `Tilbage til siden om ${CHILD.firstName}` }).click();
    await page.waitForURL(`**/borger/barn/${childId}`);
    await consentCard.getByRole('button', { name: 'Træk samtykket tilbage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Vil du trække samtykket tilbage?' });
    await dialog.waitFor();
    await checkA11y(page, 'Træk samtykket tilbage (dialog)');
    await dialog.getByLabel('Hvorfor? (kan udelades)').fill('Vi vil hellere tale med sundhedsplejersken selv.');
    await dialog.getByRole('button', { name: 'Ja, træk samtykket tilbage' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Samtykket er trukket tilbage.', { exact: false }).waitFor();
    await consentCard.locator('.tidlig-portal-status', { hasText: 'Trukket tilbage' }).waitFor();
    assert.equal(await consentCard.getByRole('button', { name: 'Træk samtykket tilbage' }).count(), 0);

    const withdrawn = await env.query((trx) => trx.selectFrom('consents').select(['withdrawnAt', 'withdrawnByKind']).where('id', '=', consentId).executeTakeFirstOrThrow());
    assert.ok(withdrawn.withdrawnAt, 'the withdrawal is recorded');
    assert.equal(withdrawn.withdrawnByKind, 'citizen');

    // The sundhedsplejerske is refused at once, exactly as if the log did not exist.
    const sp = await staff('sundhedsplejerske');
    const refused = await sp.get(`/api/stafetlogs/${logId}`);
    assert.equal(refused.status, 404);
    assert.equal((refused.body as { error: { code: string } }).error.code, 'stafetlog.not_found');

    // The log shows that she no longer takes part, and why.
    await page.getByRole('link', { name: 'Læs stafetloggen' }).click();
    await page.getByText('samtykket blev trukket tilbage', { exact: false }).waitFor();

    // The access extract: who read the log, and when.
    await page.getByRole('link', { name: `Tilbage til siden om ${CHILD.firstName}` }).click();
    await page.getByRole('link', { name: 'Hvem har set eller ændret oplysninger om mit barn' }).click();
    await page.waitForURL(`**/borger/barn/${childId}/indsigt`);
    await page.getByRole('heading', { level: 1, name: `Hvem har set eller ændret oplysninger om ${CHILD.firstName}` }).waitFor();
    const table = page.getByRole('table');
    await table.waitFor();
    const read = await env.query((trx) =>
      trx
        .selectFrom('auditEvents')
        .select(['at'])
        .where('childId', '=', childId)
        .where('actorUserId', '=', nurse.id)
        .where('action', '=', 'read')
        .where('resourceType', '=', 'stafetlog')
        .orderBy('seq', 'asc')
        .executeTakeFirstOrThrow(),
    );
    const when = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
          new Date(iso),
        ),
      new Date(read.at as unknown as string).toISOString(),
    );
    const nurseRead = table.locator('tbody tr').filter({ hasText: nurse.displayName }).filter({ hasText: 'Har læst' }).filter({ hasText: 'Stafetloggen' });
    assert.ok((await nurseRead.count()) >= 1, `the extract shows ${nurse.displayName} reading the log`);
    assert.ok((await nurseRead.allInnerTexts()).some((t) => t.includes(when)), `the extract shows when she read it (${when})`);
    // Her refused attempt after the withdrawal is in the extract too.
    await table.locator('tbody tr').filter({ hasText: nurse.displayName }).filter({ hasText: 'Fik ikke lov' }).first().waitFor();
    await checkA11y(page, 'Hvem har set oplysningerne');

    // Log out: back to the log-in page, and the portal API is closed.
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.waitForURL('**/borger/log-ind?besked=logget-ud');
    await page.getByRole('heading', { name: 'Du er logget ud' }).waitFor();
    assert.equal((await page.request.get('/api/portal/me')).status(), 401);
  }));

test('on a 375×667 phone every portal page fits the screen and has no WCAG violations', () =>
  onPage(PHONE, async (page) => {
    await page.goto('/borger/log-ind');
    await page.getByRole('heading', { level: 1, name: 'Log ind som forælder' }).waitFor();
    await page.getByRole('heading', { name: 'Demo – ikke rigtigt MitID' }).waitFor();
    await assertNoSidewaysScroll(page, 'log-in');
    await checkA11y(page, 'Log ind (telefon)');

    await demoLogIn(page);
    await assertNoSidewaysScroll(page, 'Dine børn');
    await checkA11y(page, 'Dine børn (telefon)');

    await page.goto(`/borger/barn/${childId}`);
    await page.getByRole('heading', { level: 1, name: `${CHILD.firstName} ${CHILD.lastName}` }).waitFor();
    await page.getByRole('heading', { name: 'Samtykke', exact: true }).waitFor();
    await assertNoSidewaysScroll(page, 'the child page');
    await checkA11y(page, 'Barnets side (telefon)');

    // The consent form opens in the page, and its errors are announced.
    await page.getByRole('button', { name: 'Giv et nyt samtykke' }).click();
    await page.getByRole('heading', { name: 'Giv samtykke', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Giv samtykke', exact: true }).click();
    await page.getByText('Vælg, hvad samtykket skal bruges til').first().waitFor();
    await assertNoSidewaysScroll(page, 'the consent form');
    await checkA11y(page, 'Giv samtykke (telefon)');

    await page.goto(`/borger/stafetlog/${logId}`);
    await page.getByRole('heading', { level: 1, name: `Stafetlog for ${CHILD.firstName}` }).waitFor();
    await assertNoSidewaysScroll(page, 'the log');
    await checkA11y(page, 'Stafetloggen (telefon)');

    await page.goto(`/borger/barn/${childId}/indsigt`);
    await page.getByRole('table').waitFor();
    await assertNoSidewaysScroll(page, 'the access extract');
    await checkA11y(page, 'Hvem har set oplysningerne (telefon)');
    // Touch targets: the log-out button and the page's links are at least 44 px high.
    const logout = await page.getByRole('button', { name: 'Log ud' }).boundingBox();
    assert.ok(logout && logout.height >= 44, `the log-out button is ${logout?.height}px high`);
  }));

test('a parent cannot open another family’s child or log, and a staff page is closed to the parent’s session', () =>
  onPage({}, async (page) => {
    await demoLogIn(page);
    const other = await env.query((trx) => trx.selectFrom('children').select(['id']).where('id', '!=', childId).executeTakeFirstOrThrow());
    await page.goto(`/borger/barn/${other.id}`);
    await page.getByRole('heading', { level: 1, name: 'Vi kan ikke finde siden' }).waitFor();
    assert.equal((await page.request.get(`/api/portal/children/${other.id}`)).status(), 404);
    await page.goto(`/borger/stafetlog/${randomUUID()}`);
    await page.getByRole('heading', { level: 1, name: 'Vi kan ikke finde stafetloggen' }).waitFor();
    assert.equal((await page.request.get(`/api/children/${childId}`)).status(), 403, 'the staff API is closed to a citizen');
  }));

test('the demo log-in and the way to the child work with the keyboard alone', () =>
  onPage({}, async (page) => {
    await page.goto('/borger/log-ind');
    await page.getByRole('heading', { name: 'Demo – ikke rigtigt MitID' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Gå til indhold', 'the skip link comes first');
    await tabTo(page, '#portal-demo-filter');
    await page.keyboard.type(`${MOTHER.firstName} ${MOTHER.lastName}`);
    await page.getByText('Viser 1 forælder.').waitFor();
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), new RegExp(`Log ind som ${MOTHER.firstName} ${MOTHER.lastName}`));
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/borger');
    await page.getByRole('heading', { level: 1, name: 'Dine børn' }).waitFor();
    await tabTo(page, `a[href="/borger/barn/${childId}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/borger/barn/${childId}`);
    await page.getByRole('heading', { level: 1, name: `${CHILD.firstName} ${CHILD.lastName}` }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content', 'focus moves to the new page');
  }));

test('a parent gives a consent in the portal; with joint custody it waits for the other parent, who co-signs', async () => {
  await onPage({}, async (page) => {
    await demoLogIn(page);
    await page.goto(`/borger/barn/${childId}`);
    await page.getByRole('button', { name: 'Giv et nyt samtykke' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Giv samtykke', exact: true }) });
    await form.getByLabel('Skift af dagtilbud eller skole').check();
    await form.getByLabel('Beskrivelser af barnets udvikling').check();
    await form.getByRole('group', { name: 'Hvem må få oplysningerne?' }).getByLabel(institutionName).check();
    await form.getByLabel('Hvad siger dit barn? (kan udelades)').fill('Ida glæder sig til at vise sine tegninger.');
    await form.getByRole('button', { name: 'Giv samtykke', exact: true }).click();
    await page.getByText(`Det gælder, når ${FATHER.firstName} ${FATHER.lastName} også har skrevet under.`, { exact: false }).waitFor();
    const card = page.locator('.tidlig-portal-consent').filter({ hasText: 'Skift af dagtilbud eller skole' });
    await card.locator('.tidlig-portal-status', { hasText: 'Venter på underskrift' }).waitFor();
    await card.getByText(institutionName).waitFor();
    assert.equal(await card.getByRole('button', { name: 'Skriv under' }).count(), 0, 'the mother has signed already');
    await checkA11y(page, 'Samtykke givet');
  });

  await onPage({}, async (page) => {
    await demoLogIn(page, FATHER);
    await page.goto(`/borger/barn/${childId}`);
    const card = page.locator('.tidlig-portal-consent').filter({ hasText: 'Skift af dagtilbud eller skole' });
    await card.getByRole('button', { name: 'Skriv under' }).click();
    await page.getByText('Du har skrevet under på samtykket.').waitFor();
    await card.locator('.tidlig-portal-status', { hasText: 'Gælder nu' }).waitFor();
    const signatures = await env.query((trx) =>
      trx
        .selectFrom('consentSignatures as s')
        .innerJoin('consents as c', (j) => j.onRef('c.municipalityId', '=', 's.municipalityId').onRef('c.id', '=', 's.consentId'))
        .select(['s.method'])
        .where('c.childId', '=', childId)
        .where('c.purpose', '=', 'overgang')
        .execute(),
    );
    assert.deepEqual(signatures.map((x) => x.method), ['demo', 'demo'], 'both custody holders signed, by the demo log-in');
  });
});

// CSV import in real Chromium (S1): the administrator uploads a children file with one bad
// row among many good ones, watches the progress, gets the report naming the bad line, and
// nothing was imported; then a dry run of a valid file changes nothing, and the real run of
// the same file imports every child. Fictitious CPR numbers only (month + 20).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fictitiousCpr } from '../src/domain/cpr.ts';
import { checkA11y, formatCpr, login, startE2E, type E2E } from './helpers.ts';

let env: E2E;
let taken: Set<string>;

const HEADER = 'cpr;fornavn;efternavn;foedselsdato;foraelder1_cpr;foraelder1_fornavn;foraelder1_efternavn;foraelder1_relation;foraelder1_myndighed';

before(async () => {
  env = await startE2E();
  const [children, holders] = await Promise.all([
    env.query((trx) => trx.selectFrom('children').select('cpr').execute()),
    env.query((trx) => trx.selectFrom('custodyHolders').select('cpr').execute()),
  ]);
  taken = new Set([...children, ...holders].map((r) => r.cpr));
});

after(async () => {
  await env?.close();
});

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface Row {
  cpr: string;
  firstName: string;
  lastName: string;
  birthDay: string;
  line: string;
}

/**
 * `count` children born in `year`, each with a mother, all with fictitious CPR numbers no
 * one in the demo data has. Serials 9xxx for the children (7th digit 9: born 2000–2036) and
 * 1xxx for the mothers (7th digit 1: born 1900–1999), so birth dates match the CPR numbers.
 */
function children(count: number, year: number, serialBase: number, tag: string): Row[] {
  const rows: Row[] = [];
  for (let i = 0; rows.length < count; i += 1) {
    const birthDay = addDays(`${year}-01-01`, i % 360);
    const cpr = fictitiousCpr(birthDay, serialBase + Math.floor(i / 360));
    const motherDay = addDays('1988-01-01', i % 360);
    const mother = fictitiousCpr(motherDay, 1000 + serialBase % 1000 + Math.floor(i / 360));
    if (taken.has(cpr) || taken.has(mother)) continue;
    taken.add(cpr);
    taken.add(mother);
    const firstName = `Import${tag}${rows.length + 1}`;
    const lastName = `Testesen`;
    rows.push({ cpr, firstName, lastName, birthDay, line: [cpr, firstName, lastName, birthDay, mother, 'Mor', lastName, 'mor', 'ja'].join(';') });
  }
  return rows;
}

function csv(lines: string[]): Buffer {
  return Buffer.from(`${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf-8');
}

/**
 * Record every state of the progress bar the page shows (it may be brief). A string, not a
 * function: tsx's name helpers do not exist in the page.
 */
async function watchProgress(page: import('playwright-core').Page): Promise<void> {
  await page.evaluate(`(() => {
    const seen = [];
    window.__progress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      if (!bar) return;
      seen.push({
        now: bar.getAttribute('aria-valuenow'),
        max: bar.getAttribute('aria-valuemax'),
        valuetext: bar.getAttribute('aria-valuetext'),
        text: bar.parentElement ? bar.parentElement.textContent : '',
      });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  })()`);
}

async function lookUp(page: import('playwright-core').Page, cpr: string): Promise<void> {
  await page.goto('/admin/boern');
  await page.getByRole('heading', { level: 1, name: 'Børn og indskrivning' }).waitFor();
  await page.getByLabel('CPR-nummer').first().fill(formatCpr(cpr));
  await page.getByRole('button', { name: 'Find barn' }).click();
}

test('a children file with one bad row among thousands is refused whole: progress, report, nothing imported', async () => {
  // Enough rows that the run takes a moment; the bad one (an impossible CPR) near the end.
  const good = children(6000, 2019, 9000, 'A');
  const badIndex = 5000;
  const lines = good.map((r) => r.line);
  lines.splice(badIndex, 0, ['3213201234', 'Fejl', 'Testesen', '2020-01-01', good[0]!.line.split(';')[4], 'Mor', 'Testesen', 'mor', 'ja'].join(';'));
  const badLine = badIndex + 2; // the header is line 1
  const total = lines.length;

  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).first().getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    assert.equal(await page.title(), 'Import – Tidlig');
    await checkA11y(page, 'import');

    // Choose the kind: the columns are described and the template can be downloaded.
    await page.getByRole('radio', { name: 'Børn' }).check();
    await page.getByRole('heading', { name: 'Kolonner i en fil med Børn' }).waitFor();
    const template = page.getByRole('link', { name: /Hent skabelon/ });
    const href = await template.getAttribute('href');
    assert.equal(href, '/api/imports/templates/children');
    const res = await page.request.get(href!);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'] ?? '', /text\/csv/);
    assert.ok((await res.text()).replace(/^\uFEFF/, '').startsWith(HEADER), 'the template starts with the children columns');

    // No file: a Danish error on the file field.
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('link', { name: 'Vælg en CSV-fil' }).waitFor();
    await checkA11y(page, 'import med fejl');

    await page.getByLabel('CSV-fil').setInputFiles({ name: 'boern-med-fejl.csv', mimeType: 'text/csv', buffer: csv(lines) });
    await page.getByText('Valgt: boern-med-fejl.csv').waitFor();
    await watchProgress(page);
    const started = page.waitForResponse((r) => r.url().endsWith('/api/imports') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Start import' }).click();
    assert.equal((await started).status(), 202);

    // The report: the file is refused, the bad line named with its reason.
    await page.getByRole('heading', { name: 'Filen er ikke indlæst – intet er ændret' }).waitFor({ timeout: 60_000 });
    await page.getByText(`1 af ${total} rækker har fejl.`, { exact: false }).waitFor();
    const table = page.getByRole('table', { name: 'Rækker med fejl' });
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 1);
    assert.equal((await rows.first().locator('th').innerText()).trim(), String(badLine));
    assert.match(await rows.first().innerText(), /cpr: ugyldigt CPR-nummer/);
    // Focus moved to the result for keyboard and screen-reader users.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-run-heading');
    await checkA11y(page, 'importrapport');
    if (process.env.TIDLIG_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.TIDLIG_E2E_SCREENSHOTS}/admin-import-report.png`, fullPage: true });

    // The progress was shown as an ARIA progressbar with "x af y rækker".
    const seen = (await page.evaluate('window.__progress')) as { now: string | null; max: string | null; valuetext: string | null; text: string }[];
    assert.ok(seen.length > 0, 'a progress bar was shown');
    const counted = seen.filter((s) => s.max === String(total) && s.now !== null);
    assert.ok(counted.length > 0, `the progress bar counted rows of ${total}: ${JSON.stringify(seen.slice(0, 5))}`);
    assert.match(counted[0]!.valuetext ?? '', new RegExp(`^\\d+ af ${total} rækker$`));
    assert.match(counted[0]!.text, new RegExp(`\\d+ af ${total} rækker`));

    // Nothing was imported: not in the database, and not found on Børn og indskrivning.
    const imported = await env.query((trx) => trx.selectFrom('children').select('id').where('cpr', 'in', [good[0]!.cpr, good[4999]!.cpr]).execute());
    assert.deepEqual(imported, []);
    await lookUp(page, good[0]!.cpr);
    await page.getByRole('heading', { name: 'Intet barn fundet' }).waitFor();

    // The run is listed among previous imports.
    await page.goto('/admin/import');
    const history = page.getByRole('table', { name: 'Tidligere importer, nyeste først' });
    const listed = history.getByRole('row').filter({ hasText: 'boern-med-fejl.csv' });
    await listed.getByText('Afvist').waitFor();
    assert.match(await listed.innerText(), new RegExp(`${total} i alt · ${total - 1} i orden · 1 med fejl`));
  } finally {
    await close();
  }
});

test('a valid children file: a dry run changes nothing, the real run imports every row', async () => {
  const good = children(3, 2020, 9400, 'B');
  const file = csv(good.map((r) => r.line));
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.goto('/admin/import');

    // The wrong kind for the file: refused at once (422), the reason on the file field.
    await page.getByRole('radio', { name: 'Institutioner' }).check();
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'boern.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('link', { name: /Kolonneoverskrifterne i første linje passer ikke til importen\..*Mangler kolonnerne: navn, type/ }).waitFor();
    await checkA11y(page, 'import, forkerte kolonner');

    // Dry run ("Kun kontrol").
    await page.getByRole('radio', { name: 'Børn' }).check();
    await page.getByLabel('Kun kontrol (tør kørsel)').check();
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { name: 'Filen er i orden' }).waitFor({ timeout: 30_000 });
    await page.getByText('Alle 3 rækker kan indlæses. Intet er gemt', { exact: false }).waitFor();
    assert.deepEqual(await env.query((trx) => trx.selectFrom('children').select('id').where('cpr', '=', good[0]!.cpr).execute()), []);

    // The real run.
    await page.getByLabel('Kun kontrol (tør kørsel)').uncheck();
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { name: 'Importen er gennemført' }).waitFor({ timeout: 30_000 });
    await page.getByText('3 rækker er indlæst.').waitFor();
    await checkA11y(page, 'import gennemført');
    const history = page.getByRole('table', { name: 'Tidligere importer, nyeste først' });
    await history.getByRole('row').filter({ hasText: 'Indlæst' }).first().waitFor();
    await history.getByRole('row').filter({ hasText: 'Kontrolleret' }).first().waitFor();

    // Every child is there, with the mother as custody holder.
    const rows = await env.query((trx) =>
      trx
        .selectFrom('children')
        .select(['cpr', 'firstName', 'birthDate'])
        .where(
          'cpr',
          'in',
          good.map((r) => r.cpr),
        )
        .orderBy('firstName')
        .execute(),
    );
    assert.deepEqual(
      rows.map((r) => [r.cpr, r.firstName, String(r.birthDate).slice(0, 10)]),
      good.map((r) => [r.cpr, r.firstName, r.birthDay]),
    );
    await lookUp(page, good[1]!.cpr);
    await page.getByRole('heading', { level: 3, name: `${good[1]!.firstName} ${good[1]!.lastName}` }).waitFor();
    await page.getByText(`${good[1]!.cpr.slice(0, 6)}-xxxx`).waitFor();
  } finally {
    await close();
  }
});

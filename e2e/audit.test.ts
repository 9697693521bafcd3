// The data-protection officer's journey (S14): a pædagog reads a child's page; the DPO sees
// that read in the log and in the child's access extract (with a CSV download), and the
// hash chain of the log verifies.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { childWithTransition, demoUser, formatCpr, login, startE2E, type DemoChild, type E2E } from './helpers.ts';

let env: E2E;
let child: DemoChild;
let paedagogName: string;

before(async () => {
  env = await startE2E();
  child = await childWithTransition(env, 'paedagog');
  paedagogName = (await demoUser(env, 'paedagog')).displayName;
  // The pædagog opens the child's page: the read the DPO must find.
  const { page, close } = await env.newPage();
  try {
    await login(page, 'paedagog');
    await page.goto(`/boern/${child.id}`);
    await page.getByText('Din adgang til barnets oplysninger er logget.').waitFor();
    // Listing children writes one audit row per child shown: enough rows for a second page.
    for (let i = 0; i < 3; i += 1) assert.equal((await page.request.get('/api/children?pageSize=100')).status(), 200);
  } finally {
    await close();
  }
});

after(async () => {
  await env?.close();
});

test('the DPO lands on Logning and sees the pædagog’s read of the child in the log', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'dpo');
    assert.equal(new URL(page.url()).pathname, '/logning');
    assert.equal(await page.title(), 'Logning – Tidlig');
    assert.equal(await page.getByRole('link', { name: 'Mine børn' }).count(), 0, 'the DPO has no child list');

    // Filter on the action "Læst" and the child (the child filter comes from a child link).
    await page.goto(`/logning?childId=${child.id}`);
    await page.getByText(`Viser kun hændelser for barnet med id ${child.id}`).waitFor();
    await page.getByLabel('Handling').selectOption({ label: 'Læst' });
    await page.getByRole('button', { name: 'Vis hændelser' }).click();
    await page.waitForURL((u) => u.searchParams.get('action') === 'read');
    const table = page.getByRole('table', { name: 'Hændelser, nyeste først' });
    // The child page is two audited reads (the child, its screening history): take the child's.
    const row = table.locator('tbody tr').filter({ hasText: paedagogName }).filter({ hasText: 'Læst (barn)' }).first();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Læst \(barn\)/);
    assert.match(text, /Fagperson/);
    assert.match(text, /Tilladt/);
    // Time in Copenhagen as dd.mm.yyyy hh.mm.ss.
    assert.match(text, /\d{2}\.\d{2}\.\d{4}/);
  } finally {
    await close();
  }
});

test('the DPO finds the child by CPR and sees the read in the extract, downloadable as CSV', async () => {
  const { page, close } = await env.newPage({ acceptDownloads: true });
  try {
    await login(page, 'dpo');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.getByLabel('Barnets CPR-nummer').fill(formatCpr(child.cpr));
    await page.getByRole('button', { name: 'Find barn' }).click();
    await page.getByRole('heading', { name: `Udtræk for ${child.firstName} ${child.lastName} (${child.cpr.slice(0, 6)}-xxxx)` }).waitFor();
    const extract = page.getByRole('table', { name: 'Brug af barnets oplysninger, nyeste først' });
    await extract.locator('tbody tr').filter({ hasText: paedagogName }).filter({ hasText: 'Læst (barn)' }).first().waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^indsigt-\d{6}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    assert.ok(csv.startsWith('\uFEFFTidspunkt;Bruger;Handling;Formål;Søgning;Udfald'), csv.slice(0, 80));
    assert.ok(csv.includes(paedagogName) && csv.includes('Læst (barn)'));
    assert.ok(!csv.includes(child.cpr), 'the full CPR number is not in the extract');

    const digits = child.cpr.replace(/\D/g, '');
    assert.ok(!requests.some((u) => u.includes(digits) || u.includes(formatCpr(child.cpr))), 'no CPR in any URL');
  } finally {
    await close();
  }
});

test('the DPO verifies the integrity of the log', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'dpo');
    await page.getByRole('button', { name: 'Kontrollér logningens integritet' }).click();
    const result = page.locator('#audit-verify-result');
    await result.waitFor();
    assert.match(await result.innerText(), /Logningen er intakt\. \d+ hændelser er kontrolleret\./);
  } finally {
    await close();
  }
});

test('"Vis flere" pages back through the log', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'dpo');
    const rows = page.locator('#audit-events tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 50, 'the first page holds 50 events');
    const firstPage = await rows.allInnerTexts();
    await page.getByRole('button', { name: 'Vis flere' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#audit-events tbody tr').length > 50);
    const all = await rows.allInnerTexts();
    assert.deepEqual(all.slice(0, 50), firstPage, 'older events are added below');
  } finally {
    await close();
  }
});

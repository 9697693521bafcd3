import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Database } from '../../db/connect.ts';
import { fictitiousCpr } from '../../domain/cpr.ts';
import type { App } from '../../http/types.ts';
import { testApp, testDatabase, testPglite } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';
import { waitForImport } from './service.ts';

const TABLES = ['districts', 'institutions', 'groups', 'users', 'memberships', 'children', 'custody_holders', 'child_custody', 'enrolments'] as const;

/** Rows per table in one municipality, read as the owner (outside the app). */
async function counts(db: Database, municipalityId: string): Promise<Record<(typeof TABLES)[number], number>> {
  return db.kysely.transaction().execute(async (trx) => {
    await sql`SELECT set_config('app.municipality_id', ${municipalityId}, true)`.execute(trx);
    const out = {} as Record<(typeof TABLES)[number], number>;
    for (const t of TABLES) {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)} WHERE municipality_id = ${municipalityId}`.execute(trx);
      out[t] = r.rows[0]!.n;
    }
    return out;
  });
}

interface Run {
  id: string;
  kind: string;
  fileName: string | null;
  status: string;
  rowsTotal: number;
  rowsOk: number;
  rowsFailed: number;
  progress: { phase: string; processed: number; total: number } | null;
  report: { row: number; status: 'ok' | 'error'; messages: string[]; created: string[] }[];
  createdAt: string;
  finishedAt: string | null;
}

async function importFile(client: Client, kind: string, csv: string, opts: { dryRun?: boolean; fileName?: string } = {}): Promise<Run> {
  const res = await client.post('/api/imports', { kind, fileName: opts.fileName ?? `${kind}.csv`, csv, dryRun: opts.dryRun ?? false });
  assert.equal(res.statusCode, 202, res.body);
  const { id } = res.json() as { id: string };
  await waitForImport(id);
  const run = await client.get(`/api/imports/${id}`);
  assert.equal(run.statusCode, 200, run.body);
  return run.json() as Run;
}

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;
const CHILD_HEADER =
  'cpr;fornavn;efternavn;foedselsdato;foraelder1_cpr;foraelder1_fornavn;foraelder1_efternavn;foraelder1_relation;foraelder1_myndighed;' +
  'foraelder2_cpr;foraelder2_fornavn;foraelder2_efternavn;foraelder2_relation;foraelder2_myndighed';
/** The fixture's CPR for one of its children (test/fixtures.ts). */
const fixtureCpr = (t: Tenant, n: number, birth: string) => fictitiousCpr(birth, n + Number(t.code) * 10);
const CPR_LIKE = /\d{6}-?\d{4}/;

describe('CSV import', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  let app: App;

  before(async () => {
    env = await testDatabase();
    harness = await testApp({ db: env.db });
    app = harness.app;
  });
  after(async () => {
    await harness.close();
    await env.close();
  });

  async function tenant(): Promise<{ t: Tenant; admin: Client }> {
    const t = await createTenant(env.db);
    return { t, admin: await login(app, t, 'admin') };
  }

  it('an administrator imports institutions with their groups and districts; existing ones are updated, not duplicated', async () => {
    const { t, admin } = await tenant();
    const before = await counts(env.db, t.municipalityId);
    const run = await importFile(
      admin,
      'institutions',
      lines(
        'navn;type;distrikt;grupper',
        'Vuggestuen Myretuen;vuggestue;Syd;Myrerne|Bierne',
        'Dagplejen Syd;Dagpleje;Syd;',
        'Nordskolen;skole;Nord;3.A|4.A',
        'Børnehuset Solsikken;integreret;;Stue Blå',
      ),
    );
    assert.equal(run.status, 'applied', JSON.stringify(run.report));
    assert.deepEqual([run.rowsTotal, run.rowsOk, run.rowsFailed], [4, 4, 0]);
    assert.deepEqual(run.report.map((r) => r.row), [2, 3, 4, 5]);
    assert.deepEqual(run.report[0]!.created, ['distrikt «Syd»', 'institution «Vuggestuen Myretuen»', 'gruppe «Vuggestuen Myretuen/Myrerne»', 'gruppe «Vuggestuen Myretuen/Bierne»']);
    assert.deepEqual(run.report[1]!.created, ['institution «Dagplejen Syd»'], 'the district is created once, by the first row naming it');
    assert.deepEqual(run.report[2]!.created, ['gruppe «Nordskolen/4.A»'], 'the existing 3.A is not created again');

    const after = await counts(env.db, t.municipalityId);
    assert.equal(after.districts - before.districts, 1);
    assert.equal(after.institutions - before.institutions, 2);
    assert.equal(after.groups - before.groups, 3);

    const tree = (await admin.get('/api/org/tree')).json();
    const syd = tree.districts.find((d: { name: string }) => d.name === 'Syd');
    assert.deepEqual(syd.institutions.map((i: { name: string }) => i.name).sort(), ['Dagplejen Syd', 'Vuggestuen Myretuen']);
    const nord = tree.districts.find((d: { name: string }) => d.name === 'Nord');
    const solsikken = nord.institutions.find((i: { name: string }) => i.name === 'Børnehuset Solsikken');
    assert.equal(solsikken.type, 'integreret', 'the existing institution got the new type and kept its district');
    assert.equal(solsikken.version, 2);

    const audit = (await auditRowsFor(env.db, t.municipalityId, { action: 'import' })).filter((r) => r.resourceId === run.id);
    assert.equal(audit.length, 1, 'one import audit row per run');
    assert.deepEqual(audit[0]!.details, { kind: 'institutions', rows: 4, status: 'applied', dryRun: false });
  });

  it('an administrator imports staff with several roles per user, and a role must fit its unit', async () => {
    const { t, admin } = await tenant();
    const header = 'brugernavn;navn;email;faggruppe;rolle;enhed;sso_id;fra';
    const wrong = await importFile(
      admin,
      'staff',
      lines(header, 'ny.admin;Ny Admin;;administrativ;admin;Nordskolen;;', 'ny.leder;Ny Leder;;leder;leder;kommune;;', 'x.y;X Y;;paedagog;fagperson;Findes Ikke;;'),
    );
    assert.equal(wrong.status, 'rejected');
    assert.match(wrong.report.find((r) => r.row === 2)!.messages.join(' '), /rolle: admin kan ikke have en institution som enhed\. Rollen kan have: kommunen/);
    assert.match(wrong.report.find((r) => r.row === 3)!.messages.join(' '), /rolle: leder kan ikke have kommunen som enhed/);
    assert.match(wrong.report.find((r) => r.row === 4)!.messages.join(' '), /enhed: «Findes Ikke» findes ikke/);

    const before = await counts(env.db, t.municipalityId);
    const run = await importFile(
      admin,
      'staff',
      lines(
        header,
        'Mette.P;Mette Pedersen;mette@kommune.dk;Pædagog;fagperson;Børnehuset Solsikken/Stue Blå;mette-sso;01-08-2025',
        'mette.p;Mette Pedersen;;paedagog;leder;Børnehuset Solsikken;;2025-08-01',
        'paedagoga;Hvem Som Helst;;laerer;fagperson;Nordskolen/3.A;;2025-08-01',
        'ole;Ole Olsen;;socialraadgiver;myndighedsraadgiver;Myndighed Team 1;;',
        'facilitator2;Fie Facilitator;;anden;distriktsfacilitator;Nord;;',
        'adm2;Anden Admin;;administrativ;admin;Kommune;;',
      ),
    );
    assert.equal(run.status, 'applied', JSON.stringify(run.report));
    const after = await counts(env.db, t.municipalityId);
    assert.equal(after.users - before.users, 4, 'mette.p once, the existing paedagoga not again');
    assert.equal(after.memberships - before.memberships, 6);
    assert.match(run.report.find((r) => r.row === 4)!.messages.join(' '), /findes allerede; kun rollen tilføjes/);

    const mette = (await admin.get('/api/staff?q=mette.p')).json().items[0];
    assert.equal(mette.ssoSubject, 'mette-sso');
    assert.equal(mette.hasPassword, false, 'no passwords through CSV');
    const detail = (await admin.get(`/api/staff/${mette.id}`)).json();
    assert.deepEqual(detail.memberships.map((m: { role: string; unitKind: string; validFrom: string }) => `${m.role}@${m.unitKind}@${m.validFrom}`).sort(), [
      'fagperson@group@2025-08-01',
      'leder@institution@2025-08-01',
    ]);
    const existing = (await admin.get(`/api/staff/${t.users.paedagogA}`)).json();
    assert.equal(existing.displayName, 'Test paedagogA', 'an existing user is not changed by the file');
    assert.equal(existing.memberships.length, 2);

    // The same file again adds nothing: every role is already held.
    const again = await importFile(admin, 'staff', lines(header, 'mette.p;Mette Pedersen;;paedagog;leder;Børnehuset Solsikken;;2025-08-01'));
    assert.equal(again.status, 'applied');
    assert.match(again.report[0]!.messages.join(' '), /har allerede rollen leder/);
    assert.equal((await counts(env.db, t.municipalityId)).memberships, after.memberships);
  });

  it('an administrator imports children with their custody holders, siblings sharing a parent', async () => {
    const { t, admin } = await tenant();
    const mother = fictitiousCpr('1990-05-06', 2346);
    const father = fictitiousCpr('1988-11-12', 3457);
    const alma = fictitiousCpr('2022-01-15', 1111);
    const bo = fictitiousCpr('2023-06-30', 2222);
    const before = await counts(env.db, t.municipalityId);
    const run = await importFile(
      admin,
      'children',
      lines(
        CHILD_HEADER,
        `${alma};Alma;Jensen;15-01-2022;${mother};Mette;Jensen;mor;ja;${father};Lars;Jensen;far;ja`,
        `${bo.slice(0, 6)}-${bo.slice(6)};Bo;Jensen;2023-06-30;${mother};Mette;Jensen;Mor;Ja;;;;;`,
      ),
    );
    assert.equal(run.status, 'applied', JSON.stringify(run.report));
    const after = await counts(env.db, t.municipalityId);
    assert.equal(after.children - before.children, 2);
    assert.equal(after.custody_holders - before.custody_holders, 2, 'the mother once for both children');
    assert.equal(after.child_custody - before.child_custody, 3);
    assert.ok(run.report[1]!.messages.some((m) => /Forælder 1 er også forælder i linje 2/.test(m)));
    for (const r of run.report) for (const text of [...r.messages, ...r.created]) assert.doesNotMatch(text, CPR_LIKE);

    const found = await admin.post('/api/children/lookup', { cpr: alma });
    assert.equal(found.statusCode, 200);
    assert.equal(found.json().firstName, 'Alma');
    const creates = await auditRowsFor(env.db, t.municipalityId, { childId: found.json().id, action: 'create' });
    assert.equal(creates.length, 1, 'insertChild audits the new child');
  });

  it('an administrator imports enrolments, and moving to another daycare closes the previous one', async () => {
    const { t, admin } = await tenant();
    const other = await admin.post('/api/org/institutions', { name: 'Vuggestuen Myretuen', type: 'integreret', districtId: t.districtId });
    assert.equal(other.statusCode, 201);
    const inA = fixtureCpr(t, 1, '2021-03-04');
    const inB = fixtureCpr(t, 2, '2021-05-06');
    const run = await importFile(
      admin,
      'enrolments',
      lines(
        'cpr;institution;gruppe;fra;til',
        `${inA};Vuggestuen Myretuen;;2026-01-01;`,
        `${inA};Nordskolen;3.A;2027-08-01;`,
        `${inB};Børnehuset Solsikken;Stue Blå;2025-09-01;2025-12-31`,
      ),
    );
    assert.equal(run.status, 'applied', JSON.stringify(run.report));
    assert.match(run.report[0]!.messages.join(' '), /Indskrivningen i «Børnehuset Solsikken» fra 2024-08-01 slutter 2025-12-31/);

    const a = (await admin.post('/api/children/lookup', { cpr: inA })).json();
    const periods = a.enrolments.map((e: { institutionName: string; groupName: string | null; validFrom: string; validTo: string | null }) =>
      [e.institutionName, e.groupName, e.validFrom, e.validTo].join('|'),
    );
    assert.deepEqual(periods.sort(), [
      'Børnehuset Solsikken|Stue Blå|2024-08-01|2025-12-31',
      'Nordskolen|3.A|2027-08-01|',
      'Vuggestuen Myretuen||2026-01-01|',
    ]);
    // Stue Grøn → Stue Blå in the same institution closes Stue Grøn; 'til' ends the new one.
    const b = (await admin.post('/api/children/lookup', { cpr: inB })).json();
    const blaa = b.enrolments.find((e: { groupName: string }) => e.groupName === 'Stue Blå');
    assert.equal(blaa.validTo, '2025-12-31');
    assert.equal(b.enrolments.find((e: { groupName: string }) => e.groupName === 'Stue Grøn').validTo, '2025-08-31');
    const creates = await auditRowsFor(env.db, t.municipalityId, { childId: t.children.inA, action: 'create' });
    assert.equal(creates.filter((r) => r.resourceType === 'enrolment').length, 2, 'enrol() audits each new enrolment per child');

    // An enrolment that clashes with a later one of the same track is refused, naming the line.
    const clash = await importFile(admin, 'enrolments', lines('cpr;institution;gruppe;fra;til', `${inA};Børnehuset Solsikken;;2025-06-01;`));
    assert.equal(clash.status, 'rejected');
    assert.match(clash.report[0]!.messages[0]!, /allerede indskrevet i perioden/);
  });

  it('a file with one bad row among good rows changes nothing, and the report names the row and the reason', async () => {
    const { t, admin } = await tenant();
    const taken = fixtureCpr(t, 3, '2017-02-28');
    const mother = fictitiousCpr('1991-02-03', 4444);
    const good = (serial: number, name: string) => `${fictitiousCpr('2022-03-04', serial)};${name};Hansen;2022-03-04;${mother};Mor;Hansen;mor;ja;;;;;`;
    const before = await counts(env.db, t.municipalityId);
    const auditBefore = (await auditRowsFor(env.db, t.municipalityId)).length;
    const run = await importFile(
      admin,
      'children',
      lines(CHILD_HEADER, good(5001, 'Ea'), good(5002, 'Ib'), `${taken};Anders;Hansen;2017-02-28;${mother};Mor;Hansen;mor;ja;;;;;`, good(5003, 'Oda')),
    );
    assert.equal(run.status, 'rejected');
    assert.deepEqual([run.rowsTotal, run.rowsOk, run.rowsFailed], [4, 3, 1]);
    assert.deepEqual(run.report[0], {
      row: 4,
      status: 'error',
      messages: ['cpr: Der findes allerede et barn med dette CPR-nummer.'],
      created: [],
    });
    assert.equal(run.report[1]!.row, 2, 'errors first, then the other rows in file order');
    assert.deepEqual(await counts(env.db, t.municipalityId), before);
    const auditAfter = await auditRowsFor(env.db, t.municipalityId);
    assert.deepEqual(
      auditAfter.slice(auditBefore).map((r) => r.action),
      ['import'],
      'only the run itself is audited (the log-in rows came before)',
    );
    assert.doesNotMatch(JSON.stringify(run.report), CPR_LIKE);
  });

  it('a row that fails while writing rolls the whole file back and marks the run failed with that row', async () => {
    const { t, admin } = await tenant();
    // A rule the row checks do not know: a second child called "Dublet" breaks a unique index.
    await sql`CREATE UNIQUE INDEX IF NOT EXISTS test_only_one_dublet ON children (municipality_id, first_name) WHERE first_name = 'Dublet'`.execute(env.db.kysely);
    const mother = fictitiousCpr('1992-02-03', 5555);
    const row = (serial: number, name: string) => `${fictitiousCpr('2022-04-05', serial)};${name};Hansen;2022-04-05;${mother};Mor;Hansen;mor;ja;;;;;`;
    const before = await counts(env.db, t.municipalityId);
    const run = await importFile(admin, 'children', lines(CHILD_HEADER, row(6001, 'Dublet'), row(6002, 'Ada'), row(6003, 'Dublet')));
    assert.equal(run.status, 'failed');
    const failed = run.report.find((r) => r.status === 'error')!;
    assert.equal(failed.row, 4);
    assert.match(failed.messages[0]!, /Linjen kunne ikke gemmes: .*Hele filen er rullet tilbage – intet er gemt\./);
    assert.deepEqual(await counts(env.db, t.municipalityId), before, 'rows 2 and 3 were written and rolled back');
    assert.equal((await auditRowsFor(env.db, t.municipalityId, { action: 'create' })).length, 0, 'the children’s audit rows rolled back with them');
    await sql`DROP INDEX test_only_one_dublet`.execute(env.db.kysely);
  });

  it('a dry run checks every row and reports what it would create, but writes nothing', async () => {
    const { t, admin } = await tenant();
    const csv = lines('navn;type;distrikt;grupper', 'Klubben;klub;Øst;Junior|Senior');
    const before = await counts(env.db, t.municipalityId);
    const dry = await importFile(admin, 'institutions', csv, { dryRun: true });
    assert.equal(dry.status, 'validated');
    assert.deepEqual(dry.report[0]!.created, ['distrikt «Øst»', 'institution «Klubben»', 'gruppe «Klubben/Junior»', 'gruppe «Klubben/Senior»']);
    assert.deepEqual(await counts(env.db, t.municipalityId), before);
    const real = await importFile(admin, 'institutions', csv);
    assert.equal(real.status, 'applied');
    assert.equal((await counts(env.db, t.municipalityId)).groups, before.groups + 2);
  });

  it('wrong headers, an empty file, an unknown kind, too many rows and a file that is not CSV are clear 4xx answers', async () => {
    const { t, admin } = await tenant();
    const post = (body: Record<string, unknown>) => admin.post('/api/imports', { fileName: 'x.csv', dryRun: false, ...body });
    const before = await counts(env.db, t.municipalityId);

    const headers = await post({ kind: 'children', csv: lines('CPR;Fornavn;Efternavn;Fodselsdato;foraelder1_cpr;foraelder1_fornavn;foraelder1_efternavn;foraelder1_relation;Skostørrelse', '1;2;3;4;5;6;7;8;9') });
    assert.equal(headers.statusCode, 422);
    const err = headers.json().error;
    assert.equal(err.code, 'import.headers');
    assert.deepEqual(err.details.missing, ['foedselsdato', 'foraelder1_myndighed']);
    assert.deepEqual(err.details.unknown, ['Fodselsdato', 'Skostørrelse']);
    assert.match(err.details.message, /Mangler kolonnerne: foedselsdato, foraelder1_myndighed\. Ukendte kolonner: Fodselsdato, Skostørrelse\./);
    assert.match(err.message, /Kolonneoverskrifterne/);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ kind: 'institutions', csv: '' }, 422, 'import.empty'],
      [{ kind: 'institutions', csv: '\uFEFF\r\n ; \r\n' }, 422, 'import.empty'],
      [{ kind: 'institutions', csv: 'navn;type\n' }, 422, 'import.empty'],
      [{ kind: 'pets', csv: 'navn;type\nA;skole\n' }, 400, 'request.invalid'],
      [{ kind: 'institutions', csv: 'navn;type\nA;skole\n', extra: 1 }, 400, 'request.invalid'],
      [{ kind: 'institutions', csv: `navn;type\n${'A;skole\n'.repeat(20_001)}` }, 422, 'import.too_many_rows'],
      [{ kind: 'institutions', csv: 'PK\u0003\u0004\u0014\u0000\u0006\u0000navn;type' }, 422, 'import.not_csv'],
      [{ kind: 'institutions', csv: 'navn;type\n"Skolen;skole\nB;skole\n' }, 422, 'import.not_csv'],
      [{ kind: 'institutions', csv: 'navn;type\nB\uFFFDrnehuset;boernehave\n' }, 422, 'import.encoding'],
      [{ kind: 'institutions', csv: 'navn;type\nB\uD800rnehuset;boernehave\n' }, 422, 'import.encoding'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      assert.equal(res.statusCode, status, `${JSON.stringify(body).slice(0, 80)} → ${res.body}`);
      assert.equal(res.json().error.code, code);
    }
    const unclosed = await post({ kind: 'institutions', csv: 'navn;type\n"Skolen;skole\nB;skole\n' });
    assert.equal(unclosed.json().error.details.line, 2);
    assert.equal(await counts(env.db, t.municipalityId).then((c) => c.institutions), before.institutions);
    assert.equal((await admin.get('/api/imports')).json().total, 0, 'a file refused at the door starts no run');
  });

  it('a pædagog may not import, list runs or fetch templates', async () => {
    const { t } = await tenant();
    const paedagog = await login(app, t, 'paedagogA');
    const res = await paedagog.post('/api/imports', { kind: 'institutions', fileName: 'x.csv', csv: lines('navn;type', 'A;skole'), dryRun: false });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'access.denied');
    assert.equal((await paedagog.get('/api/imports')).statusCode, 403);
    assert.equal((await paedagog.get('/api/imports/templates/children')).statusCode, 403);
    const denied = (await auditRowsFor(env.db, t.municipalityId, { action: 'access_denied' })).filter((r) => r.actorUserId === t.users.paedagogA);
    assert.equal(denied.length, 3);
  });

  it("another municipality's administrator cannot read a run: 404 exactly like a run that does not exist", async () => {
    const { admin } = await tenant();
    const { admin: otherAdmin } = await tenant();
    const run = await importFile(admin, 'institutions', lines('navn;type', 'Skolen ved Søen;skole'), { dryRun: true });
    const theirs = await otherAdmin.get(`/api/imports/${run.id}`);
    const missing = await otherAdmin.get('/api/imports/00000000-0000-4000-8000-000000000000');
    assert.equal(theirs.statusCode, 404);
    assert.equal(theirs.body, missing.body);
    assert.equal((await otherAdmin.get('/api/imports')).json().items.some((r: { id: string }) => r.id === run.id), false);
  });

  it('progress is reported while a run is working and ends at the total', async () => {
    const { t, admin } = await tenant();
    const N = 1200;
    const rows = Array.from({ length: N }, (_, i) => `${fictitiousCpr('2022-05-06', 7000 + i)};Barn${i};Test;2022-05-06;${fictitiousCpr('1990-01-02', i)};Mor;Test;mor;ja;;;;;`);
    const res = await admin.post('/api/imports', { kind: 'children', fileName: 'mange.csv', csv: lines(CHILD_HEADER, ...rows), dryRun: false });
    assert.equal(res.statusCode, 202);
    const id = res.json().id as string;
    const seen: string[] = [];
    for (;;) {
      const r = (await admin.get(`/api/imports/${id}`)).json() as Run;
      if (r.progress) {
        assert.ok(r.progress.processed <= r.progress.total, JSON.stringify(r.progress));
        if (seen.at(-1) !== r.progress.phase) seen.push(r.progress.phase);
      }
      if (r.status !== 'running') break;
      assert.equal(r.fileName, 'mange.csv');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitForImport(id);
    const done = (await admin.get(`/api/imports/${id}`)).json() as Run;
    assert.equal(done.status, 'applied', JSON.stringify(done.report.slice(0, 2)));
    assert.deepEqual(done.progress, { phase: 'done', processed: N, total: N });
    assert.ok(seen.length >= 2 && seen.at(-1) === 'done', `phases seen: ${seen.join(' → ')}`);
    assert.ok(done.report.length === 1000, 'the report is capped at 1,000 rows');
    assert.equal((await counts(env.db, t.municipalityId)).children, 5 + N);
    const list = (await admin.get('/api/imports')).json();
    assert.equal(list.items[0].id, id, 'newest first');
    assert.equal('report' in list.items[0], false);
  });

  it('semicolon and comma files both work, with a BOM, Windows line endings, quotes and Danish column names', async () => {
    const { t, admin } = await tenant();
    const semi = await importFile(admin, 'institutions', '\uFEFFNavn;Type;Distrikt;Grupper\r\n"Skolen; Vest";Skole;Vest;"1.A|1.B"\r\n;;;\r\n');
    assert.equal(semi.status, 'applied', JSON.stringify(semi.report));
    const comma = await importFile(admin, 'institutions', '\uFEFFnavn,type,distrikt,grupper\r\n"Børnehuset ""Lærkereden"", Øst",Børnehave,Øst,Mus|Ugler\r\nKlub Øst,klub,,\r\n');
    assert.equal(comma.status, 'applied', JSON.stringify(comma.report));
    const tree = (await admin.get('/api/org/tree')).json();
    const names = tree.districts.flatMap((d: { institutions: { name: string }[] }) => d.institutions.map((i) => i.name)).concat(tree.unassigned.map((i: { name: string }) => i.name));
    for (const n of ['Skolen; Vest', 'Børnehuset "Lærkereden", Øst', 'Klub Øst']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
    // A value spanning two lines: the rows after it keep their real line numbers.
    const multi = await importFile(admin, 'institutions', 'navn;type\n"To\nlinjer";skole\nNoget;ukendt\n', { dryRun: true });
    assert.equal(multi.status, 'rejected');
    assert.equal(multi.report[0]!.row, 4);
    assert.match(multi.report[0]!.messages[0]!, /type: «ukendt» er ikke en institutionstype/);
    void t;
  });

  it('the template for each kind is a CSV file with the header and an example row that imports as a dry run', async () => {
    const { admin } = await tenant();
    for (const kind of ['institutions', 'staff', 'children', 'enrolments']) {
      const res = await admin.get(`/api/imports/templates/${kind}`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(String(res.headers['content-disposition']), new RegExp(`tidlig-import-${kind}\\.csv`));
      const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines.length, 2);
      const post = await admin.post('/api/imports', { kind, fileName: 't.csv', csv: res.body, dryRun: true });
      assert.equal(post.statusCode, 202, `${kind}: ${post.body}`);
      await waitForImport(post.json().id);
    }
    assert.equal((await admin.get('/api/imports/templates/pets')).statusCode, 400);
  });

  it('random garbage CSV never gives a 5xx, never writes a row and never echoes a CPR number', async () => {
    const { t, admin } = await tenant();
    const before = await counts(env.db, t.municipalityId);
    const headers = {
      institutions: 'navn;type;distrikt;grupper',
      staff: 'brugernavn;navn;email;faggruppe;rolle;enhed;sso_id;fra',
      children: CHILD_HEADER,
      enrolments: 'cpr;institution;gruppe;fra;til',
    };
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', '"', '""', ';', ',', '\n', '\r\n', '\uFEFF', 'ja', 'kommune', '2022-02-30', '0101011234', '010101-1234', '"a;b"', '\u0000'),
      fc.stringMatching(/^\d{6}-?\d{4}$/),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    const line = fc.tuple(fc.array(cell, { maxLength: 16 }), fc.constantFrom(';', ',')).map(([cells, delimiter]) => cells.join(delimiter));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('institutions', 'staff', 'children', 'enrolments'),
        fc.boolean(),
        fc.array(line, { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        async (kind, withHeader, body, eol) => {
          const csv = [...(withHeader ? [headers[kind as keyof typeof headers]] : []), ...body].join(eol);
          const res = await admin.post('/api/imports', { kind, fileName: 'tilfældig.csv', csv, dryRun: false });
          assert.ok(res.statusCode < 500, `${res.statusCode} ${res.body}`);
          if (res.statusCode !== 202) {
            assert.match(res.json().error.code, /^(import\.|request\.)/);
            return;
          }
          await waitForImport(res.json().id);
          const run = (await admin.get(`/api/imports/${res.json().id}`)).json() as Run;
          assert.equal(run.status, 'rejected', JSON.stringify(run).slice(0, 500));
          assert.doesNotMatch(JSON.stringify(run.report), /\d{6}-?\d{4}/);
        },
      ),
      { numRuns: 150 },
    );
    assert.deepEqual(await counts(env.db, t.municipalityId), before);
  });
});

describe('CSV import on embedded PGlite', () => {
  let db: Database;
  let harness: Awaited<ReturnType<typeof testApp>>;

  before(async () => {
    db = await testPglite();
    harness = await testApp({ db });
  });
  after(async () => {
    await harness.close();
    await db.close();
  });

  it('an import checks and applies on the single embedded connection too', async () => {
    const t = await createTenant(db);
    const admin = await login(harness.app, t, 'admin');
    const inst = await importFile(admin, 'institutions', lines('navn;type;distrikt;grupper', 'Dagplejen Vest;dagpleje;Vest;Gruppe 1'));
    assert.equal(inst.status, 'applied', JSON.stringify(inst.report));
    const child = fictitiousCpr('2023-02-03', 4321);
    const kids = await importFile(
      admin,
      'children',
      lines(CHILD_HEADER, `${child};Ida;Vest;2023-02-03;${fictitiousCpr('1993-03-04', 1)};Mor;Vest;mor;ja;;;;;`),
    );
    assert.equal(kids.status, 'applied', JSON.stringify(kids.report));
    const enrol = await importFile(admin, 'enrolments', lines('cpr;institution;gruppe;fra;til', `${child};Dagplejen Vest;Gruppe 1;2024-02-01;`));
    assert.equal(enrol.status, 'applied', JSON.stringify(enrol.report));
    assert.deepEqual(enrol.progress, { phase: 'done', processed: 1, total: 1 });
    const after = await counts(db, t.municipalityId);
    assert.equal(after.children, 6);
    assert.equal(after.enrolments, 6);
  });
});

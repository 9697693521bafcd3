// Issue 6 item 1: every route of the OpenAPI document, driven with fast-check — bodies, path
// parameters and query strings generated from each route's JSON schema, valid-shaped and
// broken, sent by staff of several roles, another municipality's admin, a parent and nobody.
// No answer may be a 5xx, and a refused request (4xx) must leave every table as it was.
// `npm test` runs a few hundred cases; `npm run battery` runs 5,000 (TIDLIG_FUZZ_CASES,
// TIDLIG_FUZZ_SEED reproduce a run).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { operations, type Operation } from './openapi.ts';
import { describeResult, Fuzzer, fuzzCaseCount, fuzzSeed } from './fuzz-driver.ts';
import { buildWorld, type World } from './world.ts';

describe('fuzzing every route from the OpenAPI document (PostgreSQL)', () => {
  let world: World;
  let ops: Operation[];

  before(async () => {
    world = await buildWorld();
    ops = await operations(world.app);
  });
  after(async () => {
    await world?.close();
  });

  it('the OpenAPI document lists the routes of every module', () => {
    // A module whose routes vanished from the document would silently escape the battery.
    for (const prefix of ['/api/auth/', '/api/org/', '/api/staff', '/api/children', '/api/audit/', '/api/imports', '/api/screening/', '/api/notices', '/api/guide/', '/api/consents/', '/api/stafetlogs/', '/api/portal/', '/api/public/']) {
      assert.ok(ops.some((o) => o.path.startsWith(prefix)), `no route under ${prefix}`);
    }
    assert.ok(ops.length >= 100, `only ${ops.length} operations`);
  });

  it('generated requests never get a 5xx, and a refused request writes nothing', async (t) => {
    const cases = fuzzCaseCount();
    const seed = fuzzSeed();
    const fuzzer = new Fuzzer(world, ops);
    await fuzzer.init();
    const started = performance.now();
    const result = await fuzzer.run(cases, seed, (done) => {
      if (process.env.TIDLIG_BATTERY === '1' && done % 500 === 0) t.diagnostic(`fuzz: ${done}/${cases} cases`);
    });
    for (const line of describeResult(result)) t.diagnostic(line);
    t.diagnostic(`fuzz: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (process.env.TIDLIG_BATTERY === '1' || process.env.TIDLIG_FUZZ_VERBOSE === '1') t.diagnostic(`fuzz: never 2xx: ${result.never2xx.join(' · ')}`);
    assert.ok(cases >= ops.length, 'every route gets at least one case');
    assert.deepEqual(
      result.failures.slice(0, 25).map((f) => `#${f.case} ${f.route} as ${f.actor} → ${f.status}: ${f.why} [${f.url}]`),
      [],
      `${result.failures.length} failures (seed ${seed}; rerun with TIDLIG_FUZZ_SEED=${seed})`,
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { auditHash, canonicalJson, GENESIS_HASH, verifyChain, type ChainedAuditFields } from './audit-chain.ts';

function build(n: number) {
  let prev = GENESIS_HASH;
  const rows: (ChainedAuditFields & { prevHash: string; hash: string })[] = [];
  for (let i = 1; i <= n; i += 1) {
    const row: ChainedAuditFields = {
      municipalityId: 'm',
      seq: i,
      id: `id-${i}`,
      at: new Date(Date.UTC(2026, 10, 23, 8, 0, i)),
      actorKind: 'staff',
      actorUserId: 'u',
      actorName: 'Test',
      actorRole: 'fagperson',
      action: 'read',
      resourceType: 'child',
      resourceId: `c-${i}`,
      childId: `c-${i}`,
      searchTerm: null,
      purpose: null,
      outcome: 'allowed',
      details: { n: i, nested: { b: 1, a: 2 } },
      requestId: null,
    };
    const hash = auditHash(prev, row);
    rows.push({ ...row, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('verifies an untouched chain', () => {
    assert.deepEqual(verifyChain(build(10), GENESIS_HASH, 0, 10), { ok: true, checked: 10 });
  });

  it('detects a changed row, a removed row, a reordered row and a cut-off tail', () => {
    const changed = build(10);
    changed[4] = { ...changed[4]!, actorName: 'Someone else' };
    assert.equal(verifyChain(changed).brokenAtSeq, 5);

    const removed = build(10).filter((r) => r.seq !== 3);
    assert.equal(verifyChain(removed).brokenAtSeq, 4);

    const swapped = build(10);
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    assert.equal(verifyChain(swapped).ok, false);

    assert.equal(verifyChain(build(8), GENESIS_HASH, 0, 10).ok, false, 'rows missing at the end');
  });

  it('canonical JSON does not depend on key order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } }), canonicalJson({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }));
  });

  it('property: changing any single field of any row breaks verification at that row', () => {
    const fields = ['actorName', 'action', 'resourceId', 'childId', 'purpose', 'outcome'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.constantFrom(...fields), fc.string({ minLength: 1 }), (i, field, value) => {
        const rows = build(10);
        fc.pre(rows[i]![field] !== value);
        rows[i] = { ...rows[i]!, [field]: value };
        return verifyChain(rows).brokenAtSeq === i + 1;
      }),
      { numRuns: 200 },
    );
  });
});

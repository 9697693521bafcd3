// The audit trail is a hash chain per municipality: each row's hash covers its content and
// the previous row's hash, so a changed, removed or inserted row breaks verification.
// Source: Datatilsynet's guidance on logging (every use of personal data is logged).
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedAuditFields {
  municipalityId: string;
  seq: number;
  id: string;
  at: Date;
  actorKind: string;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  childId: string | null;
  searchTerm: string | null;
  purpose: string | null;
  outcome: string;
  details: Record<string, unknown> | null;
  requestId: string | null;
}

/** JSON with sorted keys, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(prevHash: string, row: ChainedAuditFields): string {
  const content = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row whose hash or link does not match. */
  brokenAtSeq?: number;
}

/** Verify rows given in seq order, starting after the given hash. */
export function verifyChain(
  rows: Iterable<ChainedAuditFields & { prevHash: string; hash: string }>,
  startHash = GENESIS_HASH,
  startSeq = 0,
): VerifyResult {
  let prev = startHash;
  let expectedSeq = startSeq + 1;
  let checked = 0;
  for (const row of rows) {
    if (row.seq !== expectedSeq || row.prevHash !== prev || auditHash(prev, row) !== row.hash) {
      return { ok: false, checked, brokenAtSeq: row.seq };
    }
    prev = row.hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { ok: true, checked };
}

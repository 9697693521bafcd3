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

/** Only these fields are hashed: a row read back from the database carries more (hash, prevHash). */
const HASHED_FIELDS = [
  'municipalityId',
  'seq',
  'id',
  'at',
  'actorKind',
  'actorUserId',
  'actorName',
  'actorRole',
  'action',
  'resourceType',
  'resourceId',
  'childId',
  'searchTerm',
  'purpose',
  'outcome',
  'details',
  'requestId',
] as const satisfies readonly (keyof ChainedAuditFields)[];

export function auditHash(prevHash: string, row: ChainedAuditFields): string {
  const picked: Record<string, unknown> = {};
  for (const f of HASHED_FIELDS) picked[f] = f === 'at' ? row.at.toISOString() : (row[f] ?? null);
  const content = canonicalJson(picked);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row whose hash or link does not match. */
  brokenAtSeq?: number;
}

type ChainedRow = ChainedAuditFields & { prevHash: string; hash: string };

/** Verifies rows fed in seq order, one at a time, so a long chain never sits in memory. */
export class ChainVerifier {
  private prev: string;
  private expectedSeq: number;
  private checked = 0;
  private brokenAtSeq: number | undefined;

  constructor(startHash = GENESIS_HASH, startSeq = 0) {
    this.prev = startHash;
    this.expectedSeq = startSeq + 1;
  }

  /** Returns false once the chain is broken; later rows are not checked. */
  push(row: ChainedRow): boolean {
    if (this.brokenAtSeq !== undefined) return false;
    if (row.seq !== this.expectedSeq || row.prevHash !== this.prev || auditHash(this.prev, row) !== row.hash) {
      this.brokenAtSeq = row.seq;
      return false;
    }
    this.prev = row.hash;
    this.expectedSeq += 1;
    this.checked += 1;
    return true;
  }

  /** `headSeq`: the chain head's seq; rows missing at the end are a break too. */
  result(headSeq?: number): VerifyResult {
    if (this.brokenAtSeq !== undefined) return { ok: false, checked: this.checked, brokenAtSeq: this.brokenAtSeq };
    if (headSeq !== undefined && headSeq !== this.expectedSeq - 1) return { ok: false, checked: this.checked, brokenAtSeq: this.expectedSeq };
    return { ok: true, checked: this.checked };
  }
}

export function verifyChain(rows: Iterable<ChainedRow>, startHash = GENESIS_HASH, startSeq = 0, headSeq?: number): VerifyResult {
  const v = new ChainVerifier(startHash, startSeq);
  for (const row of rows) if (!v.push(row)) break;
  return v.result(headSeq);
}

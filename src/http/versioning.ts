// Optimistic concurrency: mutable records carry `version`; a change must send it back as
// If-Match. Missing → 428, stale → 412 (raised by the repository when no row matched).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

export function ifMatchVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') throw new AppError('version.required', 428);
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(header).trim());
  if (!m) throw new AppError('request.invalid', 400, [{ path: 'If-Match', message: 'Expected a version number' }]);
  return Number(m[1]);
}

export function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  reply.header('ETag', `"${body.version}"`);
  return body;
}

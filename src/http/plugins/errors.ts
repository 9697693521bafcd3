// Maps every error to a stable code, a status and a Danish message. Bad input is 4xx with
// the field paths; a database outage is 503 with Retry-After; nothing else leaks.
import type { FastifyError, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, messageFor, type ErrorCode } from '../../errors.ts';
import type { App } from '../types.ts';

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003', '08004']);

function isDatabaseDown(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i += 1) {
    const code = (e as { code?: string }).code;
    const message = (e as { message?: string }).message ?? '';
    if ((code && DB_DOWN_CODES.has(code)) || /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

// Text PostgreSQL cannot store (a NUL character, U+0000) is the client's bad input, not our
// failure: 22021 character_not_in_repertoire (text), 22P05 untranslatable_character (jsonb).
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

function isUnstorableText(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i += 1) {
    if (UNSTORABLE_TEXT_CODES.has((e as { code?: string }).code ?? '')) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function send(reply: FastifyReply, status: number, code: ErrorCode, details?: unknown) {
  const body: Record<string, unknown> = { error: { code, message: messageFor(code) } };
  if (details !== undefined) (body.error as Record<string, unknown>).details = details;
  return reply.status(status).send(body);
}

export function registerErrorHandling(app: App): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (isUnstorableText(err)) {
      // Also when it was the audit row (a purpose or search term) that could not be stored.
      return send(reply, 400, 'request.invalid', [{ path: '', message: 'Teksten indeholder et tegn, der ikke kan gemmes (NUL).' }]);
    }
    if (err instanceof AppError) {
      if (err.code === 'audit.failed') {
        request.log.error({ err: err.cause instanceof Error ? err.cause.message : undefined }, 'audit write failed');
      }
      if (err.status === 503) reply.header('Retry-After', '5');
      return send(reply, err.status, err.code, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.'),
        where: err.validationContext,
        message: v.message,
      }));
      return send(reply, 400, 'request.invalid', details);
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, 413, 'request.too_large');
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, 415, 'request.unsupported_media_type');
    if (fe.statusCode === 429) return send(reply, 429, 'request.rate_limited');
    if (isDatabaseDown(err)) {
      reply.header('Retry-After', '5');
      return send(reply, 503, 'service.unavailable');
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return send(reply, fe.statusCode, 'request.invalid');
    request.log.error({ err: { message: err.message, code: fe.code, stack: err.stack } }, 'unhandled error');
    return send(reply, 500, 'internal');
  });
}

// Answers Node writes on the socket itself, outside Fastify's request cycle: a slow client cut
// off by the request or header deadline (408), headers too large (431), a request that cannot be
// parsed as HTTP (400). Fastify's default writes its own body without our headers; this one
// writes the stable `{ error: { code, message } }` shape with the same security headers as every
// other answer (docs/known-issues.md S4, fixed).
import type { Socket } from 'node:net';
import type { Config } from '../../config.ts';
import { messageFor } from '../../errors.ts';
import { rawSecurityHeaders } from './security-headers.ts';

function answerFor(code: string | undefined): { status: number; reason: string; code: string; message: string } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, reason: 'Request Timeout', code: 'request.timeout', message: messageFor('request.timeout') };
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, reason: 'Request Header Fields Too Large', code: 'request.too_large', message: messageFor('request.too_large') };
  return { status: 400, reason: 'Bad Request', code: 'request.invalid', message: messageFor('request.invalid') };
}

/** Fastify's `clientErrorHandler`: our body and headers, then the connection is closed. */
export function clientErrorHandler(config: Pick<Config, 'hsts'>) {
  const headers = Object.entries(rawSecurityHeaders(config))
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
    // A reset connection has nobody left to answer.
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    // As Node's own handler: answer only if no response has started on this connection.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      const a = answerFor(err.code);
      const body = JSON.stringify({ error: { code: a.code, message: a.message } });
      socket.write(
        `HTTP/1.1 ${a.status} ${a.reason}\r\n${headers}Content-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(err);
  };
}

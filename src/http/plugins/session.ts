// Session cookie → actor on every request; CSRF checks on every state-changing request.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { resolveSession } from '../../modules/auth/service.ts';
import type { App, AppContext } from '../types.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SAML_ACS_PATH = '/api/portal/saml/acs';

/**
 * A citizen's session (the parents' portal) reaches only the portal's own API and the public
 * one: every staff route is closed to it, whatever that route checks itself.
 */
const CITIZEN_PATHS = ['/api/portal/', '/api/public/', '/api/auth/logout'];
const citizenMayCall = (url: string) => CITIZEN_PATHS.some((p) => url.startsWith(p));

export function sessionCookieName(ctx: AppContext): string {
  // __Host-: Secure, Path=/, no Domain — the cookie cannot be set or shadowed by a subdomain.
  return ctx.config.secureCookies ? '__Host-tidlig' : 'tidlig';
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, value: string, expiresAt: Date): void {
  reply.setCookie(sessionCookieName(ctx), value, {
    path: '/',
    httpOnly: true,
    secure: ctx.config.secureCookies,
    sameSite: 'strict',
    expires: expiresAt,
  });
}

export function clearSessionCookie(ctx: AppContext, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(ctx), { path: '/', httpOnly: true, secure: ctx.config.secureCookies, sameSite: 'strict' });
}

/** Cross-site requests are refused: an Origin header, when sent, must name this host. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function tokensMatch(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

export function registerSession(app: App, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const cookie = request.cookies[sessionCookieName(ctx)];
    if (cookie) {
      const resolved = await resolveSession(ctx, cookie, request.id);
      if (resolved.state === 'active') {
        request.actor = resolved.actor;
        request.session = resolved.session;
        if (resolved.actor.kind === 'citizen' && !citizenMayCall(request.url)) throw new AppError('access.denied', 403);
      } else {
        clearSessionCookie(ctx, reply);
        // Tell the client why it lost its session, unless it is logging in again.
        if (resolved.state === 'expired' && !request.url.startsWith('/api/auth/')) {
          throw new AppError('auth.session_expired', 401);
        }
      }
    }
    // The IdP's cross-site form POST of a SAML response (HTTP-POST binding) cannot carry our
    // Origin or a CSRF token; it is trusted only for what the signed response proves (its
    // audience, validity window and InResponseTo a request we issued: src/modules/portal/saml.ts).
    const isSamlAcs = request.method === 'POST' && request.url.split('?')[0] === SAML_ACS_PATH;
    if (!SAFE_METHODS.has(request.method) && !isSamlAcs) {
      if (!sameOrigin(request)) throw new AppError('auth.csrf', 403);
      // Log-in starts a new session, so it cannot know the old one's token; it is covered by
      // the Origin check, SameSite=Strict and JSON-only bodies (no cross-site form can send it).
      const isLogin = request.url === '/api/auth/login' || request.url === '/api/public/portal/demo-login';
      if (request.session && !isLogin && !tokensMatch(request.headers['x-csrf-token'], request.session.csrfToken)) {
        throw new AppError('auth.csrf', 403);
      }
    }
  });
}

/** Route guard: the request must come from a logged-in staff member. */
export async function requireStaff(request: FastifyRequest): Promise<void> {
  if (!request.actor || request.actor.kind !== 'staff') throw new AppError('auth.required', 401);
}

export function actorOf(request: FastifyRequest) {
  if (!request.actor) throw new AppError('auth.required', 401);
  return request.actor;
}

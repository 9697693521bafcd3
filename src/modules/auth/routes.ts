import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { actorOf, clearSessionCookie, sessionCookieName, setSessionCookie } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import { loginBody, meResponse, municipalityPublic } from './schema.ts';
import { describeMe, loginWithPassword, logout, resolveSession } from './service.ts';
import type { Actor } from '../../access/actor.ts';

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

export async function me(ctx: AppContext, actor: Actor, csrfToken: string) {
  const d = await describeMe(ctx, actor);
  if (!d.user || !d.municipality) throw new AppError('auth.required', 401);
  return {
    user: { id: d.user.id, username: d.user.username, displayName: d.user.displayName, profession: d.user.profession },
    municipality: d.municipality,
    roles: [...new Set(actor.memberships.map((m) => m.role))],
    permissions: [...actor.permissions].sort(),
    memberships: actor.memberships.map((m) => ({ ...m, unitName: d.names.get(m.unitId) ?? '' })),
    csrfToken,
    sessionIdleMinutes: ctx.config.sessionIdleMinutes,
  };
}

export async function authRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/public/municipalities',
    { schema: { tags: ['log ind'], summary: 'Kommuner, der bruger Tidlig', response: { 200: z.array(municipalityPublic) } } },
    async () => {
      const rows = await ctx.db.kysely.selectFrom('municipalities').select(['id', 'code', 'name']).orderBy('name').execute();
      return rows.map((m) => ({
        ...m,
        sso: ctx.config.oidc
          .filter((p) => p.municipalityCode === m.code)
          .map((p) => ({ label: p.label, url: `/api/auth/oidc/${m.id}/start` })),
      }));
    },
  );

  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['log ind'], summary: 'Log ind med brugernavn og adgangskode', body: loginBody, response: { 200: meResponse, 401: errorBody } },
      config: { rateLimit: { max: ctx.config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await loginWithPassword(
        ctx,
        { ...request.body, ip: request.ip, requestId: request.id },
        request.cookies[sessionCookieName(ctx)],
      );
      if (!result.ok) throw new AppError('auth.login_failed', 401);
      setSessionCookie(ctx, reply, result.session.cookieValue, result.session.expiresAt);
      const resolved = await resolveSession(ctx, result.session.cookieValue, request.id);
      if (resolved.state !== 'active') throw new AppError('auth.login_failed', 401);
      return me(ctx, resolved.actor, result.session.csrfToken);
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['log ind'], summary: 'Log ud' } }, async (request, reply) => {
    if (request.actor) await logout(ctx, request.actor);
    clearSessionCookie(ctx, reply);
    return reply.status(204).send();
  });

  app.get(
    '/api/auth/me',
    { schema: { tags: ['log ind'], summary: 'Den indloggede bruger', response: { 200: meResponse, 401: errorBody } } },
    async (request) => {
      const actor = actorOf(request);
      return me(ctx, actor, request.session!.csrfToken);
    },
  );
}

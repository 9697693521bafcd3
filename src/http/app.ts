// The Fastify application: plugins in a fixed order, then the modules' routes.
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../access/scope.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { registerErrorHandling, send } from './plugins/errors.ts';
import { registerSession } from './plugins/session.ts';
import { clientErrorHandler } from './plugins/client-errors.ts';
import { helmetOptions, PERMISSIONS_POLICY } from './plugins/security-headers.ts';
import type { App, AppContext } from './types.ts';
import { z } from 'zod';
import { healthRoutes } from './health.ts';
import { authRoutes } from '../modules/auth/routes.ts';
import { oidcRoutes } from '../modules/auth/oidc.ts';
import { organisationRoutes } from '../modules/organisation/routes.ts';
import { staffRoutes } from '../modules/staff/routes.ts';
import { childrenRoutes } from '../modules/people/routes.ts';
import { auditRoutes } from '../modules/audit/routes.ts';
import { importRoutes } from '../modules/imports/routes.ts';
import { screeningRoutes } from '../modules/screening/routes.ts';
import { guideRoutes } from '../modules/guide/routes.ts';
import { noticeRoutes } from '../modules/notices/routes.ts';
import { consentRoutes } from '../modules/consent/routes.ts';
import { stafetlogRoutes } from '../modules/stafetlog/routes.ts';
import { portalRoutes } from '../modules/portal/routes.ts';
import { retentionRoutes } from '../modules/retention/routes.ts';

// Field-level validation messages in Danish, like everything else the user reads.
z.config(z.locales.da());

export interface AppDeps {
  config: Config;
  db: Database;
  clock?: Clock;
}

/** Route modules, in one list so the OpenAPI document and the tests see them all. */
const MODULES = [healthRoutes, authRoutes, oidcRoutes, organisationRoutes, staffRoutes, childrenRoutes, auditRoutes, importRoutes, screeningRoutes, noticeRoutes, guideRoutes, consentRoutes, stafetlogRoutes, portalRoutes, retentionRoutes];

export async function buildApp(deps: AppDeps): Promise<App> {
  const ctx: AppContext = { config: deps.config, db: deps.db, clock: deps.clock ?? systemClock };
  const app = Fastify({
    logger: {
      level: deps.config.logLevel,
      // Never log cookies, CSRF tokens or bodies (names, CPR, free text).
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      // The path only: query strings may carry an SSO authorization code or a search filter.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
      },
    },
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    genReqId: () => randomUUID(),
    ...serverTimeouts(deps.config.timeouts),
    clientErrorHandler: clientErrorHandler(deps.config),
  }).withTypeProvider<ZodTypeProvider>();

  // Bodies are JSON. Fastify's built-in text/plain parser would hand a route a string (refused
  // by its schema as 400); without it a text/plain body — the one content type a cross-site
  // form can send without a preflight — is 415 like every other non-JSON type.
  app.removeContentTypeParser('text/plain');

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(helmet, helmetOptions(deps.config));
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: deps.config.rateLimit.perMinute,
    timeWindow: '1 minute',
    allowList: (request) => !request.url.startsWith('/api/'),
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Tidlig API', version: '0.1.0', description: 'Tidlig forebyggende indsats — API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-tidlig' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  // The UI runs under our own CSP (helmet's, unchanged: swagger-ui needs no inline script; one
  // decorative inline style of its own is blocked) and never asks validator.swagger.io about
  // our document (that would tell a third party the installation's address).
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });

  registerSession(app, ctx);
  for (const routes of MODULES) await app.register(async (scoped) => routes(scoped as App, ctx));

  await registerWeb(app, deps.config.webDist);
  return app;
}

/**
 * Slow clients are cut off. Node checks the header and request deadlines only every
 * connectionsCheckingInterval (30 s by default, which could double a 30 s deadline), so the
 * check runs at a quarter of the shorter deadline, at most once a second.
 */
function serverTimeouts(t: Config['timeouts']) {
  const headersMs = Math.min(t.headersMs, t.requestMs);
  const connectionsCheckingInterval = Math.max(25, Math.min(1000, Math.floor(headersMs / 4)));
  return {
    requestTimeout: t.requestMs,
    connectionTimeout: t.idleMs,
    http: { requestTimeout: t.requestMs, headersTimeout: headersMs, connectionsCheckingInterval },
  };
}

/** Serve the built web app, with index.html for client-side routes. */
async function registerWeb(app: App, webDist: string): Promise<void> {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) {
    app.setNotFoundHandler((request, reply) => send(reply, 404, 'request.not_found'));
    return;
  }
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');
    if (isPage) return reply.type('text/html').sendFile('index.html');
    return send(reply, 404, 'request.not_found');
  });
}

// The parents' portal API: log-in (MitID through NemLog-in, demo), and the citizen's own pages.
// A citizen session reaches only /api/portal/* and /api/public/* (src/http/plugins/session.ts);
// every handler here also insists on a citizen actor (401 auth.required otherwise).
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { sessionCookieName, setSessionCookie } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import { resolveSession } from '../auth/service.ts';
import { CitizenSaml, SAML_ACS_PATH } from './saml.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['forældreportal'];
const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const LOGIN_PAGE = '/borger/log-ind';
/** A SAML response with its certificate is a few tens of kB; nothing legitimate comes near this. */
const ACS_BODY_LIMIT = 512 * 1024;

export async function portalRoutes(app: App, ctx: AppContext) {
  const loginLimit = { rateLimit: { max: ctx.config.rateLimit.loginPerMinute, timeWindow: '1 minute' } };

  // ── public: what the log-in page offers, and the demo log-in ─────────────────────────

  app.get('/api/public/portal/config', { schema: { tags, summary: 'Hvordan borgere kan logge ind', response: { 200: s.publicConfig } } }, async () =>
    service.publicConfig(ctx),
  );

  app.get(
    '/api/public/portal/demo-citizens',
    { schema: { tags, summary: 'Demo: forældre, der kan logges ind som', querystring: s.demoCitizensQuery, response: { 200: s.demoCitizens, 404: errorBody } } },
    async (req) => service.demoCitizens(ctx, req.query.municipalityId, req.id),
  );

  app.post(
    '/api/public/portal/demo-login',
    {
      schema: { tags, summary: 'Demo: log ind som forælder (kun i demo)', body: s.demoLoginBody, response: { 200: s.portalMe, 404: errorBody } },
      config: loginLimit,
    },
    async (req, reply) => {
      const session = await service.demoLogin(ctx, { ...req.body, requestId: req.id }, req.cookies[sessionCookieName(ctx)]);
      setSessionCookie(ctx, reply, session.cookieValue, session.expiresAt);
      const resolved = await resolveSession(ctx, session.cookieValue, req.id);
      if (resolved.state !== 'active') throw new AppError('portal.login_failed', 401);
      return service.me(ctx, resolved.actor, session.csrfToken);
    },
  );

  // ── MitID through NemLog-in (SAML) ───────────────────────────────────────────────────

  const saml = ctx.config.saml ? new CitizenSaml(ctx.config.saml) : null;
  const samlOn = () => {
    if (!saml) throw new AppError('request.not_found', 404);
    return saml;
  };

  app.get('/api/portal/saml/metadata', { schema: { tags, summary: 'SAML-metadata for tjenesteudbyderen (NemLog-in)' } }, async (_req, reply) =>
    reply.type('application/samlmetadata+xml; charset=utf-8').send(samlOn().metadata()),
  );

  app.get(
    '/api/portal/saml/:municipalityId/start',
    { schema: { tags, summary: 'Start log-ind med MitID', params: s.samlStartParams, response: { 404: errorBody } }, config: loginLimit },
    async (req, reply) => reply.redirect(await service.samlStart(ctx, samlOn(), req.params.municipalityId), 302),
  );

  // The IdP's form POST: form encoding is accepted here only, so every other route keeps to
  // JSON bodies (which no cross-site form can send).
  await app.register(async (scoped) => {
    const acs = scoped as App;
    acs.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: ACS_BODY_LIMIT }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    acs.post(
      SAML_ACS_PATH,
      { schema: { tags, summary: 'Svar fra NemLog-in (SAML, HTTP-POST)', body: s.samlAcsBody }, config: loginLimit, bodyLimit: ACS_BODY_LIMIT },
      async (req, reply) => {
        const result = await service.samlAcs(ctx, samlOn(), {
          samlResponse: req.body.SAMLResponse,
          relayState: req.body.RelayState,
          requestId: req.id,
          // Sent only when the IdP is same-site (SameSite=Strict); then that session is replaced.
          previousCookie: req.cookies[sessionCookieName(ctx)],
        });
        if (!result.ok) {
          req.log.warn({ saml: result.reason }, 'citizen log-in refused');
          return reply.redirect(`${LOGIN_PAGE}?fejl=${encodeURIComponent(result.code)}`, 303);
        }
        setSessionCookie(ctx, reply, result.session.cookieValue, result.session.expiresAt);
        // The SameSite=Strict cookie is not sent on this navigation (begun at the IdP); the
        // portal's own requests from /borger carry it.
        return reply.redirect('/borger', 303);
      },
    );
  });

  // ── the citizen's pages ──────────────────────────────────────────────────────────────

  app.get('/api/portal/me', { schema: { tags, summary: 'Den indloggede forælder og børnene', response: { 200: s.portalMe, 401: errorBody } } }, async (req) =>
    service.me(ctx, req.actor, req.session?.csrfToken ?? ''),
  );

  app.get(
    '/api/portal/children/:childId',
    { schema: { tags, summary: 'Mit barn: stafetlog, samtykker og det, der kommer', params: s.childParams, response: { 200: s.portalChildDetail, ...errors } } },
    async (req) => service.childDetail(ctx, req.actor, req.params.childId),
  );

  app.get(
    '/api/portal/children/:childId/recipients',
    { schema: { tags, summary: 'Hvem et samtykke kan gives til', params: s.childParams, response: { 200: s.recipientCandidates, ...errors } } },
    async (req) => service.recipientCandidates(ctx, req.actor, req.params.childId),
  );

  app.get(
    '/api/portal/children/:childId/access-log',
    {
      schema: { tags, summary: 'Hvem har set mit barns oplysninger', params: s.childParams, querystring: s.accessLogQuery, response: { 200: s.accessLogPage, ...errors } },
    },
    async (req) => service.accessLog(ctx, req.actor, req.params.childId, req.query.page),
  );

  app.post(
    '/api/portal/children/:childId/consents',
    { schema: { tags, summary: 'Giv samtykke (underskrevet med MitID)', params: s.childParams, body: s.giveConsentBody, response: { 201: s.consentView, ...errors } } },
    async (req, reply) => reply.status(201).send(await service.giveConsent(ctx, req.actor, req.params.childId, req.body)),
  );

  app.post(
    '/api/portal/consents/:id/sign',
    { schema: { tags, summary: 'Underskriv samtykke som anden forældremyndighedsindehaver', params: s.consentParams, response: { 200: s.consentView, ...errors } } },
    async (req) => service.signConsent(ctx, req.actor, req.params.id),
  );

  app.post(
    '/api/portal/consents/:id/withdraw',
    { schema: { tags, summary: 'Træk samtykke tilbage', params: s.consentParams, body: s.withdrawBody, response: { 200: s.consentView, ...errors } } },
    async (req) => service.withdrawConsent(ctx, req.actor, req.params.id, req.body.reason),
  );

  app.get(
    '/api/portal/stafetlogs/:id',
    { schema: { tags, summary: 'Stafetloggen', params: s.logParams, response: { 200: s.logView, ...errors } } },
    async (req) => service.readLog(ctx, req.actor, req.params.id),
  );

  app.post(
    '/api/portal/stafetlogs/:id/entries',
    { schema: { tags, summary: 'Skriv med i stafetloggen (forældrenes ord)', params: s.logParams, body: s.entryBody, response: { 201: s.logView, ...errors } } },
    async (req, reply) => reply.status(201).send(await service.addEntry(ctx, req.actor, req.params.id, req.body.body)),
  );

  app.post(
    '/api/portal/stafetlogs/:id/levels',
    { schema: { tags, summary: 'Angiv vores egen vurdering af bekymringen', params: s.logParams, body: s.levelBody, response: { 201: s.logView, ...errors } } },
    async (req, reply) => reply.status(201).send(await service.stateLevel(ctx, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/portal/stafetlogs/:id/goals',
    { schema: { tags, summary: 'Foreslå et mål', params: s.logParams, body: s.goalBody, response: { 201: s.logView, ...errors } } },
    async (req, reply) => reply.status(201).send(await service.addGoal(ctx, req.actor, req.params.id, req.body.text)),
  );

  app.get(
    '/api/portal/stafetlogs/:id/documents/:documentId',
    { schema: { tags, summary: 'Hent et dokument fra stafetloggen', params: s.documentParams } },
    async (req, reply) => {
      const doc = await service.downloadDocument(ctx, req.actor, req.params.id, req.params.documentId);
      return reply
        .type(doc.mediaType)
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(doc.content);
    },
  );
}

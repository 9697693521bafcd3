import type { FastifyReply } from 'fastify';
import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import { ifMatchVersion, withEtag } from '../../http/versioning.ts';
import * as handleguide from './handleguide-service.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['samarbejdsguide'];
const publicTags = ['samarbejdsguide (offentlig)'];

/**
 * Public guide answers hold no personal data and change rarely: a short shared cache spares the
 * rate limit and the database when many citizens read the same page.
 */
const publicCache = {
  onSend: async (_req: unknown, reply: FastifyReply) => {
    if (reply.statusCode === 200) reply.header('Cache-Control', 'public, max-age=60');
  },
};

export async function guideRoutes(app: App, ctx: AppContext) {
  // ── samarbejdsguide (staff) ──
  app.get('/api/guide/entries', { schema: { tags, summary: 'Søg i samarbejdsguiden (tom søgning: alle indgange)', querystring: s.entryListQuery, response: { 200: s.entryList } } }, async (req) =>
    service.listEntries(ctx, actorOf(req), req.query),
  );
  app.post('/api/guide/entries', { schema: { tags, summary: 'Opret indgang', body: s.entryCreate, response: { 201: s.created } } }, async (req, reply) =>
    reply.status(201).send(await service.createEntry(ctx, actorOf(req), req.body)),
  );
  app.get('/api/guide/entries/:id', { schema: { tags, summary: 'Indgang (gældende version)', params: s.idParams, response: { 200: s.entryDetail } } }, async (req, reply) =>
    withEtag(reply, await service.getEntry(ctx, actorOf(req), req.params.id)),
  );
  app.get('/api/guide/slugs/:slug', { schema: { tags, summary: 'Indgang ud fra adressen', params: s.slugParams, response: { 200: s.entryDetail } } }, async (req, reply) =>
    withEtag(reply, await service.getEntryBySlug(ctx, actorOf(req), req.params.slug)),
  );
  app.patch(
    '/api/guide/entries/:id',
    { schema: { tags, summary: 'Offentlig/intern, arkivér/genåbn (If-Match)', params: s.idParams, body: s.entryPatch, response: { 200: s.created } } },
    async (req, reply) => withEtag(reply, await service.updateEntrySettings(ctx, actorOf(req), req.params.id, ifMatchVersion(req), req.body)),
  );
  app.post(
    '/api/guide/entries/:id/versions',
    { schema: { tags, summary: 'Ny version af indholdet (If-Match)', params: s.idParams, body: s.entryVersionCreate, response: { 201: s.created } } },
    async (req, reply) => reply.status(201).send(withEtag(reply, await service.addEntryVersion(ctx, actorOf(req), req.params.id, ifMatchVersion(req), req.body))),
  );
  app.get('/api/guide/entries/:id/versions', { schema: { tags, summary: 'Versionshistorik', params: s.idParams, response: { 200: s.versionList } } }, async (req) =>
    service.listEntryVersions(ctx, actorOf(req), req.params.id),
  );
  app.get('/api/guide/entries/:id/versions/:number', { schema: { tags, summary: 'En tidligere version', params: s.versionParams, response: { 200: s.entryVersionDetail } } }, async (req) =>
    service.getEntryVersion(ctx, actorOf(req), req.params.id, req.params.number),
  );
  app.post(
    '/api/guide/entries/:id/versions/:number/restore',
    { schema: { tags, summary: 'Gendan en version som ny version (If-Match)', params: s.versionParams, body: s.restoreBody, response: { 201: s.created } } },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await service.restoreEntryVersion(ctx, actorOf(req), req.params.id, req.params.number, ifMatchVersion(req), req.body ?? {}))),
  );

  // ── handleguide ──
  app.get('/api/guide/next-steps', { schema: { tags, summary: 'Registrerede næste skridt', response: { 200: s.nextStepCatalogueOut } } }, async (req) =>
    handleguide.catalogue(ctx, actorOf(req)),
  );
  app.get('/api/guide/handleguides', { schema: { tags, summary: 'Skalaernes positioner med handleguide', querystring: s.handleguideListQuery, response: { 200: s.handleguideOverview } } }, async (req) =>
    handleguide.overview(ctx, actorOf(req), req.query),
  );
  app.post('/api/guide/handleguides', { schema: { tags, summary: 'Opret handleguide for en position', body: s.handleguideCreate, response: { 201: s.created } } }, async (req, reply) =>
    reply.status(201).send(await handleguide.createHandleguide(ctx, actorOf(req), req.body)),
  );
  app.get('/api/guide/handleguides/:id', { schema: { tags, summary: 'Handleguide', params: s.idParams, response: { 200: s.handleguideDetail } } }, async (req, reply) =>
    withEtag(reply, await handleguide.getHandleguide(ctx, actorOf(req), req.params.id)),
  );
  app.post(
    '/api/guide/handleguides/:id/versions',
    { schema: { tags, summary: 'Ny version af handleguiden (If-Match)', params: s.idParams, body: s.handleguideVersionCreate, response: { 201: s.created } } },
    async (req, reply) => reply.status(201).send(withEtag(reply, await handleguide.addHandleguideVersion(ctx, actorOf(req), req.params.id, ifMatchVersion(req), req.body))),
  );
  app.get('/api/guide/handleguides/:id/versions', { schema: { tags, summary: 'Handleguidens historik', params: s.idParams, response: { 200: s.versionList } } }, async (req) =>
    handleguide.listHandleguideVersions(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/guide/handleguides/:id/versions/:number',
    { schema: { tags, summary: 'En tidligere version af handleguiden', params: s.versionParams, response: { 200: s.handleguideVersionDetail } } },
    async (req) => handleguide.getHandleguideVersion(ctx, actorOf(req), req.params.id, req.params.number),
  );
  app.post(
    '/api/guide/handleguides/:id/versions/:number/restore',
    { schema: { tags, summary: 'Gendan en version af handleguiden (If-Match)', params: s.versionParams, body: s.restoreBody, response: { 201: s.created } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await handleguide.restoreHandleguideVersion(ctx, actorOf(req), req.params.id, req.params.number, ifMatchVersion(req), req.body ?? {}))),
  );
  app.get(
    '/api/guide/handleguide/positions/:positionId',
    { schema: { tags, summary: 'Handleguiden for en position (vurderingssiden)', params: s.positionParams, querystring: s.positionQuery, response: { 200: s.handleguideForPosition } } },
    async (req) => handleguide.forPosition(ctx, actorOf(req), req.params.positionId, req.query.childId ?? null),
  );

  // ── the public part: no session, one municipality picked by its code ──
  app.get(
    '/api/public/guide/:code/entries',
    { schema: { tags: publicTags, summary: 'Søg i kommunens offentlige samarbejdsguide', params: s.publicParams, querystring: s.publicListQuery, response: { 200: s.publicEntryList } }, ...publicCache },
    async (req) => service.publicList(ctx, req.params.code, req.query),
  );
  app.get(
    '/api/public/guide/:code/entries/:slug',
    { schema: { tags: publicTags, summary: 'En offentlig indgang', params: s.publicEntryParams, response: { 200: s.publicEntryDetail } }, ...publicCache },
    async (req) => service.publicEntry(ctx, req.params.code, req.params.slug),
  );
}

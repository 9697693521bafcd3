import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import { ifMatchVersion, withEtag } from '../../http/versioning.ts';
import { screeningOverviewRoutes } from './overview-routes.ts';
import * as s from './schema.ts';
import * as service from './service.ts';
import * as setup from './setup-service.ts';

const tags = ['trivselsvurdering'];

export async function screeningRoutes(app: App, ctx: AppContext) {
  await screeningOverviewRoutes(app, ctx);
  // ── set-up (administration) ──
  app.get('/api/screening/scales', { schema: { tags, summary: 'Kommunens skalaer med versioner og positioner', response: { 200: s.scalesOut } } }, async (req) =>
    setup.listScales(ctx, actorOf(req)),
  );
  app.post('/api/screening/scales', { schema: { tags, summary: 'Opret skala (fra skabelon eller egne positioner)', body: s.scaleCreate, response: { 201: s.created } } }, async (req, reply) =>
    reply.status(201).send(await setup.createScale(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/screening/scales/:id/versions',
    { schema: { tags, summary: 'Ny version af en skala (gamle vurderinger beholder deres betydning)', params: s.idParams, body: s.scaleVersionCreate, response: { 201: s.created } } },
    async (req, reply) => reply.status(201).send(await setup.addScaleVersion(ctx, actorOf(req), req.params.id, ifMatchVersion(req), req.body)),
  );
  app.post('/api/screening/rounds', { schema: { tags, summary: 'Planlæg trivselsrunde', body: s.roundCreate, response: { 201: s.created } } }, async (req, reply) =>
    reply.status(201).send(await setup.createRound(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/screening/rounds/:id', { schema: { tags, summary: 'Ret trivselsrunde', params: s.roundParams, body: s.roundUpdate, response: { 200: s.created } } }, async (req) =>
    setup.updateRound(ctx, actorOf(req), req.params.id, ifMatchVersion(req), req.body),
  );
  app.get('/api/screening/rounds/:id', { schema: { tags, summary: 'Trivselsrunde', params: s.roundParams, response: { 200: s.roundOut } } }, async (req, reply) =>
    withEtag(reply, await setup.getRound(ctx, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/screening/setup/rounds',
    { schema: { tags, summary: 'Alle kommunens trivselsrunder (også lukkede) til administration', querystring: s.roundPlansQuery, response: { 200: s.roundPlansOut } } },
    async (req) => setup.listRoundPlans(ctx, actorOf(req), req.query),
  );

  // ── rating ──
  app.get('/api/screening/rounds', { schema: { tags, summary: 'Mine trivselsrunder og grupper', response: { 200: s.roundListOut } } }, async (req) =>
    service.listRounds(ctx, actorOf(req)),
  );
  app.get(
    '/api/screening/rounds/:id/groups/:groupId',
    { schema: { tags, summary: 'Gruppens børn med vurderinger i runden', params: s.groupParams, response: { 200: s.groupSheetOut } } },
    async (req) => service.groupSheet(ctx, actorOf(req), req.params.id, req.params.groupId),
  );
  app.post(
    '/api/screening/rounds/:id/groups/:groupId/ratings',
    { schema: { tags, summary: 'Gem hele gruppens vurderinger (alt eller intet)', params: s.groupParams, body: s.ratingsSubmit, response: { 201: s.savedOut } } },
    async (req, reply) => reply.status(201).send(await service.submitRatings(ctx, actorOf(req), req.params.id, req.params.groupId, req.body)),
  );
  app.post(
    '/api/screening/rounds/:id/groups/:groupId/joint',
    { schema: { tags, summary: 'Fælles position efter fælles drøftelse', params: s.groupParams, body: s.jointSubmit, response: { 201: s.savedOut } } },
    async (req, reply) => reply.status(201).send(await service.agreeJoint(ctx, actorOf(req), req.params.id, req.params.groupId, req.body)),
  );
  app.get('/api/screening/rounds/:id/progress', { schema: { tags, summary: 'Fremdrift: vurderede / alle pr. gruppe og institution', params: s.roundParams, response: { 200: s.progressOut } } }, async (req) =>
    service.progress(ctx, actorOf(req), req.params.id),
  );
  app.get('/api/screening/children/:id', { schema: { tags, summary: 'Barnets positioner på tværs af runder og institutioner', params: s.idParams, response: { 200: s.childHistoryOut } } }, async (req) =>
    service.childHistory(ctx, actorOf(req), req.params.id),
  );
}

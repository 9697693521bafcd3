import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import { ifMatchVersion } from '../../http/versioning.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['organisation'];

export async function organisationRoutes(app: App, ctx: AppContext) {
  app.get('/api/org/tree', { schema: { tags, summary: 'Kommunens organisation', response: { 200: s.orgTree } } }, async (req) =>
    service.orgTree(ctx, actorOf(req)),
  );

  const write = { 201: s.created, 200: s.created };
  app.post('/api/org/districts', { schema: { tags, summary: 'Opret distrikt', body: s.districtCreate, response: write } }, async (req, reply) =>
    reply.status(201).send(await service.createDistrict(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/org/districts/:id', { schema: { tags, summary: 'Ret distrikt', params: s.idParams, body: s.districtUpdate, response: write } }, async (req) =>
    service.updateDistrict(ctx, actorOf(req), req.params.id, ifMatchVersion(req), req.body),
  );
  app.post('/api/org/institutions', { schema: { tags, summary: 'Opret institution', body: s.institutionCreate, response: write } }, async (req, reply) =>
    reply.status(201).send(await service.createInstitution(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/org/institutions/:id',
    { schema: { tags, summary: 'Ret institution', params: s.idParams, body: s.institutionUpdate, response: write } },
    async (req) => service.updateInstitution(ctx, actorOf(req), req.params.id, ifMatchVersion(req), req.body),
  );
  app.post('/api/org/groups', { schema: { tags, summary: 'Opret gruppe/klasse', body: s.groupCreate, response: write } }, async (req, reply) =>
    reply.status(201).send(await service.createGroup(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/org/groups/:id', { schema: { tags, summary: 'Ret gruppe/klasse', params: s.idParams, body: s.groupUpdate, response: write } }, async (req) =>
    service.updateGroup(ctx, actorOf(req), req.params.id, ifMatchVersion(req), req.body),
  );
  app.post('/api/org/teams', { schema: { tags, summary: 'Opret team', body: s.teamCreate, response: write } }, async (req, reply) =>
    reply.status(201).send(await service.createTeam(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/org/teams/:id', { schema: { tags, summary: 'Ret team', params: s.idParams, body: s.teamUpdate, response: write } }, async (req) =>
    service.updateTeam(ctx, actorOf(req), req.params.id, ifMatchVersion(req), req.body),
  );
}

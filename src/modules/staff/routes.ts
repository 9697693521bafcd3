import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import { ifMatchVersion, withEtag } from '../../http/versioning.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['medarbejdere'];

export async function staffRoutes(app: App, ctx: AppContext) {
  app.get('/api/staff', { schema: { tags, summary: 'Medarbejdere', querystring: s.staffQuery, response: { 200: s.staffPage } } }, async (req) =>
    service.listStaff(ctx, actorOf(req), req.query),
  );
  app.post('/api/staff', { schema: { tags, summary: 'Opret medarbejder', body: s.staffCreate, response: { 201: s.created } } }, async (req, reply) =>
    reply.status(201).send(await service.createStaff(ctx, actorOf(req), req.body)),
  );
  app.get('/api/staff/:id', { schema: { tags, summary: 'Medarbejder', params: s.idParams, response: { 200: s.staffDetail } } }, async (req, reply) =>
    withEtag(reply, await service.getStaff(ctx, actorOf(req), req.params.id)),
  );
  app.patch('/api/staff/:id', { schema: { tags, summary: 'Ret medarbejder', params: s.idParams, body: s.staffUpdate, response: { 200: s.created } } }, async (req) =>
    service.updateStaff(ctx, actorOf(req), req.params.id, ifMatchVersion(req), req.body),
  );
  app.post(
    '/api/staff/:id/memberships',
    { schema: { tags, summary: 'Giv rolle i en enhed', params: s.idParams, body: s.membershipCreate, response: { 201: s.created } } },
    async (req, reply) => reply.status(201).send(await service.addMembership(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/staff/:id/memberships/:membershipId/end',
    { schema: { tags, summary: 'Afslut rolle', params: s.membershipParams, body: s.membershipEnd, response: { 200: s.created } } },
    async (req) => service.endMembership(ctx, actorOf(req), req.params.id, req.params.membershipId, req.body.validTo),
  );
  app.post('/api/staff/:id/unblock', { schema: { tags, summary: 'Ophæv spærring', params: s.idParams, response: { 200: s.created } } }, async (req) =>
    service.unblock(ctx, actorOf(req), req.params.id),
  );
}

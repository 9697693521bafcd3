import { AppError } from '../../errors.ts';
import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import { withEtag } from '../../http/versioning.ts';
import * as s from './schema.ts';
import * as service from './service.ts';
import { z } from 'zod';

const tags = ['børn'];

export async function childrenRoutes(app: App, ctx: AppContext) {
  app.get('/api/children', { schema: { tags, summary: 'Mine børn', querystring: s.childrenQuery, response: { 200: s.childrenPage } } }, async (req) =>
    service.listMyChildren(ctx, actorOf(req), req.query),
  );
  app.post('/api/children/search', { schema: { tags, summary: 'Søg blandt mine børn (navn eller CPR)', body: s.childrenSearch, response: { 200: s.childrenPage } } }, async (req) =>
    service.searchChildren(ctx, actorOf(req), req.body),
  );
  app.get('/api/children/:id', { schema: { tags, summary: 'Barnets stamdata', params: s.idParams, response: { 200: s.childDetail } } }, async (req, reply) =>
    withEtag(reply, await service.getChild(ctx, actorOf(req), req.params.id)),
  );
  app.post(
    '/api/children/:id/reveal-cpr',
    { schema: { tags, summary: 'Vis fuldt CPR-nummer (logges med formål)', params: s.idParams, body: s.revealCprBody, response: { 200: z.object({ cpr: z.string() }) } } },
    async (req) => service.revealCpr(ctx, actorOf(req), req.params.id, req.body.purpose),
  );
  app.post('/api/children', { schema: { tags, summary: 'Registrér barn', body: s.childCreate, response: { 201: s.created } } }, async (req, reply) =>
    reply.status(201).send(await service.createChild(ctx, actorOf(req), req.body)),
  );
  app.post('/api/children/lookup', { schema: { tags, summary: 'Find barn på CPR (administration)', body: s.childLookup, response: { 200: s.childAdminView } } }, async (req) => {
    const found = await service.lookupChild(ctx, actorOf(req), req.body.cpr);
    if (!found) throw new AppError('child.not_found', 404);
    return found;
  });
  app.post(
    '/api/children/:id/enrolments',
    { schema: { tags, summary: 'Indskriv barn', params: s.idParams, body: s.enrolmentCreate, response: { 201: s.created } } },
    async (req, reply) => reply.status(201).send(await service.addEnrolment(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/children/:id/enrolments/:enrolmentId/end',
    { schema: { tags, summary: 'Udskriv barn', params: s.enrolmentParams, body: s.enrolmentEnd, response: { 200: s.created } } },
    async (req) => service.endEnrolment(ctx, actorOf(req), req.params.id, req.params.enrolmentId, req.body.validTo),
  );
}

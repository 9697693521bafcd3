import { AppError } from '../../errors.ts';
import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['logning'];

export async function auditRoutes(app: App, ctx: AppContext) {
  app.get('/api/audit/events', { schema: { tags, summary: 'Logning af brug af personoplysninger', querystring: s.eventsQuery, response: { 200: s.eventsPage } } }, async (req) =>
    service.listEvents(ctx, actorOf(req), req.query),
  );
  app.get('/api/audit/children/:id/extract', { schema: { tags, summary: 'Udtræk: hvem har brugt barnets oplysninger', params: s.idParams, response: { 200: s.extract } } }, async (req) =>
    service.childExtract(ctx, actorOf(req), req.params.id),
  );
  app.post('/api/audit/child-lookup', { schema: { tags, summary: 'Find barn på CPR til indsigt', body: s.childLookup, response: { 200: s.childLookupResult } } }, async (req) => {
    const found = await service.lookupChild(ctx, actorOf(req), req.body.cpr);
    if (!found) throw new AppError('child.not_found', 404);
    return found;
  });
  app.post('/api/audit/verify', { schema: { tags, summary: 'Kontrollér logningens hash-kæde', response: { 200: s.verifyResult } } }, async (req) => {
    const r = await service.verify(ctx, actorOf(req));
    return { ok: r.ok, checked: r.checked, brokenAtSeq: r.brokenAtSeq ?? null };
  });
}

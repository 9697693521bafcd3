import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import { ifMatchVersion, withEtag } from '../../http/versioning.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['opbevaring'];

export async function retentionRoutes(app: App, ctx: AppContext) {
  app.get('/api/retention/settings', { schema: { tags, summary: 'Kommunens opbevaringsfrister og de seneste kørsler', response: { 200: s.retentionSettingsOut } } }, async (req, reply) =>
    withEtag(reply, await service.readSettings(ctx, actorOf(req))),
  );
  app.put(
    '/api/retention/settings',
    { schema: { tags, summary: 'Ret kommunens opbevaringsfrister (If-Match)', body: s.retentionSettings, response: { 200: s.retentionSettingsOut } } },
    async (req, reply) => withEtag(reply, await service.updateSettings(ctx, actorOf(req), ifMatchVersion(req), req.body)),
  );
  app.get(
    '/api/retention/preview',
    { schema: { tags, summary: 'Hvad næste kørsel vil slette og anonymisere i dag', querystring: s.previewQuery, response: { 200: s.previewOut } } },
    async (req) => service.preview(ctx, actorOf(req), req.query),
  );
  app.post('/api/retention/runs', { schema: { tags, summary: 'Kør sletning og anonymisering nu', response: { 201: s.retentionRun } } }, async (req, reply) => {
    const run = await service.runNow(ctx, actorOf(req));
    return reply.status(201).send(run);
  });
}

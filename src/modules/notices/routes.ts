import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['beskeder'];

export async function noticeRoutes(app: App, ctx: AppContext) {
  app.get('/api/notices', { schema: { tags, summary: 'Mine beskeder (påmindelser) og antal ulæste', querystring: s.listQuery, response: { 200: s.noticeList } } }, async (req) =>
    service.listMine(ctx, actorOf(req), req.query),
  );
  app.post('/api/notices/:id/read', { schema: { tags, summary: 'Markér besked som læst', params: s.idParams } }, async (req, reply) => {
    await service.markRead(ctx, actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.post('/api/notices/read-all', { schema: { tags, summary: 'Markér alle beskeder som læst', response: { 200: s.readAllOut } } }, async (req) =>
    service.markAllRead(ctx, actorOf(req)),
  );
}

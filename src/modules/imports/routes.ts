import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['import'];

export async function importRoutes(app: App, ctx: AppContext) {
  app.post(
    '/api/imports',
    { schema: { tags, summary: 'Importér CSV (kører i baggrunden; svar 202 med kørslens id)', body: s.importStart, response: { 202: s.importAccepted } } },
    async (req, reply) => reply.status(202).send(await service.startImport(ctx, actorOf(req), req.body, req.log)),
  );
  app.get('/api/imports', { schema: { tags, summary: 'Kommunens importkørsler (nyeste først)', querystring: s.importsQuery, response: { 200: s.importsPage } } }, async (req) =>
    service.listImports(ctx, actorOf(req), req.query),
  );
  // No response schema: the body is CSV text, not JSON.
  app.get('/api/imports/templates/:kind', { schema: { tags, summary: 'Skabelon (CSV) for en importtype', params: s.templateParams } }, async (req, reply) => {
    const csv = await service.importTemplate(ctx, actorOf(req), req.params.kind);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="tidlig-import-${req.params.kind}.csv"`)
      .send(csv);
  });
  app.get('/api/imports/:id', { schema: { tags, summary: 'Importkørsel med status, fremdrift og rapport', params: s.importParams, response: { 200: s.importDetail } } }, async (req) =>
    service.getImport(ctx, actorOf(req), req.params.id),
  );
}

import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import { ifMatchVersion, withEtag } from '../../http/versioning.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['samtykke'];

export async function consentRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/children/:childId/consents',
    { schema: { tags, summary: 'Barnets samtykker, forældremyndighedsindehavere og kommunens regler', params: s.childParams, response: { 200: s.childConsentsOut } } },
    async (req) => service.childConsents(ctx, actorOf(req), req.params.childId),
  );
  app.post(
    '/api/children/:childId/consents',
    { schema: { tags, summary: 'Registrér samtykke givet på papir (med attestation)', params: s.childParams, body: s.paperConsentCreate, response: { 201: s.consentView } } },
    async (req, reply) => reply.status(201).send(await service.createPaperConsent(ctx, actorOf(req), req.params.childId, req.body)),
  );
  app.post(
    '/api/consents/:id/withdraw',
    { schema: { tags, summary: 'Træk samtykke tilbage (virker straks)', params: s.idParams, body: s.withdrawBody.nullish(), response: { 200: s.consentView } } },
    async (req) => service.withdrawConsent(ctx, actorOf(req), req.params.id, req.body ?? {}),
  );
  app.get('/api/admin/consent-settings', { schema: { tags, summary: 'Kommunens regler for samtykke', response: { 200: s.consentSettingsOut } } }, async (req, reply) =>
    withEtag(reply, await service.readSettings(ctx, actorOf(req))),
  );
  app.put(
    '/api/admin/consent-settings',
    { schema: { tags, summary: 'Ret kommunens regler for samtykke (If-Match)', body: s.consentSettingsPut, response: { 200: s.consentSettingsOut } } },
    async (req, reply) => withEtag(reply, await service.updateSettings(ctx, actorOf(req), ifMatchVersion(req), req.body)),
  );
}

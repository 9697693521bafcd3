import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { withScope, type Scope } from '../../access/scope.ts';
import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import { ifMatchVersion, withEtag } from '../../http/versioning.ts';
import { contentDisposition } from './documents.ts';
import * as mineService from './mine-service.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['stafetlog'];
const adminTags = ['administration'];
// A document of 5 MB is ≈ 6.7 MB as base64 in JSON.
const DOCUMENT_BODY_LIMIT = Math.ceil((s.LIMITS.documentBytes * 4) / 3) + 64 * 1024;

export async function stafetlogRoutes(app: App, ctx: AppContext) {
  /** One transaction per request, as the actor. */
  const run = <T>(req: FastifyRequest, fn: (scope: Scope) => Promise<T>) => withScope(ctx, actorOf(req), fn);
  const log = { 200: s.logView };
  const created = { 201: s.logView };

  // ── overview, directory, child page ──
  app.get('/api/stafetlogs/mine', { schema: { tags, summary: 'Mine stafetlogs, forfaldne handlinger og evalueringer, stafetter til mig og kvitteringer', response: { 200: s.mineOut } } }, async (req) =>
    run(req, (scope) => mineService.mine(scope)),
  );
  app.get('/api/stafetlogs/directory', { schema: { tags, summary: 'Find en fagperson at tilføje eller give stafetten til', querystring: s.directoryQuery, response: { 200: s.directoryOut } } }, async (req) =>
    run(req, (scope) => mineService.directory(scope, req.query.q)),
  );
  app.get('/api/children/:childId/stafetlog', { schema: { tags, summary: 'Barnets åbne stafetlog og de lukkede', params: s.childParams, response: { 200: s.childLogOut } } }, async (req) =>
    run(req, (scope) => service.childLog(scope, req.params.childId)),
  );
  app.post('/api/children/:childId/stafetlogs', { schema: { tags, summary: 'Start stafetlog for barnet (du bliver stafetholder)', params: s.childParams, body: s.openLog, response: created } }, async (req, reply) =>
    reply.status(201).send(withEtag(reply, await run(req, (scope) => service.openLog(scope, req.params.childId, req.body)))),
  );

  // ── the log ──
  app.get('/api/stafetlogs/:id', { schema: { tags, summary: 'Stafetloggen', params: s.logParams, response: log } }, async (req, reply) =>
    withEtag(reply, await run(req, (scope) => service.readLog(scope, req.params.id))),
  );
  app.patch('/api/stafetlogs/:id', { schema: { tags, summary: 'Ret beskrivelsen af bekymringen (stafetholder, If-Match)', params: s.logParams, body: s.logPatch, response: log } }, async (req, reply) =>
    withEtag(reply, await run(req, (scope) => service.updateConcern(scope, req.params.id, ifMatchVersion(req), req.body))),
  );
  app.post(
    '/api/stafetlogs/:id/participants',
    { schema: { tags, summary: 'Tilføj deltager (stafetholder, If-Match; kræver samtykke eller lovgrundlag)', params: s.logParams, body: s.participantAdd, response: created } },
    async (req, reply) => reply.status(201).send(withEtag(reply, await run(req, (scope) => service.addParticipant(scope, req.params.id, ifMatchVersion(req), req.body)))),
  );
  app.delete('/api/stafetlogs/:id/participants/:participantId', { schema: { tags, summary: 'Fjern deltager (stafetholder, If-Match)', params: s.participantParams, response: log } }, async (req, reply) =>
    withEtag(reply, await run(req, (scope) => service.removeParticipant(scope, req.params.id, req.params.participantId, ifMatchVersion(req)))),
  );
  app.post('/api/stafetlogs/:id/levels', { schema: { tags, summary: 'Angiv dit eget bekymringsniveau (0–3)', params: s.logParams, body: s.levelState, response: created } }, async (req, reply) =>
    reply.status(201).send(withEtag(reply, await run(req, (scope) => service.stateLevel(scope, req.params.id, req.body)))),
  );
  app.post('/api/stafetlogs/:id/goals', { schema: { tags, summary: 'Nyt mål', params: s.logParams, body: s.goalCreate, response: created } }, async (req, reply) =>
    reply.status(201).send(withEtag(reply, await run(req, (scope) => service.addGoal(scope, req.params.id, req.body)))),
  );
  app.patch('/api/stafetlogs/:id/goals/:goalId', { schema: { tags, summary: 'Ret mål eller dets status (If-Match: målets version)', params: s.goalParams, body: s.goalPatch, response: log } }, async (req, reply) =>
    withEtag(reply, await run(req, (scope) => service.patchGoal(scope, req.params.id, req.params.goalId, ifMatchVersion(req), req.body))),
  );
  app.post('/api/stafetlogs/:id/actions', { schema: { tags, summary: 'Ny handling med ansvarlig og dato', params: s.logParams, body: s.actionCreate, response: created } }, async (req, reply) =>
    reply.status(201).send(withEtag(reply, await run(req, (scope) => service.addAction(scope, req.params.id, req.body)))),
  );
  app.patch(
    '/api/stafetlogs/:id/actions/:actionId',
    { schema: { tags, summary: 'Ret handling eller dens status (If-Match: handlingens version)', params: s.actionParams, body: s.actionPatch, response: log } },
    async (req, reply) => withEtag(reply, await run(req, (scope) => service.patchAction(scope, req.params.id, req.params.actionId, ifMatchVersion(req), req.body))),
  );
  app.post('/api/stafetlogs/:id/evaluations', { schema: { tags, summary: 'Planlæg evaluering', params: s.logParams, body: s.evaluationCreate, response: created } }, async (req, reply) =>
    reply.status(201).send(withEtag(reply, await run(req, (scope) => service.addEvaluation(scope, req.params.id, req.body)))),
  );
  app.post(
    '/api/stafetlogs/:id/evaluations/:evaluationId/hold',
    { schema: { tags, summary: 'Hold evaluering: opsummeringen skrives i loggen (If-Match: evalueringens version)', params: s.evaluationParams, body: s.evaluationHold, response: log } },
    async (req, reply) => withEtag(reply, await run(req, (scope) => service.holdEvaluation(scope, req.params.id, req.params.evaluationId, ifMatchVersion(req), req.body))),
  );
  app.post('/api/stafetlogs/:id/entries', { schema: { tags, summary: 'Skriv i loggen (notat, barnets eller forældrenes ord)', params: s.logParams, body: s.entryCreate, response: created } }, async (req, reply) =>
    reply.status(201).send(withEtag(reply, await run(req, (scope) => service.addEntry(scope, req.params.id, req.body)))),
  );
  app.post(
    '/api/stafetlogs/:id/documents',
    { bodyLimit: DOCUMENT_BODY_LIMIT, schema: { tags, summary: 'Vedhæft dokument (højst 5 MB; PDF, Word, ODT, tekst, PNG, JPEG)', params: s.logParams, body: s.documentUpload, response: created } },
    async (req, reply) => reply.status(201).send(withEtag(reply, await run(req, (scope) => service.addDocument(scope, req.params.id, req.body)))),
  );
  app.get(
    '/api/stafetlogs/:id/documents/:documentId',
    { schema: { tags, summary: 'Hent dokument (logges)', params: s.documentParams, response: { 200: z.any().describe('Filen') } } },
    async (req, reply) => {
      const doc = await run(req, (scope) => service.downloadDocument(scope, req.params.id, req.params.documentId));
      return reply
        .header('Content-Type', doc.mediaType)
        .header('Content-Disposition', contentDisposition(doc.fileName))
        .header('Content-Length', String(doc.content.length))
        .send(doc.content);
    },
  );

  // ── relay, take over, close, transfer ──
  app.post('/api/stafetlogs/:id/relays', { schema: { tags, summary: 'Giv stafetten videre (stafetholder, If-Match; kræver samtykke)', params: s.logParams, body: s.relayCreate, response: created } }, async (req, reply) =>
    reply.status(201).send(withEtag(reply, await run(req, (scope) => service.relay(scope, req.params.id, ifMatchVersion(req), req.body)))),
  );
  app.post('/api/stafetlog-relays/:relayId/accept', { schema: { tags, summary: 'Modtag stafetten (du bliver stafetholder)', params: s.relayParams, body: s.relayAccept, response: log } }, async (req, reply) =>
    withEtag(reply, await run(req, (scope) => service.acceptRelay(scope, req.params.relayId, req.body ?? {}))),
  );
  app.post('/api/stafetlog-relays/:relayId/decline', { schema: { tags, summary: 'Afvis stafetten med en begrundelse', params: s.relayParams, body: s.relayDecline } }, async (req, reply) => {
    await run(req, (scope) => service.declineRelay(scope, req.params.relayId, req.body));
    return reply.status(204).send();
  });
  app.post('/api/stafetlog-relays/:relayId/cancel', { schema: { tags, summary: 'Træk stafetten tilbage (afsender)', params: s.relayParams, response: log } }, async (req, reply) =>
    withEtag(reply, await run(req, (scope) => service.cancelRelay(scope, req.params.relayId))),
  );
  app.post('/api/stafetlogs/:id/close', { schema: { tags, summary: 'Luk stafetloggen (stafetholder, If-Match)', params: s.logParams, body: s.closeLog, response: log } }, async (req, reply) =>
    withEtag(reply, await run(req, (scope) => service.closeLog(scope, req.params.id, ifMatchVersion(req), req.body))),
  );
  app.post(
    '/api/stafetlogs/:id/take-over',
    { schema: { tags, summary: 'Overtag stafetten, når stafetholderen ikke længere er med (aktiv deltager, If-Match)', params: s.logParams, response: log } },
    async (req, reply) => withEtag(reply, await run(req, (scope) => service.takeOver(scope, req.params.id, ifMatchVersion(req)))),
  );
  app.post(
    '/api/stafetlogs/:id/transfers',
    { schema: { tags, summary: 'Flytning til en anden kommune: registrér overdragelsen', params: s.logParams, body: s.transferCreate, response: { 201: s.transferOut } } },
    async (req, reply) => reply.status(201).send(await run(req, (scope) => service.transfer(scope, req.params.id, req.body))),
  );

  // ── settings ──
  app.get('/api/admin/stafetlog-settings', { schema: { tags: adminTags, summary: 'Stafetlog: navne på bekymringsniveauerne', response: { 200: s.settingsOut } } }, async (req, reply) =>
    withEtag(reply, await run(req, (scope) => mineService.readSettings(scope))),
  );
  app.put('/api/admin/stafetlog-settings', { schema: { tags: adminTags, summary: 'Ret navne på bekymringsniveauerne (If-Match)', body: s.settingsPut, response: { 200: s.settingsOut } } }, async (req, reply) =>
    withEtag(reply, await run(req, (scope) => mineService.updateSettings(scope, ifMatchVersion(req), req.body))),
  );
}

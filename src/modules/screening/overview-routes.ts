// The screening overviews: counts per unit for leaders, district facilitators and the
// administrator; the institution's own leader also gets the lists of children to follow up.
import { actorOf } from '../../http/plugins/session.ts';
import type { App, AppContext } from '../../http/types.ts';
import * as s from './overview-schema.ts';
import * as service from './overview-service.ts';

const tags = ['trivselsvurdering'];

export async function screeningOverviewRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/screening/overview',
    { schema: { tags, summary: 'Overblik: fordeling af positioner pr. enhed og udvikling siden sidste runde (tal, små tal skjult)', querystring: s.overviewQuery, response: { 200: s.overviewOut } } },
    async (req) => service.overview(ctx, actorOf(req), req.query.roundId),
  );
  app.get(
    '/api/screening/overview/institutions/:id',
    {
      schema: {
        tags,
        summary: 'Overblik for en institution pr. gruppe; lederen ser også børn, der er gået i en dårligere position eller har bekymring to runder i træk',
        params: s.institutionParams,
        querystring: s.overviewQuery,
        response: { 200: s.institutionOverviewOut },
      },
    },
    async (req) => service.institutionOverview(ctx, actorOf(req), req.params.id, req.query.roundId),
  );
}

// Trivselsvurdering (S2): the rounds open to me and fast entry for one group.
// Contract with the shell (web/src/router.tsx): screeningRoutes(parent) returns code-based
// routes under the authenticated layout route, shown with `screening.rate` (the server
// checks the rater's role in the group).
import { createRoute, type AnyRoute } from '@tanstack/react-router';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { GroupRatingPage } from './GroupRatingPage.tsx';
import { RoundsPage } from './RoundsPage.tsx';
import './screening.css';

function Rounds() {
  return (
    <RequirePermission permission="screening.rate">
      <RoundsPage />
    </RequirePermission>
  );
}

function Group() {
  return (
    <RequirePermission permission="screening.rate">
      <GroupRatingPage />
    </RequirePermission>
  );
}

export function screeningRoutes(parent: AnyRoute): AnyRoute[] {
  return [
    createRoute({ getParentRoute: () => parent, path: '/trivsel', component: Rounds }) as unknown as AnyRoute,
    createRoute({ getParentRoute: () => parent, path: '/trivsel/$roundId/$groupId', component: Group }) as unknown as AnyRoute,
  ];
}

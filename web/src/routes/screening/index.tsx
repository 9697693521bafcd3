// Trivselsvurdering (S2): the rounds open to me and fast entry for one group.
// Contract with the shell (web/src/router.tsx): screeningRoutes(parent) returns code-based
// routes under the authenticated layout route, shown with `screening.rate` (the server
// checks the rater's role in the group).
import { createRoute, type AnyRoute } from '@tanstack/react-router';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { GroupRatingPage } from './GroupRatingPage.tsx';
import { OverviewInstitutionPage } from './OverviewInstitutionPage.tsx';
import { OverviewPage, validateOverviewSearch } from './OverviewPage.tsx';
import { RoundsPage } from './RoundsPage.tsx';
import './screening.css';
import './Overview.css';

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

// The overviews need `screening.progress` (leader, district facilitator, administrator).
function Overview() {
  return (
    <RequirePermission permission="screening.progress">
      <OverviewPage />
    </RequirePermission>
  );
}

function OverviewInstitution() {
  return (
    <RequirePermission permission="screening.progress">
      <OverviewInstitutionPage />
    </RequirePermission>
  );
}

export function screeningRoutes(parent: AnyRoute): AnyRoute[] {
  return [
    createRoute({ getParentRoute: () => parent, path: '/trivsel', component: Rounds }) as unknown as AnyRoute,
    createRoute({ getParentRoute: () => parent, path: '/trivsel/$roundId/$groupId', component: Group }) as unknown as AnyRoute,
    createRoute({ getParentRoute: () => parent, path: '/trivsel/overblik', validateSearch: validateOverviewSearch, component: Overview }) as unknown as AnyRoute,
    createRoute({ getParentRoute: () => parent, path: '/trivsel/overblik/$institutionId', validateSearch: validateOverviewSearch, component: OverviewInstitution }) as unknown as AnyRoute,
  ];
}

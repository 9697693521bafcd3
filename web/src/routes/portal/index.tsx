// The parents' portal (S15) under /borger: its own layout, mobile-first. Contract with the shell:
//   portalRoutes(rootRoute) — every /borger page, outside the staff app layout.
import type { AnyRoute } from '@tanstack/react-router';

export function portalRoutes(_root: AnyRoute): AnyRoute[] {
  return [];
}

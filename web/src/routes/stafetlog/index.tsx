// The stafetlog and consent pages for professionals (S4, S14). Contract with the shell:
//   stafetlogAppRoutes(appRoute) — pages under the app layout, shown with `stafetlog.work`.
import type { AnyRoute } from '@tanstack/react-router';

export function stafetlogAppRoutes(_parent: AnyRoute): AnyRoute[] {
  return [];
}

import type { App, AppContext } from '../../http/types.ts';

export async function portalRoutes(_app: App, _ctx: AppContext) {}

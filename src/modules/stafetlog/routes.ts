import type { App, AppContext } from '../../http/types.ts';

export async function stafetlogRoutes(_app: App, _ctx: AppContext) {}

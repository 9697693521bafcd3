import type { App, AppContext } from '../../http/types.ts';

export async function consentRoutes(_app: App, _ctx: AppContext) {}

// GET /api/health: 200 when the database answers, 503 with Retry-After when it does not.
import { sql } from 'kysely';
import { z } from 'zod';
import type { App, AppContext } from './types.ts';

export async function healthRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['drift'],
        summary: 'Sundhedstjek',
        response: { 200: z.object({ status: z.literal('ok'), database: z.string() }), 503: z.object({ status: z.literal('unavailable') }) },
      },
      config: { rateLimit: false },
    },
    async (request, reply) => {
      try {
        await Promise.race([
          sql`SELECT 1`.execute(ctx.db.kysely),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
        ]);
        return { status: 'ok' as const, database: ctx.db.kind };
      } catch {
        reply.header('Retry-After', '5');
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );
}

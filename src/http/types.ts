import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../access/actor.ts';
import type { DataContext } from '../access/scope.ts';
import type { Config } from '../config.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What route modules get: data access and configuration. */
export interface AppContext extends DataContext {
  config: Config;
}

export interface SessionInfo {
  id: string;
  municipalityId: string;
  userId: string;
  subjectKind: 'staff' | 'citizen';
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated actor, or null before log-in. */
    actor: Actor | null;
    session: SessionInfo | null;
  }
}

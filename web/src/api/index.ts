export { api, ApiError, request, setCsrfToken, setUnauthorizedHandler, lastServerActivity, onServerActivity } from './client.ts';
export type { FieldProblem, QueryValue, RequestOptions } from './client.ts';
export { meQuery, useMe, useCan, useSetMe } from './session.ts';
export { queryClient } from './queryClient.ts';
export type * from './types.ts';

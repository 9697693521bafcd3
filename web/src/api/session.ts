// The logged-in user: GET /api/auth/me through TanStack Query.
//   useMe()            → Me (inside the authenticated layout it is always loaded)
//   useCan('org.manage') → boolean
//   meQuery            → query options (key ['me']) for loaders: queryClient.ensureQueryData(meQuery)
import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Me, Permission } from './types.ts';

export const meQuery = queryOptions({
  queryKey: ['me'] as const,
  queryFn: ({ signal }) => api.get<Me>('/api/auth/me', { signal, quiet401: true }),
  staleTime: 60_000,
  retry: false,
});

export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}

export function useCan(permission: Permission): boolean {
  return useMe().permissions.includes(permission);
}

/** Put the log-in response into the cache, so the shell does not fetch it again. */
export function useSetMe() {
  const qc = useQueryClient();
  return (me: Me) => qc.setQueryData(meQuery.queryKey, me);
}

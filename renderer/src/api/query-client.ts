import { MutationCache, QueryClient } from '@tanstack/react-query';

declare module '@tanstack/react-query' {
  interface Register {
    /** `toast: false` on a mutation means its caller shows the error inline (e.g. in a dialog). */
    mutationMeta: { toast?: boolean };
  }
}

/**
 * The app's QueryClient. Mutation failures go to `onMutationError` (the toast layer) unless the
 * mutation opted out; query failures are shown where the data would have been.
 */
export function createQueryClient(onMutationError: (err: unknown) => void): QueryClient {
  return new QueryClient({
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        if (mutation.meta?.toast !== false) onMutationError(err);
      },
    }),
    defaultOptions: {
      queries: {
        // The host is local; a failure is a real answer, not a flaky network.
        retry: 1,
        retryDelay: 300,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: 0 },
    },
  });
}

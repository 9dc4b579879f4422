import { QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from './apiClient.js';

const Ctx = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return (
    <Ctx.Provider value={client}>
      <QueryClientProvider client={client.queries}>{children}</QueryClientProvider>
    </Ctx.Provider>
  );
}

export function useApi(): ApiClient {
  const client = useContext(Ctx);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}

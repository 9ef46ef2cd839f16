/** Queries several pages share (same keys, so one fetch serves them all). */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';

export function useProjects() {
  return useQuery({ queryKey: ['projects'], queryFn: () => unwrap(api.GET('/api/v1/projects')) });
}

export function useEnvironments(projectId: string | undefined) {
  return useQuery({
    queryKey: ['projects', projectId, 'environments'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{id}/environments', { params: { path: { id: projectId! } } })),
    enabled: Boolean(projectId),
  });
}

export function useCollections() {
  return useQuery({
    queryKey: ['collections'],
    queryFn: () => unwrap(api.GET('/api/v1/portal/collections')),
  });
}

export function useSchemas(collection: string | undefined) {
  return useQuery({
    queryKey: ['schemas', collection],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/schemas/{collection}', { params: { path: { collection: collection! } } }),
      ),
    enabled: Boolean(collection),
  });
}

export function useUsage(period?: string) {
  return useQuery({
    queryKey: ['usage', period ?? 'current'],
    queryFn: () => unwrap(api.GET('/api/v1/portal/usage', { params: { query: period ? { period } : {} } })),
  });
}

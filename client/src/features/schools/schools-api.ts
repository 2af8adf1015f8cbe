import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSchool, School, SchoolList, UpdateSchool } from '@planner/shared/school';
import { api, type ApiError } from '../../lib/api';
import { districtUsersQueryKey, schoolsQueryKey } from '../../lib/shared-query-keys';

export function useSchoolList() {
  return useQuery({
    queryKey: schoolsQueryKey,
    queryFn: ({ signal }) => api.get<SchoolList>('/api/schools', { signal }),
  });
}

function useRefreshSchools() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: schoolsQueryKey });
    void queryClient.invalidateQueries({ queryKey: districtUsersQueryKey });
  };
}

export function useAddSchool() {
  const refresh = useRefreshSchools();
  return useMutation<School, ApiError, CreateSchool>({
    mutationFn: (body) => api.post<School>('/api/schools', body),
    onSuccess: refresh,
  });
}

export function useUpdateSchool(schoolId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshSchools();
  return useMutation<School, ApiError, UpdateSchool>({
    mutationFn: (body) => api.patch<School>(`/api/schools/${encodeURIComponent(schoolId)}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData<SchoolList>(schoolsQueryKey, (list) =>
        list ? { schools: list.schools.map((s) => (s.id === saved.id ? saved : s)) } : list,
      );
      refresh();
    },
    onError: (error) => {
      if (error.code === 'version_conflict') refresh();
    },
  });
}

/** The server's answer to a name already taken (409) is about the name: it belongs next to that field. */
export function schoolNameError(error: ApiError): string | null {
  if (error.code === 'conflict') return error.detail;
  return null;
}

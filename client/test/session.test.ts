import { QueryClient } from '@tanstack/react-query';
import type { CurrentUser } from '@planner/shared/auth';
import { dropDataOfEarlierPeople } from '../src/lib/session';
import { meQueryKey } from '../src/lib/shared-query-keys';

const person = (name: string, district: string): CurrentUser => ({
  user: { id: crypto.randomUUID(), email: `${name}@${district}.test`, name, role: 'district_admin' },
  district: { id: crypto.randomUUID(), name: `${district} School District`, timeZone: 'America/Chicago' },
  schools: [],
  csrfToken: crypto.randomUUID(),
});

function signedInClient(first: CurrentUser): QueryClient {
  const queryClient = new QueryClient();
  dropDataOfEarlierPeople(queryClient);
  queryClient.setQueryData(meQueryKey, first);
  queryClient.setQueryData(['plans'], ['Teacher Leadership Plan']);
  queryClient.setQueryData(['notifications'], ['Dana mentioned you']);
  return queryClient;
}

const keysIn = (queryClient: QueryClient) =>
  queryClient
    .getQueryCache()
    .getAll()
    .map((query) => query.queryKey);

describe('what a tab keeps of the person signed in before', () => {
  const lakeview = person('dana', 'lakeview');
  const hillcrest = person('hal', 'hillcrest');

  it('when another person signs in after the session ended, then only who is signed in is kept', () => {
    const queryClient = signedInClient(lakeview);
    queryClient.setQueryData(meQueryKey, null);
    expect(queryClient.getQueryData(['plans'])).toEqual(['Teacher Leadership Plan']);

    queryClient.setQueryData(meQueryKey, hillcrest);
    expect(keysIn(queryClient)).toEqual([meQueryKey]);
    expect(queryClient.getQueryData(meQueryKey)).toBe(hillcrest);
  });

  it('when the same person signs in again after their session ended, then what they had is kept', () => {
    const queryClient = signedInClient(lakeview);
    queryClient.setQueryData(meQueryKey, null);
    queryClient.setQueryData(meQueryKey, { ...lakeview, csrfToken: 'a new token' });
    expect(queryClient.getQueryData(['plans'])).toEqual(['Teacher Leadership Plan']);
    expect(queryClient.getQueryData(['notifications'])).toEqual(['Dana mentioned you']);
  });

  it('when asking who is signed in finds another person (signed in in another tab), then the last one’s data goes', async () => {
    const queryClient = signedInClient(lakeview);
    await queryClient.fetchQuery({ queryKey: meQueryKey, queryFn: () => Promise.resolve(hillcrest) });
    expect(keysIn(queryClient)).toEqual([meQueryKey]);
  });
});

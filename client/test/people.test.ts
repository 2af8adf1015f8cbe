import { formatDateTime } from '@planner/shared/format';
import type { Invitation } from '@planner/shared/invitation';
import type { School } from '@planner/shared/school';
import type { DistrictUser, PeopleEvent } from '@planner/shared/user';
import { userRoles } from '@planner/shared/user-role';
import { providerRefusalMessage } from '../src/features/auth/provider-refusals';
import { parseDomains } from '../src/features/district-sign-in/domains';
import {
  eventSentence,
  filterRows,
  filtersFromSearch,
  lastSignInText,
  noFilters,
  peopleRows,
  schoolNames,
  searchFromFilters,
} from '../src/features/people/people-rows';

const north = '00000000-0000-4000-8000-000000000001';
const south = '00000000-0000-4000-8000-000000000002';
const schools: School[] = [
  { id: north, name: 'North Elementary', principals: [], archived: false, version: 1 },
  { id: south, name: 'South Middle', principals: [], archived: true, version: 2 },
];

const user = (name: string, overrides: Partial<DistrictUser> = {}): DistrictUser => ({
  id: crypto.randomUUID(),
  name,
  email: `${name.split(' ')[0]!.toLowerCase()}@lakeview.test`,
  role: 'viewer',
  schoolIds: [],
  active: true,
  lastSignInAt: null,
  version: 1,
  ...overrides,
});

const invitation = (name: string, overrides: Partial<Invitation> = {}): Invitation => ({
  id: crypto.randomUUID(),
  email: `${name.split(' ')[0]!.toLowerCase()}@lakeview.test`,
  name,
  role: 'principal',
  schoolIds: [north],
  status: 'open',
  expiresAt: '2026-10-22T12:00:00.000Z',
  invitedBy: null,
  createdAt: '2026-10-15T12:00:00.000Z',
  emailed: true,
  ...overrides,
});

describe('the People page’s list', () => {
  const dana = user('Dana Admin', { role: 'district_admin' });
  const pat = user('pat Principal', { role: 'principal', schoolIds: [north, south] });
  const gone = user('Vic Viewer', { active: false });
  const sam = invitation('Sam Carter');
  const rows = peopleRows([pat, gone, dana], [sam]);

  it('puts people and invitations on one list by name, whatever the case, each with its status', () => {
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['Dana Admin', 'active'],
      ['pat Principal', 'active'],
      ['Sam Carter', 'invited'],
      ['Vic Viewer', 'deactivated'],
    ]);
  });

  it('filters by role, school and status together', () => {
    const names = (filters: Parameters<typeof filterRows>[1]) => filterRows(rows, filters).map((r) => r.name);
    expect(names(noFilters)).toHaveLength(4);
    expect(names({ ...noFilters, role: 'principal' })).toEqual(['pat Principal', 'Sam Carter']);
    expect(names({ ...noFilters, school: south })).toEqual(['pat Principal']);
    expect(names({ ...noFilters, school: north, status: 'invited' })).toEqual(['Sam Carter']);
    expect(names({ ...noFilters, status: 'deactivated' })).toEqual(['Vic Viewer']);
    expect(names({ role: 'viewer', school: north, status: 'all' })).toEqual([]);
  });

  it('keeps the filters in the address, and ignores what it does not know there', () => {
    const filters = { role: 'principal', school: north, status: 'invited' } as const;
    expect(filtersFromSearch(searchFromFilters(filters), userRoles)).toEqual(filters);
    expect(searchFromFilters(noFilters).toString()).toBe('');
    expect(filtersFromSearch(new URLSearchParams('role=superintendent&status=gone'), userRoles)).toEqual(noFilters);
  });

  it('names schools in the district’s order, archived ones marked, and says when someone never signed in', () => {
    expect(schoolNames([south, north], schools)).toBe('North Elementary, South Middle (archived)');
    expect(schoolNames([], schools)).toBe('');
    const inChicago = (moment: string) => formatDateTime(moment, 'America/Chicago');
    expect(lastSignInText(null, inChicago)).toBe('Never signed in');
    expect(lastSignInText('2026-10-15T15:05:00.000Z', inChicago)).toBe('Oct 15, 2026, 10:05 AM');
  });
});

describe('the log of changes to people', () => {
  const event = (kind: PeopleEvent['kind'], actor: string | null = 'Dana Admin'): PeopleEvent => ({
    id: crypto.randomUUID(),
    kind,
    actor: actor ? { id: crypto.randomUUID(), name: actor } : null,
    subject: { id: null, name: 'Sam Carter', email: 'sam@lakeview.test' },
    note: '',
    createdAt: '2026-10-15T12:00:00.000Z',
  });

  it('says who did what to whom', () => {
    expect(eventSentence(event('invited'))).toBe('Dana Admin invited Sam Carter (sam@lakeview.test)');
    expect(eventSentence(event('deactivated'))).toBe('Dana Admin deactivated Sam Carter');
    expect(eventSentence(event('joined', 'Sam Carter'))).toBe('Sam Carter accepted the invitation and joined');
    expect(eventSentence(event('role_changed', null))).toBe('Someone changed the role of Sam Carter');
    expect(eventSentence(event('time_zone_changed'))).toBe('Dana Admin changed the district’s time zone');
    const domain = { id: null, name: 'lakeview.org', email: '' };
    expect(eventSentence({ ...event('sign_in_domain_verified'), subject: domain })).toBe(
      'Dana Admin verified the sign-in domain lakeview.org',
    );
    // Released by the daily check: no one to name.
    expect(eventSentence({ ...event('sign_in_domain_released', null), subject: domain })).toBe(
      'The sign-in domain lakeview.org was released: its TXT record was no longer found',
    );
    // Revoked by the planner itself, on an upgrade: no one to name.
    expect(eventSentence(event('invitation_revoked', null))).toBe('The invitation of Sam Carter was revoked');
    expect(eventSentence(event('invitation_revoked'))).toBe('Dana Admin revoked the invitation of Sam Carter');
  });
});

describe('the district’s email domains as typed', () => {
  it('reads commas, spaces and lines, drops an @ and repeats, and lowers the case', () => {
    expect(parseDomains(' Lakeview.k12.us, @staff.lakeview.k12.us\nlakeview.k12.us ;  ')).toEqual([
      'lakeview.k12.us',
      'staff.lakeview.k12.us',
    ]);
    expect(parseDomains('   ')).toEqual([]);
  });
});

describe('a sign-in through the provider refused', () => {
  it('is explained for each reason the server gives, and for one it does not know', () => {
    expect(providerRefusalMessage(null)).toBeNull();
    expect(providerRefusalMessage('deactivated')).toMatch(/deactivated/);
    expect(providerRefusalMessage('not-found')).toMatch(/invitation/);
    expect(providerRefusalMessage('something-new')).toMatch(/did not work/);
  });
});

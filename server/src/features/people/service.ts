import { quotedAtSentenceEnd } from '@planner/shared/format';
import type { DistrictUser, PeopleEvent, PeopleEventKind, UpdateUser } from '@planner/shared/user';
import { userRoleLabels } from '@planner/shared/user-role';
import type { Executor } from '../../db/knex';
import { AppError, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { endSessionsOf } from '../../http/session-store';
import { toIsoDateTime } from '../../db/values';
import { checkSchools, schoolIdsByPrincipal, schoolsOfDistrict, setPrincipalSchools } from '../schools/service';
import { findUser, isActive, listUsers, lockActiveAdmins, namesOf, updateUser, type UserRow } from '../users/service';
import * as repo from './repo';

function presentPerson(row: UserRow, schoolIds: string[]): Required<DistrictUser> {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    schoolIds: row.role === 'principal' ? schoolIds : [],
    active: isActive(row),
    lastSignInAt: row.last_sign_in_at ? toIsoDateTime(row.last_sign_in_at) : null,
    version: row.version,
  };
}

/** Everyone in the district with role, schools, whether active and when they last signed in. */
export async function listPeople(db: Executor, districtId: string): Promise<DistrictUser[]> {
  const rows = await listUsers(db, districtId);
  const schools = await schoolIdsByPrincipal(db, districtId);
  return rows.map((row) => presentPerson(row, schools.get(row.id) ?? []));
}

/**
 * The district's people as `reader` may see them: everyone names colleagues to mention, own actions and
 * review; when each last signed in is for administrators alone.
 */
export async function peopleAsSeenBy(db: Executor, reader: SignedInUser): Promise<DistrictUser[]> {
  const people = await listPeople(db, reader.districtId);
  if (reader.role === 'district_admin') return people;
  return people.map(({ lastSignInAt: _lastSignInAt, ...person }) => person);
}

async function personOrNotFound(db: Executor, districtId: string, userId: string): Promise<DistrictUser> {
  const person = (await listPeople(db, districtId)).find((p) => p.id === userId);
  if (!person) throw notFound('The person');
  return person;
}

/** Writes a line of the People page's log: who did what to whom. */
export async function logPeopleEvent(
  db: Executor,
  event: {
    districtId: string;
    kind: PeopleEventKind;
    actorId: string | null;
    subject: { id: string | null; name: string; email: string };
    note?: string;
  },
): Promise<void> {
  await repo.insertEvent(db, {
    district_id: event.districtId,
    kind: event.kind,
    actor_id: event.actorId,
    subject_user_id: event.subject.id,
    subject_name: event.subject.name,
    subject_email: event.subject.email,
    note: event.note ?? '',
  });
}

export async function peopleLog(db: Executor, districtId: string): Promise<PeopleEvent[]> {
  const rows = await repo.listEvents(db, districtId, 200);
  const names = await namesOf(
    db,
    districtId,
    rows.flatMap((r) => r.actor_id ?? []),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    actor: row.actor_id ? { id: row.actor_id, name: names.get(row.actor_id) ?? 'A former user' } : null,
    subject: { id: row.subject_user_id, name: row.subject_name, email: row.subject_email },
    note: row.note,
    createdAt: toIsoDateTime(row.created_at),
  }));
}

const lastAdmin = () =>
  new AppError(
    'conflict',
    'The district needs at least one active district administrator: make someone else an administrator first.',
  );

/**
 * An admin changes a person's name, role, schools or whether they are active. Deactivating ends every
 * session of theirs at once; the last active administrator can be neither deactivated nor demoted.
 * Answers the person as saved, and as they were (for what follows: see commands/update-person).
 */
export async function updatePerson(
  db: Executor,
  admin: SignedInUser,
  userId: string,
  input: UpdateUser,
): Promise<{ saved: DistrictUser; was: DistrictUser }> {
  return db.transaction(async (trx) => {
    const current = await findUser(trx, admin.districtId, userId);
    if (!current) throw notFound('The person');
    const before = (await schoolIdsByPrincipal(trx, admin.districtId)).get(userId) ?? [];
    const role = input.role ?? current.role;
    const active = input.active ?? isActive(current);
    if (input.schoolIds !== undefined && input.schoolIds.length > 0 && role !== 'principal') {
      throw invalidInput([{ in: 'body', field: 'schoolIds', message: 'are only for principals, who lead schools' }]);
    }
    if (userId === admin.id && !active) {
      throw new AppError('conflict', 'You cannot deactivate yourself: ask another district administrator.');
    }
    const losesAdmin = current.role === 'district_admin' && isActive(current) && (role !== 'district_admin' || !active);
    if (losesAdmin) {
      const admins = await lockActiveAdmins(trx, admin.districtId);
      if (admins.filter((a) => a.id !== userId).length === 0) throw lastAdmin();
    }
    if (input.schoolIds)
      await checkSchools(trx, admin.districtId, input.schoolIds, { field: 'schoolIds', keep: before });

    const saved = await updateUser(
      trx,
      { districtId: admin.districtId, userId, version: input.version },
      {
        name: input.name,
        role: input.role,
        deactivated_at:
          input.active === undefined ? undefined : input.active ? null : (current.deactivated_at ?? new Date()),
      },
    );
    if (!saved) throw versionConflict('person', await personOrNotFound(trx, admin.districtId, userId));
    const schoolIds = role === 'principal' ? (input.schoolIds ?? before) : [];
    if (schoolIds.join() !== before.join()) await setPrincipalSchools(trx, admin.districtId, userId, schoolIds);
    if (!active) await endSessionsOf(trx, userId);

    const log = (kind: PeopleEventKind, note = '') =>
      logPeopleEvent(trx, {
        districtId: admin.districtId,
        kind,
        actorId: admin.id,
        subject: { id: userId, name: saved.name, email: saved.email },
        note,
      });
    if (saved.name !== current.name) await log('renamed', `Was ${quotedAtSentenceEnd(current.name)}`);
    if (saved.role !== current.role) {
      await log('role_changed', `${userRoleLabels[current.role]} → ${userRoleLabels[saved.role]}.`);
    }
    if (schoolIds.join() !== before.join() && role === 'principal') {
      const names = new Map((await schoolsOfDistrict(trx, admin.districtId)).map((s) => [s.id, s.name]));
      await log('schools_changed', schoolIds.map((id) => names.get(id) ?? '').join(', ') || 'No schools.');
    }
    if (isActive(current) && !active) await log('deactivated');
    if (!isActive(current) && active) await log('reactivated');
    return { saved: presentPerson(saved, schoolIds), was: presentPerson(current, before) };
  });
}

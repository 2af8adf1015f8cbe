import type { PeopleEventKind } from '@planner/shared/user';
import type { Executor } from '../../db/knex';

/** The people feature owns `people_events`: the log of who invited, changed or deactivated whom. */

export interface PeopleEventRow {
  id: string;
  kind: PeopleEventKind;
  actor_id: string | null;
  subject_user_id: string | null;
  subject_name: string;
  subject_email: string;
  note: string;
  created_at: Date | string;
}

export async function insertEvent(
  db: Executor,
  row: {
    district_id: string;
    kind: PeopleEventKind;
    actor_id: string | null;
    subject_user_id: string | null;
    subject_name: string;
    subject_email: string;
    note?: string;
  },
): Promise<void> {
  await db('people_events').insert(row);
}

export function listEvents(db: Executor, districtId: string, limit: number): Promise<PeopleEventRow[]> {
  return db('people_events')
    .select('id', 'kind', 'actor_id', 'subject_user_id', 'subject_name', 'subject_email', 'note', 'created_at')
    .where({ district_id: districtId })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
}

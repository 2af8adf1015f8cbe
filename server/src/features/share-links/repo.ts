import type { SharePart } from '@planner/shared/share-link';
import type { Executor } from '../../db/knex';

/** The share-links feature owns `share_links`. */

export interface ShareLinkRow {
  id: string;
  district_id: string;
  plan_id: string;
  label: string;
  parts: SharePart[];
  expires_on: Date | string | null;
  created_by: string | null;
  created_at: Date;
  revoked_at: Date | null;
  open_count: number;
  last_opened_at: Date | null;
}

const columns = [
  'id',
  'district_id',
  'plan_id',
  'label',
  'parts',
  'expires_on',
  'created_by',
  'created_at',
  'revoked_at',
  'open_count',
  'last_opened_at',
];

export async function insertLink(
  db: Executor,
  row: Pick<ShareLinkRow, 'district_id' | 'plan_id' | 'label' | 'parts' | 'created_by'> & {
    token_hash: string;
    expires_on: string | null;
  },
): Promise<ShareLinkRow> {
  const [created] = (await db('share_links').insert(row).returning(columns)) as ShareLinkRow[];
  return created!;
}

/** A plan's links, revoked ones too (the admin sees what was shared), newest first. */
export function listForPlan(db: Executor, districtId: string, planId: string): Promise<ShareLinkRow[]> {
  return db('share_links')
    .select(columns)
    .where({ district_id: districtId, plan_id: planId })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
}

export function findForPlan(
  db: Executor,
  districtId: string,
  planId: string,
  id: string,
): Promise<ShareLinkRow | undefined> {
  return db('share_links').select(columns).where({ district_id: districtId, plan_id: planId, id }).first();
}

/** Revokes a link not yet revoked; answers the row as it is now. */
export async function revoke(db: Executor, districtId: string, id: string): Promise<void> {
  await db('share_links')
    .where({ district_id: districtId, id })
    .whereNull('revoked_at')
    .update({ revoked_at: db.fn.now() });
}

/** The link of a token unless revoked; whether its last day is past is the service's to say (the district's day). */
export function findUnrevoked(db: Executor, tokenHash: string): Promise<ShareLinkRow | undefined> {
  return db('share_links').select(columns).where({ token_hash: tokenHash }).whereNull('revoked_at').first();
}

export async function countOpening(db: Executor, id: string): Promise<void> {
  await db('share_links')
    .where({ id })
    .update({ open_count: db.raw('open_count + 1'), last_opened_at: db.fn.now() });
}

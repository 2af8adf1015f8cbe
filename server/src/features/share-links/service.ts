import { todayIso } from '@planner/shared/format';
import {
  lastDayHasPassed,
  lastDayPassedMessage,
  type CreateShareLink,
  type ShareLink,
  type ShareLinkWithUrl,
} from '@planner/shared/share-link';
import type { Executor } from '../../db/knex';
import { toIsoDate, toIsoDateTime } from '../../db/values';
import { AppError, invalidInput, notFound } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import type { ServiceDeps } from '../../http/routes';
import { hashToken, newToken } from '../../security/tokens';
import { timeZoneOf } from '../district-settings/service';
import { planOrNotFound } from '../plans/service';
import { namesOf } from '../users/service';
import * as repo from './repo';

export type { ShareLinkRow } from './repo';

/** The district's calendar day: a link works through its last day where the district is. */
const districtToday = async (db: Executor, districtId: string) => todayIso(await timeZoneOf(db, districtId));
const urlOf = (deps: ServiceDeps, token: string) => `${deps.config.publicUrl}/shared/${token}`;

async function present(db: Executor, districtId: string, rows: repo.ShareLinkRow[]): Promise<ShareLink[]> {
  const names = await namesOf(
    db,
    districtId,
    rows.flatMap((r) => r.created_by ?? []),
  );
  const now = await districtToday(db, districtId);
  return rows.map((row) => {
    const expiresOn = toIsoDate(row.expires_on);
    return {
      id: row.id,
      planId: row.plan_id,
      label: row.label,
      parts: row.parts,
      expiresOn,
      status: row.revoked_at ? 'revoked' : expiresOn !== null && expiresOn < now ? 'expired' : 'active',
      createdBy: row.created_by ? { id: row.created_by, name: names.get(row.created_by) ?? 'A former user' } : null,
      createdAt: toIsoDateTime(row.created_at),
      revokedAt: row.revoked_at ? toIsoDateTime(row.revoked_at) : null,
      openCount: row.open_count,
      lastOpenedAt: row.last_opened_at ? toIsoDateTime(row.last_opened_at) : null,
    };
  });
}

export async function listShareLinks(db: Executor, user: SignedInUser, planId: string): Promise<ShareLink[]> {
  await planOrNotFound(db, user.districtId, planId);
  return present(db, user.districtId, await repo.listForPlan(db, user.districtId, planId));
}

/** Makes a link to the plan; its address is answered this once and only its hash is kept. */
export async function createShareLink(
  db: Executor,
  deps: ServiceDeps,
  admin: SignedInUser,
  planId: string,
  input: CreateShareLink,
): Promise<ShareLinkWithUrl> {
  await planOrNotFound(db, admin.districtId, planId);
  if (lastDayHasPassed(input.expiresOn, await districtToday(db, admin.districtId))) {
    throw invalidInput([{ in: 'body', field: 'expiresOn', message: lastDayPassedMessage }]);
  }
  const { token, hash } = newToken();
  const row = await repo.insertLink(db, {
    district_id: admin.districtId,
    plan_id: planId,
    label: input.label,
    parts: input.parts,
    token_hash: hash,
    expires_on: input.expiresOn,
    created_by: admin.id,
  });
  const [link] = await present(db, admin.districtId, [row]);
  return { ...link!, url: urlOf(deps, token) };
}

export async function revokeShareLink(db: Executor, admin: SignedInUser, planId: string, linkId: string) {
  const link = await repo.findForPlan(db, admin.districtId, planId, linkId);
  if (!link) throw notFound('The share link');
  await repo.revoke(db, admin.districtId, linkId);
}

/**
 * The link of a token while it works, or a 404 that says no more than that: a revoked, expired and
 * never-made link answer alike. The token is looked up by its SHA-256, so no comparison of the secret
 * itself can leak by its timing.
 */
export async function usableLinkOrNotFound(db: Executor, token: string): Promise<repo.ShareLinkRow> {
  const link = await repo.findUnrevoked(db, hashToken(token));
  const expiresOn = link ? toIsoDate(link.expires_on) : null;
  if (!link || (expiresOn !== null && expiresOn < (await districtToday(db, link.district_id)))) {
    throw new AppError(
      'not_found',
      'This link no longer works: it may have expired or been revoked. Ask the district for a new one.',
    );
  }
  return link;
}

export const countOpening = (db: Executor, link: repo.ShareLinkRow) => repo.countOpening(db, link.id);

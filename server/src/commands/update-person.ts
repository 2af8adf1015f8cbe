import type { DistrictUser, UpdateUser } from '@planner/shared/user';
import type { Executor } from '../db/knex';
import type { SignedInUser } from '../http/auth';
import { spendResetLinksOf } from '../features/auth/service';
import { revokeInvitationsSentBy } from '../features/invitations/service';
import { updatePerson } from '../features/people/service';
import { settleRolesInReview, tellOfWaitingReviews } from '../features/roles/service';

/**
 * An admin changes a person (see people's updatePerson), with what follows in the same transaction:
 * - someone who is no longer an active district administrator, deactivated or given another role, keeps no
 *   open invitation: the links they sent are revoked, or they would still let people in, even as administrators;
 * - someone deactivated keeps no open password reset link, or one made before would let its holder in once
 *   they were made active again within its hour;
 * - a change of who leads the schools (a role, schools or being active) can complete a review round in which
 *   no one is left to decide: the roles in review are settled; and a principal who comes to lead a school is
 *   told of the roles in review for it that now wait for them.
 * The people feature cannot do these itself: the invitations, auth and roles features read it.
 */
export function changePerson(
  db: Executor,
  admin: SignedInUser,
  userId: string,
  input: UpdateUser,
): Promise<DistrictUser> {
  return db.transaction(async (trx) => {
    const { saved, was } = await updatePerson(trx, admin, userId, input);
    const ledBefore = was.active && was.role === 'principal' ? was.schoolIds : [];
    if (!saved.active || saved.role !== 'district_admin') {
      const reason = saved.active ? 'is no longer a district administrator' : 'was deactivated';
      await revokeInvitationsSentBy(trx, admin, saved, reason);
    }
    if (!saved.active) await spendResetLinksOf(trx, saved.id);
    if (input.active !== undefined || input.role !== undefined || input.schoolIds !== undefined) {
      await settleRolesInReview(trx, admin);
      if (saved.active && saved.role === 'principal') {
        const newSchools = saved.schoolIds.filter((id) => !ledBefore.includes(id));
        await tellOfWaitingReviews(trx, admin.districtId, userId, newSchools);
      }
    }
    return saved;
  });
}

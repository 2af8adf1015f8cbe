import type { CurrentUser } from '@planner/shared/auth';
import type { SignedInUser } from '../../http/auth';

export function presentCurrentUser(
  user: SignedInUser,
  schools: { id: string; name: string }[],
  csrfToken: string,
): CurrentUser {
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    district: { id: user.districtId, name: user.districtName, timeZone: user.districtTimeZone },
    schools: schools.map((s) => ({ id: s.id, name: s.name })),
    csrfToken,
  };
}

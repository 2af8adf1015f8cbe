import type { StageKey } from '@planner/shared/roadmap';

/** Where the roles pages link to, given by the route that shows them. */
export interface RoleLinks {
  /** The plan's list of roles. */
  roles: string;
  role: (roleId: string) => string;
  /** The role's own PDF, for the principal and the candidates. */
  rolePdf?: (roleId: string) => string;
  stage: (stageKey: StageKey) => string;
  /** The district's Schools and People pages, for an administrator, who adds schools and invites principals. */
  schools?: string;
  people?: string;
}

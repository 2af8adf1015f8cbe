import type { Budget } from '@planner/shared/budget';
import type { HighImpactAction, Plan } from '@planner/shared/plan';
import type { Role } from '@planner/shared/role';
import type { StageKey } from '@planner/shared/roadmap';

/** What an export reads: the plan as the API presents it, plus what the plan alone does not say. */
export interface PlanExportData {
  districtName: string;
  plan: Plan;
  /** The teacher-leader roles with their review status, and their cost against the plan's funding. */
  roles: Role[];
  budget: Budget;
  /** Only this stage, or the whole plan. */
  stage?: StageKey | undefined;
  exportedAt: Date;
  /** Names of the district's people, by id: whoever a row names (a measure's responsible person). */
  people: ReadonlyMap<string, string>;
  /** The owner's name as people know it: the chosen user's, or the name typed in. */
  ownerOf(action: HighImpactAction): string | null;
}

import type { AlignmentAnswer } from '@planner/shared/alignment';
import type { Budget } from '@planner/shared/budget';
import type { Misstep } from '@planner/shared/misstep';
import { ownerName } from '@planner/shared/dashboard';
import type { LogicModel } from '@planner/shared/logic-model';
import type { HighImpactAction, Plan } from '@planner/shared/plan';
import type { DomainScore } from '@planner/shared/readiness';
import type { Role } from '@planner/shared/role';
import type { SharedPlan } from '@planner/shared/share-link';
import type { StageKey } from '@planner/shared/roadmap';
import type { PdfTrace } from './pdf/trace-section';

/**
 * What an export reads: the plan as the API presents it, plus what the plan alone does not say. Plain
 * data only (no functions), so it crosses to the worker thread that renders the PDF as it is.
 */
export interface PlanExportData {
  districtName: string;
  /** The district's time zone: the export's day (its date, what is overdue) is the district's. */
  timeZone: string;
  plan: Plan;
  /** The district's day an archived plan was archived, said on the cover; without it, only that it is. */
  archivedOn?: string | undefined;
  /** The teacher-leader roles with their review status, and their cost against the plan's funding. */
  roles: Role[];
  budget: Budget;
  /** Whether the program's funding (each year's shortfall and recurring share) is shown: a share link may leave it out. */
  fundingShown?: boolean;
  /** Only this stage, or the whole plan. */
  stage?: StageKey | undefined;
  /** Only this role (its id): the role's own PDF, for the principal and the candidates. */
  roleId?: string | undefined;
  exportedAt: Date;
  /** Readiness self-assessment: each rated scope (the district, a school) and its domain averages. */
  readiness?: ReadinessScopeScores[];
  /** The plan's logic model, in the whole plan's PDF (its own landscape page). */
  logicModel?: LogicModel | undefined;
  /** Names of the district's people, by id: whoever a row names (a measure's responsible person). */
  people: ReadonlyMap<string, string>;
  /** The missteps to avoid, every stage's; left out (not shown) where an export does not carry them. */
  missteps?: Misstep[];
  /** The district's answers on the alignment factors, by role id; without them, no alignment is shown. */
  alignmentAnswers?: Record<string, AlignmentAnswer[]>;
  /** What the stakeholders said and what it shaped (bounded), in the whole plan's PDF; without it, none is shown. */
  trace?: PdfTrace;
  /** Whether the roles are shown: a share link may leave them out (then no roles section at all). */
  rolesShown?: boolean;
  /** Whether the measures are shown: a share link may leave them out (then no measures table in stage 3). */
  measuresShown?: boolean;
  /** Whether the plan's progress is on the cover: a share link shows it only with the stages or the dashboard. */
  progressShown?: boolean;
  /** Where the plan stands (progress, actions by stage, what is overdue), as a share link's page shows it; without it, none. */
  dashboard?: NonNullable<SharedPlan['dashboard']>;
  /**
   * For the public (a share link's PDF): each role as the shared page shows it, without its review, the
   * principal's part, bargaining constraints or which features schools may adapt.
   */
  forPublic?: boolean;
}

export interface ReadinessScopeScores {
  scope: string;
  scores: DomainScore[];
}

/** An action's owner as people know them: the chosen user's name, or the name typed in. */
export const ownerOf = (data: PlanExportData, action: HighImpactAction): string | null =>
  ownerName(
    action,
    [...data.people].map(([id, name]) => ({ id, name })),
  );

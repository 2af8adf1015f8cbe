import { z } from 'zod';
import { planAlignmentSchema } from './alignment';
import { isoDateSchema, lineSchema } from './common';
import { dashboardSchema } from './dashboard';
import { logicModelSchema } from './logic-model';
import { measureSchema } from './measure';
import { misstepSchema } from './misstep';
import { planProgressSchema, planStageSchema, planStatusSchema, planTablesSchema } from './plan';
import { readinessDomains, type ReadinessDomainKey } from './readiness';
import { roleKinds, roleStatuses } from './role';
import { traceEntrySchema } from './stakeholder-input';

/**
 * A read-only link to a plan, for the board or the community: whoever has it reads the parts it shows,
 * without signing in, until it expires or is revoked. Its token is shown once and stored only hashed.
 */

export const shareParts = [
  'dashboard',
  'stages',
  'readiness',
  'missteps',
  'measures',
  'roles',
  'alignment',
  'budget',
  'logic-model',
  'trace',
] as const;
export type SharePart = (typeof shareParts)[number];
export const sharePartLabels: Record<SharePart, string> = {
  dashboard: 'Dashboard',
  stages: 'Stages with answers and actions',
  readiness: 'Readiness self-assessment, in stage 2',
  missteps: 'Missteps to avoid, in each stage',
  measures: 'Measures',
  roles: 'Approved roles',
  alignment: 'Framework alignment of the approved roles',
  budget: 'Budget',
  'logic-model': 'Logic model',
  trace: 'What we heard, and what we did with it',
};
/**
 * Parts shown inside another (a stage's, a role's), so only with it. A link keeps the parts it was made
 * with: parts added since are not shown by older links until the district makes a new one.
 */
export const sharePartParents: Partial<Record<SharePart, SharePart>> = {
  readiness: 'stages',
  missteps: 'stages',
  alignment: 'roles',
};
/** What a link shows when it names no parts: the stakeholder trace only when ticked, as it quotes people. */
export const defaultShareParts: SharePart[] = shareParts.filter((part) => part !== 'trace');

export const shareLinkLabelMax = 200;

/**
 * The last day a link works, or null for none (it stays up until revoked). It must be the district's today
 * or later (`lastDayHasPassed`): the service checks it where the district's time zone is known, the form
 * in the zone of the signed-in person's district.
 */
export const shareLinkExpirySchema = isoDateSchema.nullable();
export const lastDayPassedMessage = 'must be today or later';
/** Whether a last day is before `today`, the district's calendar day (YYYY-MM-DD). */
export const lastDayHasPassed = (expiresOn: string | null, today: string) => expiresOn !== null && expiresOn < today;

export const createShareLinkSchema = z
  .object({
    label: lineSchema(shareLinkLabelMax).default(''),
    /** The last day the link works; null keeps it up until it is revoked. */
    expiresOn: shareLinkExpirySchema.default(null),
    parts: z
      .array(z.enum(shareParts, { error: `must each be one of ${shareParts.join(', ')}` }), {
        error: 'must be a list of parts',
      })
      .min(1, { error: 'must include at least one part' })
      .max(shareParts.length, { error: 'must list each part once' })
      .refine((parts) => new Set(parts).size === parts.length, { error: 'must list each part once' })
      .superRefine((parts, ctx) => {
        for (const part of parts) {
          const parent = sharePartParents[part];
          if (parent && !parts.includes(parent)) {
            ctx.addIssue({
              code: 'custom',
              message: `must include ${parent} to show ${part} (${sharePartLabels[part]})`,
            });
          }
        }
      })
      .default([...defaultShareParts]),
  })
  .meta({
    id: 'CreateShareLink',
    example: { label: 'For the March board meeting', expiresOn: null, parts: ['dashboard', 'stages', 'measures'] },
  });
export type CreateShareLink = z.infer<typeof createShareLinkSchema>;
/** What the form holds before defaults are applied. */
export type CreateShareLinkInput = z.input<typeof createShareLinkSchema>;

export const shareLinkStatuses = ['active', 'expired', 'revoked'] as const;
export type ShareLinkStatus = (typeof shareLinkStatuses)[number];
export const shareLinkStatusLabels: Record<ShareLinkStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
};

export const shareLinkSchema = z
  .object({
    id: z.uuid(),
    planId: z.uuid(),
    label: z.string(),
    parts: z.array(z.enum(shareParts)),
    expiresOn: isoDateSchema.nullable(),
    status: z.enum(shareLinkStatuses),
    createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    openCount: z.number().int(),
    lastOpenedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ShareLink' });
export type ShareLink = z.infer<typeof shareLinkSchema>;

/** A link just made, with its address: shown once, to copy; never stored. */
export const shareLinkWithUrlSchema = shareLinkSchema.extend({ url: z.url() }).meta({ id: 'ShareLinkWithUrl' });
export type ShareLinkWithUrl = z.infer<typeof shareLinkWithUrlSchema>;

export const shareLinkListSchema = z.object({ shareLinks: z.array(shareLinkSchema) }).meta({ id: 'ShareLinkList' });
export type ShareLinkList = z.infer<typeof shareLinkListSchema>;

export const shareLinkParamsSchema = z.object({
  planId: z.uuid({ error: 'must be a plan id (a UUID)' }),
  linkId: z.uuid({ error: 'must be a share link id (a UUID)' }),
});

/** Tokens are 32 random bytes in base64url: 43 characters. */
export const sharedTokenParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'is not a link this planner made' }),
});

/** An approved role as the board and teachers read it: what it is, where, what it asks and pays, what it costs; no reviews or people. */
export const sharedRoleSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.enum(roleKinds),
  purpose: z.string(),
  responsibilities: z.array(z.string()),
  schools: z.array(z.string()),
  positions: z.number().int(),
  /** Null while not yet decided. */
  releasePercent: z.number().nullable(),
  status: z.enum(roleStatuses),
  /** What the role costs a year; null when the link leaves the budget out (the page then shows no cost). */
  totalCents: z.number().int().nullable(),
  /** What a teacher weighing the role reads up front: time, reach, pay, selection, term, training (`applicantDetailsOf`). */
  details: z.array(z.object({ label: z.string(), text: z.string() })),
});
export type SharedRole = z.infer<typeof sharedRoleSchema>;

/** One rated scope's readiness (the district, a school): each domain's average, as the PDF shows it. */
export const sharedReadinessSchema = z.object({
  scope: z.string(),
  scores: z.array(
    z.object({
      domainKey: z.enum(readinessDomains.map((d) => d.key) as [ReadinessDomainKey, ...ReadinessDomainKey[]]),
      title: z.string(),
      average: z.number().nullable(),
      rated: z.number().int(),
      low: z.number().int(),
      previousAverage: z.number().nullable(),
    }),
  ),
});
export type SharedReadiness = z.infer<typeof sharedReadinessSchema>;

/**
 * The dashboard as a share link shows it: progress and actions, nobody's name, and no figure of the
 * measures, roles or budget (those are parts of their own, shown as such when the link names them).
 */
export const sharedDashboardSchema = dashboardSchema
  .pick({ today: true, progress: true, stages: true, actionTotals: true })
  .extend({
    overdueActions: z.array(dashboardSchema.shape.overdueActions.element.omit({ owner: true })),
  })
  .meta({ id: 'SharedDashboard' });

/**
 * The budget as a share link's page and PDF show it: what the approved roles cost a year, the average teacher
 * cost and contract days it is priced at, and each school year's cost against its secured funding. Nothing of pending or hoped-for money, of grants against recurring
 * budget, or of any role (a role's cost is on the role, when the link shares the roles too).
 */
export const sharedBudgetSchema = z
  .object({
    totalCents: z.number().int(),
    /** The figures released time and extra days are priced at, as the district set them for the plan. */
    averageTeacherCostCents: z.number().int(),
    contractDays: z.number().int(),
    years: z.array(
      z.object({
        schoolYear: z.string(),
        costCents: z.number().int(),
        securedCents: z.number().int(),
        shortfallCents: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'SharedBudget' });
export type SharedBudget = z.infer<typeof sharedBudgetSchema>;

/** The plan as a share link shows it: only the parts the link names (the others are null). */
export const sharedPlanSchema = z
  .object({
    districtName: z.string(),
    /** The district's time zone (IANA), in which the page shows its times, as the signed-in pages do. */
    districtTimeZone: z.string(),
    label: z.string(),
    expiresOn: isoDateSchema.nullable(),
    /** When the planner read the plan for this answer: what it shows is the plan as it stood then. */
    readAt: z.iso.datetime(),
    parts: z.array(z.enum(shareParts)),
    plan: z.object({
      title: z.string(),
      schoolYear: z.string(),
      status: planStatusSchema,
      /**
       * The district's day the plan was archived, while it is (a share link keeps working): its page and PDF
       * say so. Null while it is not archived, or when its history does not say the day.
       */
      archivedOn: isoDateSchema.nullable(),
      updatedAt: z.iso.datetime(),
      /** Progress belongs to the stages and the dashboard: null when the link shares neither. */
      progress: planProgressSchema.nullable(),
    }),
    dashboard: sharedDashboardSchema.nullable(),
    stages: z.array(planStageSchema).nullable(),
    tables: planTablesSchema.omit({ measures: true }).nullable(),
    measures: z.array(measureSchema).nullable(),
    /** Each stage's missteps to avoid, and stage 2's readiness self-assessment: parts shown with the stages. */
    missteps: z.array(misstepSchema).nullable(),
    readiness: z.array(sharedReadinessSchema).nullable(),
    roles: z.array(sharedRoleSchema).nullable(),
    /** How the approved roles align with the frameworks (the district's answers included): shown with the roles. */
    alignment: planAlignmentSchema.nullable(),
    budget: sharedBudgetSchema.nullable(),
    /** Links only to what the link shows by itself; no choices to link to. */
    logicModel: logicModelSchema.nullable(),
    /** The newest inputs (at most `traceInputLimit`) by stakeholder; `traceTotal` says how many there are in all. */
    trace: z.array(traceEntrySchema).nullable(),
    traceTotal: z.number().int().nonnegative().nullable(),
  })
  .meta({ id: 'SharedPlan' });
export type SharedPlan = z.infer<typeof sharedPlanSchema>;

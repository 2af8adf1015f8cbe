import { z } from 'zod';
import {
  choiceSchema,
  deleteRowQuerySchema,
  isoDateSchema,
  lineSchema,
  queryWholeNumberSchema,
  schoolYearSchema,
  seenVersionSchema,
  versionSchema,
  withFieldToChange,
  withoutHiddenControls,
} from './common';
import { roadmapTemplate, stageKeys, type StageKey } from './roadmap';
import { measureSchema } from './measure';
import { stageTableRowSchemas } from './stage-tables';
import { actionStatusLabels, actionStatuses, limits, planStatusLabels, planStatuses } from './plan-labels';

export {
  actionStatusLabels,
  actionStatuses,
  limits,
  planStatusLabels,
  planStatuses,
  type ActionStatus,
  type PlanStatus,
} from './plan-labels';

export const planStatusSchema = choiceSchema(planStatuses, planStatusLabels);

export const actionStatusSchema = choiceSchema(actionStatuses, actionStatusLabels);

const stageTitles = Object.fromEntries(roadmapTemplate.map((s) => [s.key, s.title])) as Record<StageKey, string>;
export const stageKeySchema = choiceSchema(stageKeys, stageTitles);

const uuid = (what: string) => z.uuid({ error: `must be ${what} id (a UUID)` });

const title = lineSchema(limits.title).min(1, { error: 'must not be empty' });

// ---- Requests -------------------------------------------------------------------------------------

export const planParamsSchema = z.object({ planId: uuid('a plan') });
export const questionParamsSchema = planParamsSchema.extend({
  questionKey: z.string().regex(/^[a-z0-9.-]{1,80}$/, { error: 'must be a question key such as design.q1' }),
});
export const actionParamsSchema = planParamsSchema.extend({ actionId: uuid('an action') });

/** Removing an own question names its version and its answer's as seen: an answer written since is not lost unseen. */
export const deleteQuestionQuerySchema = deleteRowQuerySchema.extend({ answerVersion: seenVersionSchema('answer') });
export type DeleteQuestionQuery = z.infer<typeof deleteQuestionQuerySchema>;

export const createPlanSchema = z
  .object({ title, schoolYear: schoolYearSchema })
  .meta({ id: 'CreatePlan', example: { title: 'Teacher leadership plan 2027-28', schoolYear: '2027-28' } });
export type CreatePlan = z.infer<typeof createPlanSchema>;

/**
 * A copy for another school year: answers, actions (statuses start again, due dates cleared), the
 * district's own questions and every stage table (measures without their readings); the roles too,
 * as drafts, when asked.
 */
export const copyPlanSchema = createPlanSchema
  .extend({ copyRoles: z.boolean({ error: 'must be true or false' }).default(false) })
  .meta({
    id: 'CopyPlan',
    example: { title: 'Teacher leadership plan 2028-29', schoolYear: '2028-29', copyRoles: true },
  });
export type CopyPlan = z.infer<typeof copyPlanSchema>;

/**
 * A number the plan needs: missing (an emptied field) "is required"; every check carries its own message,
 * or the schema's would stand for it ("must be a whole number" of a 0).
 */
const requiredNumber = (wrongType: string) =>
  z.number({ error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : wrongType) });

/** What the district pays for a teacher in a year, to cost released time and supplements. */
const averageTeacherCostCents = requiredNumber('must be a whole number of cents')
  .int({ error: 'must be a whole number of cents' })
  .min(0, { error: 'must not be negative' })
  .max(10_000_000_00, { error: 'must be at most 10 million dollars' });
const contractDays = requiredNumber('must be a whole number')
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1' })
  .max(366, { error: 'must be at most 366' });

export const updatePlanSchema = withFieldToChange(
  z.object({
    title: title.optional(),
    schoolYear: schoolYearSchema.optional(),
    status: planStatusSchema.optional(),
    averageTeacherCostCents: averageTeacherCostCents.optional(),
    contractDays: contractDays.optional(),
    version: versionSchema,
  }),
).meta({ id: 'UpdatePlan', example: { title: 'Renamed plan', version: 1 } });
export type UpdatePlan = z.infer<typeof updatePlanSchema>;

export const saveAnswerSchema = z
  .object({
    text: z
      .string({ error: 'must be text' })
      .overwrite(withoutHiddenControls)
      .max(limits.answer, { error: `must be at most ${limits.answer} characters` }),
    version: versionSchema,
  })
  .meta({
    id: 'SaveAnswer',
    example: { text: 'Teacher leaders will advance our early-literacy priority.', version: 1 },
  });
export type SaveAnswer = z.infer<typeof saveAnswerSchema>;

const questionText = lineSchema(limits.questionText).min(1, { error: 'must not be empty' });

export const createQuestionSchema = z
  .object({ stageKey: stageKeySchema, text: questionText })
  .meta({ id: 'CreateQuestion', example: { stageKey: 'context', text: 'Which schools already run strong PLCs?' } });
export type CreateQuestion = z.infer<typeof createQuestionSchema>;

export const updateQuestionSchema = withFieldToChange(
  z.object({ text: questionText.optional(), notApplicable: z.boolean().optional(), version: versionSchema }),
).meta({ id: 'UpdateQuestion', example: { notApplicable: true, version: 1 } });
export type UpdateQuestion = z.infer<typeof updateQuestionSchema>;

const actionText = lineSchema(limits.actionText).min(1, { error: 'must not be empty' });
const actionFields = {
  status: actionStatusSchema,
  ownerUserId: uuid('a user').nullable(),
  ownerName: lineSchema(limits.ownerName).nullable(),
  dueDate: isoDateSchema.nullable(),
  notes: z
    .string({ error: 'must be text' })
    .overwrite(withoutHiddenControls)
    .max(limits.notes, { error: `must be at most ${limits.notes} characters` }),
};

export const createActionSchema = z
  .object({ stageKey: stageKeySchema, text: actionText, ...z.object(actionFields).partial().shape })
  .meta({
    id: 'CreateAction',
    example: {
      stageKey: 'build',
      text: 'Hold a principals’ workshop on managing teacher leaders.',
      dueDate: '2027-01-15',
    },
  });
export type CreateAction = z.infer<typeof createActionSchema>;

export const updateActionSchema = withFieldToChange(
  z.object({
    text: actionText.optional(),
    notApplicable: z.boolean().optional(),
    ...z.object(actionFields).partial().shape,
    version: versionSchema,
  }),
).meta({ id: 'UpdateAction', example: { status: 'in_progress', version: 1 } });
export type UpdateAction = z.infer<typeof updateActionSchema>;

/** One status or owner for several actions at once, each at the version the person loaded: all or none. */
export const bulkUpdateActionsSchema = z
  .object({
    actions: z
      .array(z.object({ id: uuid('an action'), version: versionSchema }), { error: 'must list the actions' })
      .min(1, { error: 'must name at least one action' })
      .max(500, { error: 'must name at most 500 actions' })
      .refine((list) => new Set(list.map((a) => a.id)).size === list.length, {
        error: 'must not name an action twice',
      }),
    status: actionStatusSchema.optional(),
    ownerUserId: uuid('a user').nullable().optional(),
  })
  .refine((b) => b.status !== undefined || b.ownerUserId !== undefined, {
    path: ['status'],
    error: 'choose a status or an owner to apply',
  })
  .meta({
    id: 'BulkUpdateActions',
    example: { actions: [{ id: '4d7c9a52-6f1e-4d0a-9a43-1f3e5b2c7d10', version: 1 }], status: 'in_progress' },
  });
export type BulkUpdateActions = z.infer<typeof bulkUpdateActionsSchema>;

// ---- Responses ------------------------------------------------------------------------------------

const progressSchema = z.object({
  answeredQuestions: z.number().int(),
  applicableQuestions: z.number().int(),
  doneActions: z.number().int(),
  applicableActions: z.number().int(),
  percent: z.number().int(),
});
export const planProgressSchema = progressSchema
  .extend({ stages: z.array(progressSchema.extend({ stageKey: z.string() })) })
  .meta({ id: 'PlanProgress' });

export const planSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    schoolYear: z.string(),
    status: planStatusSchema,
    version: z.number().int(),
    copiedFromPlanId: z.uuid().nullable(),
    averageTeacherCostCents: z.number().int(),
    contractDays: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    progress: planProgressSchema,
  })
  .meta({ id: 'PlanSummary' });
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const planListSchema = z.object({ plans: z.array(planSummarySchema) }).meta({ id: 'PlanList' });
export type PlanList = z.infer<typeof planListSchema>;

export const keyQuestionSchema = z
  .object({
    key: z.string(),
    stageKey: stageKeySchema,
    text: z.string(),
    isCustom: z.boolean(),
    notApplicable: z.boolean(),
    position: z.number().int(),
    version: z.number().int(),
    answer: z.object({
      text: z.string(),
      version: z.number().int(),
      updatedAt: z.iso.datetime().nullable(),
      updatedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    }),
  })
  .meta({ id: 'KeyQuestion' });
export type KeyQuestion = z.infer<typeof keyQuestionSchema>;

export const highImpactActionSchema = z
  .object({
    id: z.uuid(),
    stageKey: stageKeySchema,
    templateKey: z.string().nullable(),
    text: z.string(),
    isCustom: z.boolean(),
    notApplicable: z.boolean(),
    position: z.number().int(),
    status: actionStatusSchema,
    ownerUserId: z.uuid().nullable(),
    ownerName: z.string().nullable(),
    dueDate: z.string().nullable(),
    notes: z.string(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'HighImpactAction' });
export type HighImpactAction = z.infer<typeof highImpactActionSchema>;

export const bulkUpdateActionsResultSchema = z
  .object({ actions: z.array(highImpactActionSchema) })
  .meta({ id: 'BulkUpdateActionsResult' });

export const planStageSchema = z
  .object({
    key: stageKeySchema,
    order: z.number().int(),
    title: z.string(),
    summary: z.string(),
    questions: z.array(keyQuestionSchema),
    actions: z.array(highImpactActionSchema),
  })
  .meta({ id: 'PlanStage' });
export type PlanStage = z.infer<typeof planStageSchema>;

/** Every stage table of the plan, by table name (see stage-tables.ts). */
export const planTablesSchema = z
  .object({
    priorities: z.array(stageTableRowSchemas.priorities),
    stakeholders: z.array(stageTableRowSchemas.stakeholders),
    fundingSources: z.array(stageTableRowSchemas.fundingSources),
    dataSystems: z.array(stageTableRowSchemas.dataSystems),
    expertise: z.array(stageTableRowSchemas.expertise),
    collaborationAreas: z.array(stageTableRowSchemas.collaborationAreas),
    measures: z.array(measureSchema),
    decisions: z.array(stageTableRowSchemas.decisions),
    partners: z.array(stageTableRowSchemas.partners),
  })
  .meta({ id: 'PlanTables' });

export type PlanTables = z.infer<typeof planTablesSchema>;

export const planSchema = planSummarySchema
  .extend({ stages: z.array(planStageSchema), tables: planTablesSchema })
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof planSchema>;

/** Everything that goes when a plan is deleted, counted, for the person to confirm. */
export const planContentsSchema = z
  .object({
    answeredQuestions: z.number().int(),
    ownQuestions: z.number().int(),
    actions: z.number().int(),
    /** Rows of each stage table other than measures, by table name. */
    tableRows: z.array(z.object({ table: z.string(), title: z.string(), rows: z.number().int() })),
    measures: z.number().int(),
    readings: z.number().int(),
    roles: z.number().int(),
    reviewDecisions: z.number().int(),
    /** Comments on the plan's items, not deleted. */
    comments: z.number().int(),
    /**
     * How many changes the plan's history holds as these were counted, with its comments' versions: any
     * save since (of any item, roles, reviews and comments too) makes it grow. The delete sends it back.
     */
    revision: z.number().int(),
  })
  .meta({ id: 'PlanContents' });
export type PlanContents = z.infer<typeof planContentsSchema>;

/** Deleting a plan names the contents the person confirmed: a plan changed since is not deleted. */
export const deletePlanQuerySchema = z.object({
  revision: queryWholeNumberSchema(0, 'send the revision of the contents you confirmed'),
});
export type DeletePlanQuery = z.infer<typeof deletePlanQuerySchema>;

import { z } from 'zod';
import { countOf, formatCents, formatDate, listOf } from './format';
import {
  choiceSchema,
  deleteRowQuerySchema,
  isoDateSchema,
  lineSchema,
  queryWholeNumberSchema,
  textSchema,
  versionSchema,
  withFieldToChange,
} from './common';

/**
 * Teacher-leader role definitions (stage 4) and the principals' review of them. Field names follow what
 * districts put in a role description (DOMAIN.md): Indiana, Delaware and West Virginia templates, Denver,
 * Iowa's TLC and Opportunity Culture.
 */

export const roleKinds = [
  'instructional_coach',
  'mentor',
  'plc_facilitator',
  'grade_or_department_lead',
  'multi_classroom_leader',
  'data_lead',
  'curriculum_lead',
  'hybrid',
  'ambassador_or_policy',
  'other',
] as const;
export type RoleKind = (typeof roleKinds)[number];
export const roleKindLabels: Record<RoleKind, string> = {
  instructional_coach: 'Instructional coach',
  mentor: 'Mentor or induction coach',
  plc_facilitator: 'PLC or team facilitator',
  grade_or_department_lead: 'Grade-level or department lead',
  multi_classroom_leader: 'Multi-classroom leader',
  data_lead: 'Data or assessment lead',
  curriculum_lead: 'Curriculum lead',
  hybrid: 'Hybrid role',
  ambassador_or_policy: 'Ambassador or policy fellow',
  other: 'Other',
};

/** Role definitions a plan may hold, as a stage table holds at most 200 rows (stage-tables.ts). */
export const maxRolesPerPlan = 200;

export const payKinds = ['stipend', 'percent_supplement', 'extra_days'] as const;
export type PayKind = (typeof payKinds)[number];
export const payKindLabels: Record<PayKind, string> = {
  stipend: 'Stipend',
  percent_supplement: 'Percentage supplement',
  extra_days: 'Extra contract days',
};
export const payFundings = ['recurring', 'grant'] as const;
export const payFundingLabels: Record<(typeof payFundings)[number], string> = {
  recurring: 'Recurring budget',
  grant: 'Grant',
};

/** Teacher Leader Model Standards (2011), seven domains. */
export const tlmsDomains = [
  { number: 1, title: 'Fostering a collaborative culture to support educator development and student learning' },
  { number: 2, title: 'Accessing and using research to improve practice and student learning' },
  { number: 3, title: 'Promoting professional learning for continuous improvement' },
  { number: 4, title: 'Facilitating improvements in instruction and student learning' },
  { number: 5, title: 'Promoting the use of assessments and data for school and district improvement' },
  { number: 6, title: 'Improving outreach and collaboration with families and community' },
  { number: 7, title: 'Advocating for student learning and the profession' },
] as const;

export const roleStatuses = ['draft', 'in_review', 'changes_requested', 'approved'] as const;
export type RoleStatus = (typeof roleStatuses)[number];
export const roleStatusLabels: Record<RoleStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
};

export const reviewDecisions = ['approve', 'request_changes'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
export const reviewDecisionLabels: Record<ReviewDecision, string> = {
  approve: 'Approve',
  request_changes: 'Request changes',
};

export const fieldModes = ['tight', 'loose'] as const;
export type FieldMode = (typeof fieldModes)[number];

const wholeNumber = (max: number) =>
  z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must not be negative' })
    .max(max, { error: `must be at most ${max}` });
const ids = (what: string, max: number) =>
  z
    .array(z.uuid({ error: `must be ${what} ids (UUIDs)` }))
    .max(max, { error: `must list at most ${max}` })
    .refine((list) => new Set(list).size === list.length, {
      error: 'must not list the same one twice',
    });

export const responsibilitySchema = z.object({
  text: lineSchema(1000).min(1, { error: 'must not be empty' }),
  /** Teacher Leader Model Standards domains (1 to 7). */
  domains: z
    .array(
      z
        .number({ error: 'must be a domain from 1 to 7' })
        .int({ error: 'must be a domain from 1 to 7' })
        .min(1, { error: 'must be a domain from 1 to 7' })
        .max(7, { error: 'must be a domain from 1 to 7' }),
      { error: 'must be a list of domains' },
    )
    .max(7, { error: 'must list at most 7 domains' })
    .refine((list) => new Set(list).size === list.length, { error: 'must not list the same domain twice' })
    .default([]),
});
export type Responsibility = z.infer<typeof responsibilitySchema>;

export const roleTitleMax = 200;

/** The substance of a role: what a principal reviews. Everything but the title has a default, so a draft can start small. */
export const roleFields = z.object({
  title: lineSchema(roleTitleMax).min(1, { error: 'must not be empty' }),
  kind: choiceSchema(roleKinds, roleKindLabels).default('other'),
  purpose: textSchema(5000).default(''),
  priorityIds: ids('priority', 50).default([]),
  responsibilities: z
    .array(responsibilitySchema)
    .max(30, { error: 'must list at most 30 responsibilities' })
    .default([]),
  /** Null, as each field below that is nullable, until someone chooses it: undecided is not 0%, No or a budget. */
  releasePercent: wholeNumber(100).nullable().default(null),
  teachingLoad: lineSchema(1000).default(''),
  /** Null while the district has not estimated it: unknown is not zero. */
  reachTeachers: wholeNumber(10_000).nullable().default(null),
  reachStudents: wholeNumber(1_000_000).nullable().default(null),
  payKind: choiceSchema(payKinds, payKindLabels).nullable().default(null),
  stipendCents: wholeNumber(100_000_000).nullable().default(null),
  supplementPercent: z
    .number({ error: 'must be a number' })
    .min(0, { error: 'must not be negative' })
    .max(100, { error: 'must be at most 100' })
    .nullable()
    .default(null),
  extraDays: wholeNumber(100).nullable().default(null),
  payFunding: choiceSchema(payFundings, payFundingLabels).nullable().default(null),
  positions: wholeNumber(10_000).default(1),
  schoolIds: ids('school', 500).default([]),
  eligibility: textSchema(2000).default(''),
  selectionProcess: textSchema(2000).default(''),
  selectedBy: lineSchema(500).default(''),
  applicationOpens: isoDateSchema.nullable().default(null),
  applicationCloses: isoDateSchema.nullable().default(null),
  term: lineSchema(200).default(''),
  renewal: lineSchema(1000).default(''),
  reportsTo: lineSchema(200).default(''),
  evaluatesStaff: z.boolean().nullable().default(null),
  supervisesStaff: z.boolean().nullable().default(null),
  measureIds: ids('measure', 50).default([]),
  teacherLeaderEvaluation: textSchema(2000).default(''),
  training: textSchema(2000).default(''),
  principalRole: textSchema(2000).default(''),
  unionConstraints: textSchema(2000).default(''),
  developedJointly: z.boolean().nullable().default(null),
});

export type RoleFieldName = keyof z.infer<typeof roleFields>;

type ApplicationDay = 'applicationOpens' | 'applicationCloses';
/**
 * Applications that close before they open, said of the day the person set (both set: the closing one);
 * null when the window reads forward. ISO days compare as text.
 */
export function applicationWindowProblem(
  window: { applicationOpens: string | null; applicationCloses: string | null },
  changed: ApplicationDay,
): { field: ApplicationDay; message: string } | null {
  const { applicationOpens: opens, applicationCloses: closes } = window;
  if (opens === null || closes === null || closes >= opens) return null;
  return changed === 'applicationOpens'
    ? { field: changed, message: `must be on or before the day applications close, ${formatDate(closes)}` }
    : { field: changed, message: `must be on or after the day applications open, ${formatDate(opens)}` };
}
export const roleFieldNames = Object.keys(roleFields.shape) as RoleFieldName[];

/** The words people see for each field (forms, review diffs, the PDF). */
export const roleFieldLabels: Record<RoleFieldName, string> = {
  title: 'Title',
  kind: 'Kind of role',
  purpose: 'Purpose',
  priorityIds: 'District priorities it advances',
  responsibilities: 'Responsibilities',
  releasePercent: 'Time released from teaching (% of the week)',
  teachingLoad: 'Teaching load kept',
  reachTeachers: 'Teachers served',
  reachStudents: 'Students served',
  payKind: 'Kind of pay',
  stipendCents: 'Stipend',
  supplementPercent: 'Supplement (% of salary)',
  extraDays: 'Extra contract days',
  payFunding: 'Paid from',
  positions: 'Number of positions',
  schoolIds: 'Schools',
  eligibility: 'Eligibility',
  selectionProcess: 'Selection process',
  selectedBy: 'Who selects',
  applicationOpens: 'Applications open',
  applicationCloses: 'Applications close',
  term: 'Term',
  renewal: 'Renewal',
  reportsTo: 'Reports to',
  evaluatesStaff: 'Evaluates other staff',
  supervisesStaff: 'Supervises other staff',
  measureIds: 'Measures of its success',
  teacherLeaderEvaluation: 'How the teacher leader is evaluated',
  training: 'Training and support',
  principalRole: "The principal's part",
  unionConstraints: 'Collective-bargaining constraints',
  developedJointly: 'Developed jointly with the union',
};

/** The kind of pay and its amounts, which only mean something together (see isShownPayField). */
export const payFields = ['payKind', 'stipendCents', 'supplementPercent', 'extraDays'] as const;

/**
 * The fields that start empty on a blank role and stay so until someone chooses them, each reading
 * "Not yet decided" meanwhile (the reach, which is estimated, and the application days, which are set, read otherwise).
 */
export const decidedLaterFields = [
  'releasePercent',
  'payKind',
  'stipendCents',
  'supplementPercent',
  'extraDays',
  'payFunding',
  'evaluatesStaff',
  'supervisesStaff',
  'developedJointly',
] as const satisfies readonly RoleFieldName[];

/** The field that holds the amount of each kind of pay. */
export const payKindAmountField = {
  stipend: 'stipendCents',
  percent_supplement: 'supplementPercent',
  extra_days: 'extraDays',
} as const satisfies Record<PayKind, RoleFieldName>;

/**
 * Only the pay amount that goes with the kind of pay is a feature of the role: the others are not shown, nor is any
 * while the kind of pay is not yet decided.
 */
export function isShownPayField(field: RoleFieldName, role: Pick<Role, 'payKind'>): boolean {
  if (field === 'stipendCents') return role.payKind === 'stipend';
  if (field === 'supplementPercent') return role.payKind === 'percent_supplement';
  if (field === 'extraDays') return role.payKind === 'extra_days';
  return true;
}

/** Each mode in words, as the history and the PDF say it. */
export const fieldModeLabels: Record<FieldMode, string> = {
  tight: 'Set by the district',
  loose: 'Adapted by each school',
};

/** "Set by (Term)": the mode of one field, as a change or a conflict names it. */
export const fieldModeLabel = (field: RoleFieldName) => `Set by (${roleFieldLabels[field]})`;

const modeFieldName = z.enum(roleFieldNames as [RoleFieldName, ...RoleFieldName[]]);
const modeSchema = choiceSchema(fieldModes, fieldModeLabels);

/** For each field, whether the district sets it ("tight") or each school may adapt it ("loose"); a field not listed is not decided. */
export const fieldModesSchema = z.partialRecord(modeFieldName, modeSchema);
export type FieldModes = z.infer<typeof fieldModesSchema>;

/**
 * A change of who sets the fields: only the fields listed change, each to its mode, or back to not decided with
 * null. Each field's mode is its own, so two people who set the modes of two fields both keep theirs.
 */
export const fieldModesChangeSchema = z.partialRecord(modeFieldName, modeSchema.nullable());
export type FieldModesChange = z.infer<typeof fieldModesChangeSchema>;

/** `modes` with `change` on top: a mode set, or cleared by null; the fields it does not list as they were. */
export function withFieldModes(modes: FieldModes, change: FieldModesChange): FieldModes {
  const next: FieldModes = { ...modes };
  for (const [field, mode] of Object.entries(change) as [RoleFieldName, FieldMode | null | undefined][]) {
    if (mode === undefined) continue;
    if (mode === null) delete next[field];
    else next[field] = mode;
  }
  return next;
}

export const roleParamsSchema = z.object({
  planId: z.uuid({ error: 'must be a plan id (a UUID)' }),
  roleId: z.uuid({ error: 'must be a role id (a UUID)' }),
});

/**
 * Removing a role names its version, status and review decisions as seen: a principal's review adds a
 * decision, and may move the status, but not the version (so that it never conflicts with an edit), and a
 * role reviewed since is not removed unseen with its reviews.
 */
export const deleteRoleQuerySchema = deleteRowQuerySchema.extend({
  status: z.enum(roleStatuses, {
    error: (issue) =>
      issue.input === undefined
        ? 'is required: send the status of the role as you saw it'
        : `must be one of ${roleStatuses.join(', ')}`,
  }),
  reviews: queryWholeNumberSchema(0, 'send how many review decisions of the role you saw'),
});
export type DeleteRoleQuery = z.infer<typeof deleteRoleQuerySchema>;

const partialFields = Object.fromEntries(
  Object.entries(roleFields.shape as Record<string, z.ZodType>).map(([name, schema]) => [
    name,
    (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional(),
  ]),
) as { [K in RoleFieldName]: z.ZodOptional<z.ZodType<z.infer<typeof roleFields>[K]>> };

/**
 * A new role: any of the fields, on top of an archetype of the role library when one is named, on top of
 * the defaults. The title is needed from one or the other.
 */
export const createRoleSchema = z
  .object({
    ...partialFields,
    archetype: z.string({ error: 'must be text' }).max(50, { error: 'must be at most 50 characters' }).optional(),
    fieldModes: fieldModesSchema.optional(),
  })
  .meta({ id: 'CreateRole', example: { title: 'Literacy coach', archetype: 'coach' } });
export type CreateRole = z.infer<typeof createRoleSchema>;

/**
 * An edit names the version it was based on and, optionally, the status the person saw: a review decision
 * moves the status but not the version, and an edit that would send a role back to draft is refused (409)
 * when it was sent for review or decided on since. Optional, as a restore from the plan's history (and an
 * older client) knows the version it restores over, not a status seen.
 */
export const updateRoleSchema = withFieldToChange(
  z.object({
    ...partialFields,
    fieldModes: fieldModesChangeSchema.optional(),
    status: z.enum(roleStatuses, { error: 'must be the status of the role as you saw it' }).optional(),
    version: versionSchema,
  }),
  ['status'],
).meta({ id: 'UpdateRole', example: { purpose: 'Coach K-3 teams on the science of reading', version: 1 } });
export type UpdateRole = z.infer<typeof updateRoleSchema>;

/**
 * Sending a role for review, with the version the person read: a role changed since answers 409 rather than
 * going to the principals unseen. Without a body it is sent as it is now.
 */
export const submitRoleSchema = z
  .object({ version: versionSchema.optional() })
  .optional()
  .meta({ id: 'SubmitRole', example: { version: 1 } });
export type SubmitRole = z.infer<typeof submitRoleSchema>;

export const reviewRequestSchema = z
  .object({
    decision: choiceSchema(reviewDecisions, reviewDecisionLabels),
    comment: textSchema(5000).default(''),
    /** The role as the principal read it: a decision on an earlier version or round answers 409. */
    version: versionSchema,
    round: z
      .number({ error: 'must be the review round you read' })
      .int({ error: 'must be the review round you read' })
      .min(0, { error: 'must be the review round you read' })
      .max(100_000, { error: 'must be the review round you read' }),
  })
  .refine((r) => r.decision !== 'request_changes' || r.comment.length > 0, {
    path: ['comment'],
    error: 'say what should change: a comment is required when requesting changes',
  })
  .meta({
    id: 'ReviewRequest',
    example: { decision: 'approve', comment: 'Fits our schedule.', version: 2, round: 1 },
  });
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;

// ---- Responses ------------------------------------------------------------------------------------

const person = z.object({ id: z.uuid(), name: z.string() });

export const roleReviewSchema = z
  .object({
    id: z.uuid(),
    reviewer: person,
    decision: z.enum(reviewDecisions),
    comment: z.string(),
    round: z.number().int(),
    /** The role's fields as the principal saw them when deciding, to show what changed since. */
    snapshot: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RoleReview' });
export type RoleReview = z.infer<typeof roleReviewSchema>;

export const roleEventKinds = ['created', 'submitted', 'approved', 'changes_requested', 'returned_to_draft'] as const;
export const roleEventSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(roleEventKinds),
    actor: person.nullable(),
    note: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RoleEvent' });
export type RoleEvent = z.infer<typeof roleEventSchema>;

/** Where each school stands in the current review round. */
export const schoolReviewStateSchema = z.object({
  school: person,
  principals: z.array(person),
  decision: z.enum(['waiting', 'approve', 'request_changes']),
  /**
   * Who gave the school's decision. In review, a decision counts for the schools its principal leads now; once
   * the role is approved or has changes requested, each school keeps the decision it had then, so one who gave
   * it may no longer lead the school (`leadsSchool` false).
   */
  decidedBy: z.array(person.extend({ leadsSchool: z.boolean() })),
});
export type SchoolReviewState = z.infer<typeof schoolReviewStateSchema>;

const schoolDecisionLabels: Record<SchoolReviewState['decision'], string> = {
  waiting: 'Waiting',
  approve: 'Approved',
  request_changes: 'Changes requested',
};

/** "Approved by Priya Raman (no longer its principal)": a school's decision as the role's page and PDF say it. */
export function schoolDecisionText(state: SchoolReviewState): string {
  const who = state.decidedBy.map((p) => (p.leadsSchool ? p.name : `${p.name} (no longer its principal)`));
  return `${schoolDecisionLabels[state.decision]}${who.length > 0 ? ` by ${listOf(who)}` : ''}`;
}

export const roleSchema = roleFields
  .extend({
    id: z.uuid(),
    planId: z.uuid(),
    fieldModes: fieldModesSchema,
    status: z.enum(roleStatuses),
    version: z.number().int(),
    /** Review rounds so far; each submission starts a new one. */
    round: z.number().int(),
    submittedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    schools: z.array(schoolReviewStateSchema),
    reviews: z.array(roleReviewSchema),
    history: z.array(roleEventSchema),
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof roleSchema>;

export const roleListSchema = z.object({ roles: z.array(roleSchema) }).meta({ id: 'RoleList' });

export const inboxItemSchema = z
  .object({
    planId: z.uuid(),
    planTitle: z.string(),
    roleId: z.uuid(),
    roleTitle: z.string(),
    submittedAt: z.iso.datetime(),
    /** Your schools among the role's. */
    schools: z.array(person),
    /** Fields changed since your last decision on this role; null when you have not reviewed it before. */
    changedSinceYourLastReview: z.array(z.object({ field: z.string(), label: z.string() })).nullable(),
  })
  .meta({ id: 'InboxItem' });
export type InboxItem = z.infer<typeof inboxItemSchema>;
export const inboxSchema = z.object({ items: z.array(inboxItemSchema) }).meta({ id: 'Inbox' });

// ---- A role in words (the PDF and the shared plan) ---------------------------------------------------

type RoleInWords = Pick<
  Role,
  | 'releasePercent'
  | 'teachingLoad'
  | 'reachTeachers'
  | 'reachStudents'
  | 'payKind'
  | 'stipendCents'
  | 'supplementPercent'
  | 'extraDays'
  | 'payFunding'
  | 'eligibility'
  | 'selectionProcess'
  | 'selectedBy'
  | 'applicationOpens'
  | 'applicationCloses'
  | 'term'
  | 'renewal'
  | 'reportsTo'
  | 'teacherLeaderEvaluation'
  | 'training'
>;

/** How a field nobody has chosen yet reads, on the page, the PDF and the shared plan. */
export const notYetDecided = 'Not yet decided';

/** "50% of the week; teaching load kept: Half-time classroom teaching". */
const releaseOf = (role: RoleInWords): string =>
  `${role.releasePercent === null ? notYetDecided : `${role.releasePercent}% of the week`}${
    role.teachingLoad ? `; teaching load kept: ${role.teachingLoad}` : ''
  }`;

/** "8 teachers; 120 students"; what the district has not estimated says so rather than reading as 0. */
function reachOf(role: RoleInWords): string {
  const teachers = role.reachTeachers === null ? 'teachers not yet estimated' : countOf(role.reachTeachers, 'teacher');
  const students = role.reachStudents === null ? 'students not yet estimated' : countOf(role.reachStudents, 'student');
  return `${teachers}; ${students}`;
}

/** The amount that goes with the kind of pay; null until both are chosen. */
export function payAmountOf(role: Pick<Role, 'payKind' | 'stipendCents' | 'supplementPercent' | 'extraDays'>) {
  if (role.payKind === null) return null;
  return role.payKind === 'stipend'
    ? role.stipendCents
    : role.payKind === 'percent_supplement'
      ? role.supplementPercent
      : role.extraDays;
}

/** "$5,000.00 stipend, paid from recurring budget"; what is not chosen yet says so. */
function payOf(role: RoleInWords): string {
  const amount = payAmountOf(role);
  const pay =
    role.payKind === null
      ? `Kind of pay ${notYetDecided.toLowerCase()}`
      : amount === null
        ? `${payKindLabels[role.payKind]}: amount ${notYetDecided.toLowerCase()}`
        : role.payKind === 'stipend'
          ? `${formatCents(amount)} stipend`
          : role.payKind === 'percent_supplement'
            ? `${amount}% supplement`
            : `${amount} extra contract days`;
  const from =
    role.payFunding === null
      ? `source of funds ${notYetDecided.toLowerCase()}`
      : `paid from ${payFundingLabels[role.payFunding].toLowerCase()}`;
  return `${pay}, ${from}`;
}

/**
 * What a teacher weighing the role wants to know up front, as the district wrote it: the time and pay,
 * who may apply and how, when, for how long, to whom they report, how they are evaluated and supported.
 * Each only where written (time, reach and pay always).
 */
export function applicantDetailsOf(role: RoleInWords): { label: string; text: string }[] {
  const selection = [
    role.eligibility && `Eligibility: ${role.eligibility}`,
    role.selectionProcess && `Process: ${role.selectionProcess}`,
    role.selectedBy && `Selected by: ${role.selectedBy}`,
  ]
    .filter(Boolean)
    .join('. ');
  const [opens, closes] = [role.applicationOpens, role.applicationCloses].map((day) => (day ? formatDate(day) : ''));
  // One day alone is not the window: say which end it is.
  const window =
    opens && closes ? `${opens} to ${closes}` : opens ? `opens ${opens}` : closes ? `closes ${closes}` : '';
  const details = [
    { label: 'Time released from teaching', text: releaseOf(role) },
    { label: 'Reach', text: reachOf(role) },
    { label: 'Pay', text: payOf(role) },
    { label: 'Selection', text: selection },
    { label: 'Application window', text: window },
    { label: 'Term and renewal', text: [role.term, role.renewal].filter(Boolean).join('; ') },
    { label: 'Reports to', text: role.reportsTo },
    { label: 'How the teacher leader is evaluated', text: role.teacherLeaderEvaluation },
    { label: 'Training and support', text: role.training },
  ];
  return details.filter((d) => d.text.trim() !== '');
}

import { z } from 'zod';
import { choiceSchema, textSchema } from './common';
import { countOf, formatCents } from './format';
import {
  notYetDecided,
  payAmountOf,
  payKindAmountField,
  roleFieldLabels,
  tlmsDomains,
  type Role,
  type RoleFieldName,
} from './role';

/**
 * Framework alignment of a plan's roles (DOMAIN.md, "Frameworks a plan can be aligned to"):
 * - the Teacher Leader Model Standards' seven domains, from the domains the roles' responsibilities carry;
 * - each role against Opportunity Culture's principles and Public Impact's factors of high-impact roles,
 *   decided from the role's own fields where they decide it, and asked of the district where they do not.
 */

export const alignmentFactors = [
  'reach',
  'continued_teaching',
  'time_to_lead',
  'pay_for_reach',
  'recurring_funding',
  'authority_accountability',
] as const;
export type AlignmentFactor = (typeof alignmentFactors)[number];

/** A comment thread's subject id for one factor of one role: `<role id>:<factor>`. */
export const alignmentSubjectId = (roleId: string, factor: AlignmentFactor): string => `${roleId}:${factor}`;

/** The role and factor of an alignment thread's subject id, or null when it names no factor. */
export function parseAlignmentSubjectId(id: string): { roleId: string; factor: AlignmentFactor } | null {
  // Lowercase only, as ids are stored: one factor of one role has one spelling, so its threads are found.
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([a-z_]+)$/.exec(id);
  const factor = match?.[2] as AlignmentFactor | undefined;
  return match && factor && alignmentFactors.includes(factor) ? { roleId: match[1]!, factor } : null;
}

export const alignmentFactorLabels: Record<AlignmentFactor, string> = {
  reach: 'Reach',
  continued_teaching: 'Continued teaching',
  time_to_lead: 'Time to lead',
  pay_for_reach: 'Pay for reach',
  recurring_funding: 'Recurring funding',
  authority_accountability: 'Authority matched to accountability',
};

/** Where each factor comes from, in words (shown beside it). */
export const alignmentFactorSources: Record<AlignmentFactor, string> = {
  reach: 'Opportunity Culture: reach more students with excellent teachers',
  continued_teaching: "Public Impact's factors of high-impact roles: continued teaching",
  time_to_lead: 'Opportunity Culture: protect in-school time for planning and collaboration',
  pay_for_reach: 'Opportunity Culture: pay more for that reach',
  recurring_funding: 'Opportunity Culture: fund it within regular budgets',
  authority_accountability: 'Opportunity Culture: match authority and accountability to responsibility',
};

/** The factors a role's fields cannot always decide, so the district may answer them. */
export const answerableFactors = ['reach', 'authority_accountability'] as const satisfies readonly AlignmentFactor[];
export type AnswerableFactor = (typeof answerableFactors)[number];

export const alignmentAnswers = ['yes', 'no', 'not_yet'] as const;
export type AlignmentAnswerValue = (typeof alignmentAnswers)[number];
export const alignmentAnswerLabels: Record<AlignmentAnswerValue, string> = {
  yes: 'Yes',
  no: 'No',
  not_yet: 'Not yet decided',
};

export const factorStates = ['met', 'not_met', 'needs_answer'] as const;
export type FactorState = (typeof factorStates)[number];
export const factorStateLabels: Record<FactorState, string> = {
  met: 'Met',
  not_met: 'Not met',
  needs_answer: 'Needs your answer',
};
/** The same states as a report to the board says them (the PDF, a share link): not asking the reader. */
export const factorStateReportLabels: Record<FactorState, string> = {
  met: 'Met',
  not_met: 'Not met',
  needs_answer: 'Not yet decided',
};

export const alignmentNoteMax = 2000;

// ---- Requests ----------------------------------------------------------------------------------------

export const alignmentAnswerParamsSchema = z.object({
  planId: z.uuid({ error: 'must be a plan id (a UUID)' }),
  roleId: z.uuid({ error: 'must be a role id (a UUID)' }),
  factor: z.enum(answerableFactors, { error: `must be one of ${answerableFactors.join(', ')}` }),
});

/** The district's answer on one factor; `version` is the answer's as loaded, or null when there was none. */
export const saveAlignmentAnswerSchema = z
  .object({
    answer: choiceSchema(alignmentAnswers, alignmentAnswerLabels),
    note: textSchema(alignmentNoteMax).default(''),
    version: z
      .number({ error: 'must be the version you last loaded, or null for a first answer' })
      .int({ error: 'must be the version you last loaded, or null for a first answer' })
      .min(1, { error: 'must be the version you last loaded, or null for a first answer' })
      .max(2_147_483_647, { error: 'must be the version you last loaded, or null for a first answer' })
      .nullable(),
  })
  .meta({
    id: 'SaveAlignmentAnswer',
    example: { answer: 'yes', note: 'Coaches are accountable for their teams’ growth only', version: null },
  });
export type SaveAlignmentAnswer = z.infer<typeof saveAlignmentAnswerSchema>;

// ---- Responses ---------------------------------------------------------------------------------------

export const alignmentAnswerSchema = z
  .object({
    factor: z.enum(answerableFactors),
    answer: z.enum(alignmentAnswers),
    note: z.string(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'AlignmentAnswer' });
export type AlignmentAnswer = z.infer<typeof alignmentAnswerSchema>;

export const factorResultSchema = z
  .object({
    factor: z.enum(alignmentFactors),
    state: z.enum(factorStates),
    /** Whether the role's fields decided it, or the district's answer. */
    decidedBy: z.enum(['fields', 'district']),
    /** Why, in words. */
    reason: z.string(),
    /** The district's answer, for a factor the fields do not decide. */
    answer: alignmentAnswerSchema.nullable(),
    answerable: z.boolean(),
  })
  .meta({ id: 'FactorResult' });
export type FactorResult = z.infer<typeof factorResultSchema>;

export const roleAlignmentSchema = z
  .object({ roleId: z.uuid(), title: z.string(), factors: z.array(factorResultSchema) })
  .meta({ id: 'RoleAlignment' });
export type RoleAlignment = z.infer<typeof roleAlignmentSchema>;

export const domainCoverageSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  /** How many roles have at least one responsibility in the domain. */
  roles: z.number().int(),
  responsibilities: z.number().int(),
});
export type DomainCoverage = z.infer<typeof domainCoverageSchema>;

export const planAlignmentSchema = z
  .object({
    domains: z.array(domainCoverageSchema),
    /** Domains no role serves, by number. */
    uncoveredDomains: z.array(z.number().int()),
    roles: z.array(roleAlignmentSchema),
  })
  .meta({ id: 'PlanAlignment' });
export type PlanAlignment = z.infer<typeof planAlignmentSchema>;

// ---- The computation ---------------------------------------------------------------------------------

export type AlignedRole = Pick<
  Role,
  | 'id'
  | 'title'
  | 'responsibilities'
  | 'releasePercent'
  | 'reachTeachers'
  | 'reachStudents'
  | 'payKind'
  | 'stipendCents'
  | 'supplementPercent'
  | 'extraDays'
  | 'payFunding'
  | 'evaluatesStaff'
  | 'supervisesStaff'
  | 'measureIds'
>;

/** How many roles and responsibilities serve each of the seven domains, and which domains none serves. */
export function tlmsCoverage(roles: readonly Pick<Role, 'responsibilities'>[]): {
  domains: DomainCoverage[];
  uncoveredDomains: number[];
} {
  const domains = tlmsDomains.map((d) => ({
    number: d.number,
    title: d.title,
    roles: roles.filter((r) => r.responsibilities.some((x) => x.domains.includes(d.number))).length,
    responsibilities: roles.reduce(
      (n, r) => n + r.responsibilities.filter((x) => x.domains.includes(d.number)).length,
      0,
    ),
  }));
  return { domains, uncoveredDomains: domains.filter((d) => d.roles === 0).map((d) => d.number) };
}

type Decided = Pick<FactorResult, 'state' | 'reason'>;

function payIn(role: AlignedRole): string | null {
  const amount = payAmountOf(role);
  if (amount === null || amount <= 0) return null;
  if (role.payKind === 'stipend') return `a ${formatCents(amount)} stipend`;
  if (role.payKind === 'percent_supplement') return `a ${amount}% supplement`;
  return countOf(amount, 'extra contract day');
}

/** A factor whose field nobody has chosen yet: open, not met or met by a default. */
const undecided = (field: RoleFieldName): Decided => ({
  state: 'needs_answer',
  reason: `${roleFieldLabels[field]} is not yet decided: set it on the role.`,
});

const yesNo = (v: boolean | null) => (v === null ? notYetDecided.toLowerCase() : v ? 'yes' : 'no');

/** What the role's own fields say of a factor; null where they cannot decide it. */
export function decideFromFields(role: AlignedRole, factor: AlignmentFactor): Decided | null {
  switch (factor) {
    case 'reach': {
      const students = role.reachStudents === null ? '' : `, ${countOf(role.reachStudents, 'student')}`;
      if (role.reachTeachers !== null && role.reachTeachers > 0)
        return { state: 'met', reason: `Leads ${countOf(role.reachTeachers, 'other teacher')}${students}.` };
      if (role.reachTeachers === 0)
        return {
          state: 'not_met',
          reason: 'Serves no other teachers: an excellent teacher’s reach stays one classroom.',
        };
      return null;
    }
    case 'continued_teaching':
      if (role.releasePercent === null) return undecided('releasePercent');
      return role.releasePercent >= 100
        ? { state: 'not_met', reason: 'Fully released (100%): the teacher leader no longer teaches.' }
        : { state: 'met', reason: `Keeps teaching ${100 - role.releasePercent}% of the week.` };
    case 'time_to_lead':
      if (role.releasePercent === null) return undecided('releasePercent');
      return role.releasePercent <= 0
        ? { state: 'not_met', reason: '0% release: no time in the school day to lead.' }
        : { state: 'met', reason: `${role.releasePercent}% of the week is released to lead.` };
    case 'pay_for_reach': {
      if (role.payKind === null) return undecided('payKind');
      if (payAmountOf(role) === null) return undecided(payKindAmountField[role.payKind]);
      const pay = payIn(role);
      return pay
        ? { state: 'met', reason: `Paid ${pay} for the added responsibility.` }
        : { state: 'not_met', reason: 'No extra pay for the added reach.' };
    }
    case 'recurring_funding':
      if (role.payFunding === null) return undecided('payFunding');
      return role.payFunding === 'grant'
        ? { state: 'not_met', reason: 'Paid from a grant: the role may not outlast it.' }
        : { state: 'met', reason: 'Paid from the recurring budget.' };
    case 'authority_accountability':
      if (role.measureIds.length === 0)
        return {
          state: 'not_met',
          reason: 'No measure of its success is named: nothing it is accountable for.',
        };
      return null;
  }
}

/** Why the district is asked, when the fields do not decide a factor. */
function question(role: AlignedRole, factor: AnswerableFactor): string {
  return factor === 'reach'
    ? 'Teachers served is not estimated: does the role extend an excellent teacher’s reach to more students?'
    : `Accountable for ${countOf(role.measureIds.length, 'measure')}; evaluates staff: ${yesNo(role.evaluatesStaff)}, ` +
        `supervises staff: ${yesNo(role.supervisesStaff)}. Does its authority match what it is accountable for?`;
}

const isAnswerable = (factor: AlignmentFactor): factor is AnswerableFactor =>
  (answerableFactors as readonly string[]).includes(factor);

/**
 * Each factor for one role: met, not met or needing the district's answer, with the reason in words.
 * The fields decide where they can; otherwise the district's answer does ("not yet" leaves it open).
 */
export function roleAlignment(role: AlignedRole, answers: readonly AlignmentAnswer[]): RoleAlignment {
  const factors = alignmentFactors.map((factor): FactorResult => {
    const answerable = isAnswerable(factor);
    const answer = answerable ? (answers.find((a) => a.factor === factor) ?? null) : null;
    const decided = decideFromFields(role, factor);
    if (decided) return { factor, ...decided, decidedBy: 'fields', answer, answerable };
    const asked = question(role, factor as AnswerableFactor);
    const note = answer?.note ? ` ${answer.note}` : '';
    if (answer?.answer === 'yes')
      return {
        factor,
        state: 'met',
        decidedBy: 'district',
        reason: `The district answered yes.${note}`,
        answer,
        answerable,
      };
    if (answer?.answer === 'no')
      return {
        factor,
        state: 'not_met',
        decidedBy: 'district',
        reason: `The district answered no.${note}`,
        answer,
        answerable,
      };
    return { factor, state: 'needs_answer', decidedBy: 'district', reason: asked, answer, answerable };
  });
  return { roleId: role.id, title: role.title, factors };
}

/** Coverage of the standards and every role's factors, for the roles summary and the PDF. */
export function planAlignment(
  roles: readonly AlignedRole[],
  answersByRole: ReadonlyMap<string, readonly AlignmentAnswer[]>,
): PlanAlignment {
  return {
    ...tlmsCoverage(roles),
    roles: roles.map((r) => roleAlignment(r, answersByRole.get(r.id) ?? [])),
  };
}

/** "4 met, 1 not met, 1 needs your answer" (or, in a report's words, "1 not yet decided"). */
export function factorCounts(result: RoleAlignment, labels: Record<FactorState, string> = factorStateLabels): string {
  return factorStates
    .map((s) => [s, result.factors.filter((f) => f.state === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${labels[s].toLowerCase()}`)
    .join(', ');
}

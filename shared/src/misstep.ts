import { z } from 'zod';
import { choiceSchema, lineSchema, textSchema, versionSchema, withFieldToChange } from './common';
import { stageKeys, type StageKey } from './roadmap';

/**
 * Missteps per stage: the roadmap gives each phase "common missteps to avoid" beside its actions and
 * questions. The report's own list is not available to us (DOMAIN.md), so the starters below are ours,
 * drawn from the research notes there; a district keeps them only if it chooses to, in its own words.
 * Keys are stable: a plan's misstep remembers which starter it came from, so a starter is offered once.
 */
export interface MisstepStarter {
  key: string;
  text: string;
}

export const misstepStarters: Record<StageKey, MisstepStarter[]> = {
  design: [
    {
      key: 'design.m1',
      text: 'Treating teacher leadership as a reward or retention pathway for top teachers instead of a way to advance our priorities',
    },
    { key: 'design.m2', text: 'Designing roles before naming the district priorities they serve' },
    { key: 'design.m3', text: 'Bringing teachers, the union and principals in only after the design is settled' },
  ],
  context: [
    { key: 'context.m1', text: 'Paying for roles with a one-time grant and no plan for recurring budget' },
    { key: 'context.m2', text: 'Selecting teacher leaders without a rigorous way to identify effective teachers' },
    {
      key: 'context.m3',
      text: 'Overlooking money we already spend (such as generic PD contracts) that could pay for stipends and release time',
    },
    { key: 'context.m4', text: 'Launching where trust is missing without a plan to build it' },
  ],
  measures: [
    { key: 'measures.m1', text: 'Starting the program before deciding how we will know it works' },
    {
      key: 'measures.m2',
      text: 'Measuring only outcomes for students, not what adults do (implementation measures)',
    },
    { key: 'measures.m3', text: 'Collecting data nobody reviews: measures with no owner and no schedule for readings' },
  ],
  build: [
    { key: 'build.m1', text: 'Giving teacher leaders responsibilities without protected time to lead' },
    { key: 'build.m2', text: 'Leaving roles vague: responsibilities, selection and evaluation not written down' },
    { key: 'build.m3', text: 'Changing roles without preparing principals to support them' },
    { key: 'build.m4', text: 'Giving authority without accountability, or accountability without authority' },
  ],
};

export const misstepStatuses = ['watched', 'happening', 'avoided'] as const;
export type MisstepStatus = (typeof misstepStatuses)[number];
export const misstepStatusLabels: Record<MisstepStatus, string> = {
  watched: 'Watching for it',
  happening: 'Happening',
  avoided: 'Avoided',
};

/** Missteps one stage of a plan may hold. */
export const maxMisstepsPerStage = 50;
export const misstepLimits = { text: 500, note: 2000 } as const;

const stageKeySchema = z.enum(stageKeys, { error: `must be one of ${stageKeys.join(', ')}` });
const misstepText = lineSchema(misstepLimits.text).min(1, { error: 'must not be empty' });
const misstepNote = textSchema(misstepLimits.note);
const statusSchema = choiceSchema(misstepStatuses, misstepStatusLabels);

export const misstepParamsSchema = z.object({
  planId: z.uuid({ error: 'must be a plan id (a UUID)' }),
  misstepId: z.uuid({ error: 'must be a misstep id (a UUID)' }),
});

export const createMisstepSchema = z
  .object({
    stageKey: stageKeySchema,
    text: misstepText,
    status: statusSchema.default('watched'),
    note: misstepNote.default(''),
  })
  .meta({
    id: 'CreateMisstep',
    example: { stageKey: 'build', text: 'Adding duties to coaches without release time', status: 'watched' },
  });
export type CreateMisstep = z.infer<typeof createMisstepSchema>;

export const updateMisstepSchema = withFieldToChange(
  z.object({
    text: misstepText.optional(),
    status: statusSchema.optional(),
    note: misstepNote.optional(),
    version: versionSchema,
  }),
).meta({ id: 'UpdateMisstep', example: { status: 'happening', note: 'Two schools cut release time', version: 1 } });
export type UpdateMisstep = z.infer<typeof updateMisstepSchema>;

/** Take the starter missteps into a stage that has none yet. */
export const addMisstepStartersSchema = z
  .object({ stageKey: stageKeySchema })
  .meta({ id: 'AddMisstepStarters', example: { stageKey: 'design' } });
export type AddMisstepStarters = z.infer<typeof addMisstepStartersSchema>;

export const misstepSchema = z
  .object({
    id: z.uuid(),
    planId: z.uuid(),
    stageKey: z.enum(stageKeys),
    /** The starter it began as (its key), or null for one the district wrote. */
    starterKey: z.string().nullable(),
    text: z.string(),
    status: z.enum(misstepStatuses),
    note: z.string(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Misstep' });
export type Misstep = z.infer<typeof misstepSchema>;

export const misstepListSchema = z.object({ missteps: z.array(misstepSchema) }).meta({ id: 'MisstepList' });
export type MisstepList = z.infer<typeof misstepListSchema>;

/** The missteps of one stage, in the order they were added. */
export const misstepsOfStage = (missteps: readonly Misstep[], stageKey: StageKey): Misstep[] =>
  missteps.filter((m) => m.stageKey === stageKey);

/** A stage's missteps as a reader takes them in (the PDF, a share link): those happening first, as they need the reader most. */
export function misstepsForReading(missteps: readonly Misstep[], stageKey: StageKey): Misstep[] {
  const order: Record<MisstepStatus, number> = { happening: 0, watched: 1, avoided: 2 };
  return misstepsOfStage(missteps, stageKey).sort((a, b) => order[a.status] - order[b.status]);
}

/** What is going wrong now: the missteps marked happening, in stage order. */
export const happeningMissteps = (missteps: readonly Misstep[]): Misstep[] =>
  stageKeys.flatMap((key) => missteps.filter((m) => m.stageKey === key && m.status === 'happening'));

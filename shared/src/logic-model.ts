import { z } from 'zod';
import { choiceSchema, lineSchema, textSchema, versionSchema, withFieldToChange } from './common';

/**
 * A plan's logic model, as Teach to Lead's action plans draw one: the problem, the goal, and the chain
 * from inputs through activities and outputs (at 1, 3 and 12 months) to outcomes. Each entry links to
 * what the plan already holds (inputs to funding sources and partners, activities to actions and
 * roles, outputs and outcomes to measures), so the chain from a problem to its evidence reads in one
 * place. A link to something removed is kept and shown as broken, under the name it last had.
 */

export const logicModelSections = ['input', 'activity', 'output', 'outcome'] as const;
export type LogicModelSection = (typeof logicModelSections)[number];
export const logicModelSectionLabels: Record<LogicModelSection, string> = {
  input: 'Inputs',
  activity: 'Activities',
  output: 'Outputs',
  outcome: 'Outcomes',
};
/** One entry of a section, in words: "an input". */
export const logicModelEntryNouns: Record<LogicModelSection, string> = {
  input: 'input',
  activity: 'activity',
  output: 'output',
  outcome: 'outcome',
};
export const logicModelSectionHints: Record<LogicModelSection, string> = {
  input: 'What the program needs: money, people, partners, time.',
  activity: 'What the district and its teacher leaders do with those inputs.',
  output: 'What the activities produce, and when: at 1, 3 and 12 months.',
  outcome: 'What changes for teachers and students because of it.',
};

/** When an output is expected: months after the program starts. */
export const outputHorizons = [1, 3, 12] as const;
export type OutputHorizon = (typeof outputHorizons)[number];
export const outputHorizonLabels: Record<OutputHorizon, string> = {
  1: 'At 1 month',
  3: 'At 3 months',
  12: 'At 12 months',
};

export const logicModelLinkKinds = ['fundingSource', 'partner', 'action', 'role', 'measure'] as const;
export type LogicModelLinkKind = (typeof logicModelLinkKinds)[number];
export const logicModelLinkKindLabels: Record<LogicModelLinkKind, string> = {
  fundingSource: 'Funding source',
  partner: 'Partner',
  action: 'High-impact action',
  role: 'Teacher-leader role',
  measure: 'Measure',
};
/** What each section's entries may link to. */
export const linkKindsOfSection: Record<LogicModelSection, readonly LogicModelLinkKind[]> = {
  input: ['fundingSource', 'partner'],
  activity: ['action', 'role'],
  output: ['measure'],
  outcome: ['measure'],
};

export const maxProblemStatementLength = 5000;
export const maxGoalLength = 2000;
export const maxEntryTextLength = 1000;
export const maxLinksPerEntry = 20;
/** Entries one plan's logic model may hold, all sections together. */
export const maxLogicModelEntries = 200;

const horizonSchema = z
  .number({ error: 'must be 1, 3 or 12 (months)' })
  .refine((v): v is OutputHorizon => (outputHorizons as readonly number[]).includes(v), {
    error: 'must be 1, 3 or 12 (months)',
  });

/** An entry's text: what the add form checks too. */
export const entryTextSchema = lineSchema(maxEntryTextLength).min(1, { error: 'must not be empty' });
const entryText = entryTextSchema;

export const logicModelLinkSchema = z.object({
  kind: choiceSchema(logicModelLinkKinds, logicModelLinkKindLabels),
  id: z.uuid({ error: 'must be the id of an item of this plan' }),
});
export type LogicModelLinkInput = z.infer<typeof logicModelLinkSchema>;

const links = z
  .array(logicModelLinkSchema, { error: 'must be a list of links' })
  .max(maxLinksPerEntry, { error: `must hold at most ${maxLinksPerEntry} links` })
  .refine((list) => new Set(list.map((l) => `${l.kind}:${l.id}`)).size === list.length, {
    error: 'must not name an item twice',
  });

/** The section decides what its entries may link to, and whether they carry a horizon. */
function checkEntry(
  entry: { section?: LogicModelSection; horizon?: number | null | undefined; links?: LogicModelLinkInput[] },
  ctx: z.RefinementCtx,
) {
  const { section } = entry;
  if (!section) return;
  if (section === 'output' && (entry.horizon === null || entry.horizon === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['horizon'], message: 'is required for an output: 1, 3 or 12 months' });
  }
  if (section !== 'output' && entry.horizon !== null && entry.horizon !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['horizon'], message: 'is for outputs only' });
  }
  entry.links?.forEach((link, i) => {
    if (!linkKindsOfSection[section].includes(link.kind)) {
      ctx.addIssue({ code: 'custom', path: ['links', i, 'kind'], message: linkRuleOf(section) });
    }
  });
}

/** The rule of a section's links, in words. */
export function linkRuleOf(section: LogicModelSection): string {
  const kinds = linkKindsOfSection[section].map((k) => logicModelLinkKindLabels[k].toLowerCase() + 's');
  return `${logicModelSectionLabels[section].toLowerCase()} link to ${kinds.join(' and ')} only`;
}

/** Checks a change to an entry of a known section (the section itself never changes). */
export function entryProblems(
  section: LogicModelSection,
  change: { horizon?: number | null | undefined; links?: LogicModelLinkInput[] | undefined },
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (change.horizon !== undefined) {
    if (section === 'output' && change.horizon === null) {
      problems.push({ field: 'horizon', message: 'is required for an output: 1, 3 or 12 months' });
    }
    if (section !== 'output' && change.horizon !== null) {
      problems.push({ field: 'horizon', message: 'is for outputs only' });
    }
  }
  change.links?.forEach((link, i) => {
    if (!linkKindsOfSection[section].includes(link.kind)) {
      problems.push({ field: `links.${i}.kind`, message: linkRuleOf(section) });
    }
  });
  return problems;
}

export const createLogicModelEntrySchema = z
  .object({
    section: choiceSchema(logicModelSections, logicModelSectionLabels),
    horizon: horizonSchema.nullable().default(null),
    text: entryText,
    links: links.default([]),
  })
  .superRefine(checkEntry)
  .meta({
    id: 'CreateLogicModelEntry',
    example: { section: 'output', horizon: 3, text: 'Every coach leads two cycles of observation', links: [] },
  });
export type CreateLogicModelEntry = z.infer<typeof createLogicModelEntrySchema>;

export const updateLogicModelEntrySchema = withFieldToChange(
  z.object({
    horizon: horizonSchema.nullable().optional(),
    text: entryText.optional(),
    links: links.optional(),
    version: versionSchema,
  }),
).meta({ id: 'UpdateLogicModelEntry', example: { text: 'Every coach leads three cycles', version: 1 } });
export type UpdateLogicModelEntry = z.infer<typeof updateLogicModelEntrySchema>;

export const updateLogicModelSchema = withFieldToChange(
  z.object({
    problemStatement: textSchema(maxProblemStatementLength).optional(),
    goal: textSchema(maxGoalLength).optional(),
    version: versionSchema,
  }),
).meta({
  id: 'UpdateLogicModel',
  example: { problemStatement: 'Too few new teachers stay past their third year.', version: 1 },
});
export type UpdateLogicModel = z.infer<typeof updateLogicModelSchema>;

/** A link as the plan reads it: the item's name now, or, once removed, the name it last had. */
export const logicModelLinkViewSchema = z.object({
  kind: z.enum(logicModelLinkKinds),
  id: z.uuid(),
  label: z.string(),
  /** The item has been removed from the plan: the link stays, under its last known name. */
  broken: z.boolean(),
});
export type LogicModelLinkView = z.infer<typeof logicModelLinkViewSchema>;

export const logicModelEntrySchema = z
  .object({
    id: z.uuid(),
    section: z.enum(logicModelSections),
    horizon: z.union([z.literal(1), z.literal(3), z.literal(12)]).nullable(),
    text: z.string(),
    links: z.array(logicModelLinkViewSchema),
    /** In a share link's model only: the entry also links items the link does not show (left out of `links`). */
    linksNotShown: z.boolean().optional(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'LogicModelEntry' });
export type LogicModelEntry = z.infer<typeof logicModelEntrySchema>;

/** What an entry with no links to list says: nothing linked, or (in a share link) only what the link does not show. */
export const noLinksWords = (entry: Pick<LogicModelEntry, 'linksNotShown'>) =>
  entry.linksNotShown ? 'Linked only to parts of the plan this link does not show' : 'Nothing linked';

export const logicModelCanvasSchema = z
  .object({
    /** The canvas's id, as its history names it; null until it is first written. */
    id: z.uuid().nullable(),
    problemStatement: z.string(),
    goal: z.string(),
    version: z.number().int(),
    /** Null until the problem statement or goal is first written. */
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'LogicModelCanvas' });
export type LogicModelCanvas = z.infer<typeof logicModelCanvasSchema>;

/** An item of the plan an entry may link to. */
export const logicModelLinkOptionSchema = z.object({
  kind: z.enum(logicModelLinkKinds),
  id: z.uuid(),
  label: z.string(),
});
export type LogicModelLinkOption = z.infer<typeof logicModelLinkOptionSchema>;

export const logicModelSchema = z
  .object({
    canvas: logicModelCanvasSchema,
    /** In sections' order; outputs by horizon; then in the order they were added. */
    entries: z.array(logicModelEntrySchema),
    /** What entries may link to: the plan's funding sources, partners, actions, roles and measures. */
    linkOptions: z.array(logicModelLinkOptionSchema),
  })
  .meta({ id: 'LogicModel' });
export type LogicModel = z.infer<typeof logicModelSchema>;

export const logicModelEntryParamsSchema = z.object({
  planId: z.uuid({ error: 'must be a plan id (a UUID)' }),
  entryId: z.uuid({ error: 'must be an entry id (a UUID)' }),
});

/** A link in words, as the page and the PDF show it. */
export function linkWords(link: LogicModelLinkView): string {
  const kind = logicModelLinkKindLabels[link.kind];
  return link.broken ? `${kind}: broken (deleted: ${link.label})` : `${kind}: ${link.label}`;
}

/** An entry's place in words: "Outputs, at 3 months". */
export function entryPlace(entry: { section: LogicModelSection; horizon: number | null }): string {
  const section = logicModelSectionLabels[entry.section];
  return entry.horizon === null
    ? section
    : `${section}, ${outputHorizonLabels[entry.horizon as OutputHorizon].toLowerCase()}`;
}

const sectionOrder = new Map(logicModelSections.map((s, i) => [s, i]));

/** The canvas order: sections as the chain runs, outputs by horizon, then as added (the list's order). */
export function sortEntries<T extends { section: LogicModelSection; horizon: number | null }>(
  entries: readonly T[],
): T[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        sectionOrder.get(a.entry.section)! - sectionOrder.get(b.entry.section)! ||
        (a.entry.horizon ?? 0) - (b.entry.horizon ?? 0) ||
        a.index - b.index,
    )
    .map((x) => x.entry);
}

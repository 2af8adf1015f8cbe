import { z } from 'zod';
import { textSchema, versionSchema, withFieldToChange } from './common';
import { formatNumber } from './format';

/**
 * The readiness self-assessment: the district and each school rate themselves on the three domains of
 * AIR's Center on Great Teachers & Leaders readiness tool, a few indicators each, 1 to 4 with evidence.
 * The indicators are in our own words, drawn from that tool's domains, Denver's school-readiness areas and
 * the GTL Center's "Building Bridges" (see shared/DOMAIN.md). Keys are stable: ratings refer to them.
 */
export const readinessDomains = [
  {
    key: 'culture',
    title: 'Culture and context',
    indicators: [
      {
        key: 'culture.vision',
        title: 'A shared vision',
        help: 'Leaders and teachers share a picture of what teacher leadership is for and which priorities it serves.',
      },
      {
        key: 'culture.trust',
        title: 'Trust and collaboration',
        help: 'Teachers already work together and trust one another and their leaders enough to learn from peers.',
      },
      {
        key: 'culture.alignment',
        title: 'Aligned with school goals',
        help: "What teacher leaders would work on lines up with the school's own improvement goals.",
      },
    ],
  },
  {
    key: 'roles',
    title: 'Roles and relationships',
    indicators: [
      {
        key: 'roles.clarity',
        title: 'Clear roles',
        help: 'Everyone can say what teacher leaders do, and what they do not do (such as evaluate their peers).',
      },
      {
        key: 'roles.principals',
        title: 'Principals ready to share leadership',
        help: "Principals are ready to share leadership and know how to support and protect teacher leaders' work.",
      },
      {
        key: 'roles.partnership',
        title: 'Staff and union as partners',
        help: 'Teachers and their association help shape the roles, and the roles fit the contract.',
      },
      {
        key: 'roles.selection',
        title: 'Fair selection',
        help: 'Teacher leaders are chosen openly, against written criteria that staff see as fair.',
      },
    ],
  },
  {
    key: 'systems',
    title: 'Systems and structures',
    indicators: [
      {
        key: 'systems.time',
        title: 'Protected time to lead',
        help: 'Schedules give teacher leaders time to lead during the school day, and that time is protected.',
      },
      {
        key: 'systems.data',
        title: 'Data on effectiveness',
        help: "Data systems identify effective teachers and show what teacher leaders' work changes.",
      },
      {
        key: 'systems.funding',
        title: 'Recurring funding',
        help: 'Stipends and release time are paid from the recurring budget, not only from a grant.',
      },
      {
        key: 'systems.development',
        title: 'Training and support',
        help: 'Teacher leaders are prepared for their roles and keep developing in them.',
      },
    ],
  },
] as const;

export type ReadinessDomain = (typeof readinessDomains)[number];
export type ReadinessDomainKey = ReadinessDomain['key'];
export type ReadinessIndicator = ReadinessDomain['indicators'][number];
export type ReadinessIndicatorKey = ReadinessIndicator['key'];

export const readinessIndicators: readonly (ReadinessIndicator & { domainKey: ReadinessDomainKey })[] =
  readinessDomains.flatMap((d) => d.indicators.map((i) => ({ ...i, domainKey: d.key })));
export const readinessIndicatorKeys = readinessIndicators.map((i) => i.key) as [
  ReadinessIndicatorKey,
  ...ReadinessIndicatorKey[],
];

export function readinessIndicator(key: string): (ReadinessIndicator & { domainKey: ReadinessDomainKey }) | undefined {
  return readinessIndicators.find((i) => i.key === key);
}

/** The four levels of the scale. */
export const readinessLevels = [1, 2, 3, 4] as const;
export type ReadinessLevel = (typeof readinessLevels)[number];
export const readinessLevelLabels: Record<ReadinessLevel, string> = {
  1: 'Not in place',
  2: 'Getting started',
  3: 'Partly in place',
  4: 'Fully in place',
};
/** A rating of 1 or 2 is low: the district can turn it into a high-impact action. */
export const isLowRating = (rating: number | null): boolean => rating !== null && rating <= 2;

/** The stage a readiness action goes into: knowing the context. */
export const readinessActionStage = 'context' as const;

export const maxEvidenceLength = 2000;
const evidence = textSchema(maxEvidenceLength);
const rating = z
  .number({ error: 'must be a rating from 1 to 4' })
  .int({ error: 'must be a rating from 1 to 4' })
  .min(1, { error: 'must be a rating from 1 to 4' })
  .max(4, { error: 'must be a rating from 1 to 4' });

export const readinessFieldLabels = {
  schoolId: 'School',
  indicatorKey: 'Indicator',
  rating: 'Rating',
  evidence: 'Evidence',
} as const;

const person = z.object({ id: z.uuid(), name: z.string() });

export const readinessRatingSchema = z
  .object({
    id: z.uuid(),
    /** The school rated, or null for the district as a whole. */
    schoolId: z.uuid().nullable(),
    indicatorKey: z.enum(readinessIndicatorKeys),
    /** Null on a copied plan until this year's rating is given. */
    rating: z.number().int().min(1).max(4).nullable(),
    evidence: z.string(),
    /** Last year's rating and evidence, kept when the plan was copied to this year. */
    previousRating: z.number().int().min(1).max(4).nullable(),
    previousEvidence: z.string(),
    /** The high-impact action made from this rating, if any. */
    actionId: z.uuid().nullable(),
    ratedBy: person.nullable(),
    ratedAt: z.iso.datetime().nullable(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ReadinessRating' });
export type ReadinessRating = z.infer<typeof readinessRatingSchema>;

export const readinessSchema = z
  .object({
    /** The district's schools that are rated or can be: active ones, and archived ones with ratings. */
    schools: z.array(z.object({ id: z.uuid(), name: z.string(), archived: z.boolean() })),
    ratings: z.array(readinessRatingSchema),
    /** What the person asking may rate: the district as a whole, and which schools. */
    canRate: z.object({ district: z.boolean(), schoolIds: z.array(z.uuid()) }),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof readinessSchema>;

export const createReadinessRatingSchema = z
  .object({
    schoolId: z.uuid({ error: 'must be a school id, or null for the district' }).nullable(),
    indicatorKey: z.enum(readinessIndicatorKeys, { error: 'must be one of the readiness indicators' }),
    rating,
    evidence: evidence.default(''),
  })
  .meta({
    id: 'CreateReadinessRating',
    example: { schoolId: null, indicatorKey: 'systems.time', rating: 2, evidence: 'Only two schools protect it.' },
  });
export type CreateReadinessRating = z.infer<typeof createReadinessRatingSchema>;

export const updateReadinessRatingSchema = withFieldToChange(
  z.object({
    /** null clears this year's rating and its evidence (last year's stays; the history keeps what it was). */
    rating: rating.nullable().optional(),
    evidence: evidence.optional(),
    version: versionSchema,
  }),
)
  .superRefine((input, ctx) => {
    if (input.rating === null && input.evidence) {
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'goes with the rating: leave it out to clear both' });
    }
  })
  .meta({ id: 'UpdateReadinessRating', example: { rating: 3, version: 1 } });
export type UpdateReadinessRating = z.infer<typeof updateReadinessRatingSchema>;

export const readinessRatingParamsSchema = z.object({
  planId: z.uuid({ error: 'must be a plan id (a UUID)' }),
  ratingId: z.uuid({ error: 'must be a rating id (a UUID)' }),
});

/** The words of the action made from a low rating: the indicator, who was rated, and how. */
export function readinessActionText(indicatorKey: string, scopeName: string, level: number): string {
  const indicator = readinessIndicator(indicatorKey);
  const words = readinessLevelLabels[level as ReadinessLevel] ?? String(level);
  return `Strengthen readiness: ${indicator?.title ?? indicatorKey} (${scopeName}, rated ${String(level)} of 4, ${words})`;
}

/** One domain's average over the rated indicators of one scope; null where none is rated. */
export interface DomainScore {
  domainKey: ReadinessDomainKey;
  title: string;
  average: number | null;
  rated: number;
  low: number;
  previousAverage: number | null;
}

const average = (values: number[]) =>
  values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;

/** Each domain's average rating (one decimal), its count of low ratings, and last year's average to compare. */
export function domainScores(
  ratings: readonly { indicatorKey: string; rating: number | null; previousRating: number | null }[],
): DomainScore[] {
  return readinessDomains.map((domain) => {
    const keys: readonly string[] = domain.indicators.map((i) => i.key);
    const mine = ratings.filter((r) => keys.includes(r.indicatorKey));
    const current = mine.flatMap((r) => (r.rating === null ? [] : [r.rating]));
    return {
      domainKey: domain.key,
      title: domain.title,
      average: average(current),
      rated: current.length,
      low: current.filter((r) => isLowRating(r)).length,
      previousAverage: average(mine.flatMap((r) => (r.previousRating === null ? [] : [r.previousRating]))),
    };
  });
}

/**
 * The readiness self-assessment as a report shows it (the PDF, a share link): what the table says, its
 * columns, and a row per rated scope with each domain's average (last year's in brackets, where any).
 */
export function readinessReport(readiness: readonly { scope: string; scores: readonly DomainScore[] }[]): {
  intro: string;
  columns: string[];
  rows: string[][];
} {
  const withPrevious = readiness.some((r) => r.scores.some((s) => s.previousAverage !== null));
  const average = (value: number | null) => (value === null ? 'Not rated' : formatNumber(value));
  return {
    intro: `Average rating per domain, from 1 (not in place) to 4 (fully in place)${withPrevious ? ', with last year’s in brackets' : ''}.`,
    columns: ['Rated', ...readinessDomains.map((d) => d.title), 'Rated low (1 or 2)'],
    rows: readiness.map((r) => [
      r.scope,
      ...r.scores.map(
        (s) =>
          `${average(s.average)}${withPrevious && s.previousAverage !== null ? ` (${formatNumber(s.previousAverage)})` : ''}`,
      ),
      String(r.scores.reduce((n, s) => n + s.low, 0)),
    ]),
  };
}

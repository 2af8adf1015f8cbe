import { stageTables } from '@planner/shared/stage-tables';
import { planApiPath } from '../../lib/plan-cache';

export const readingsApiPath = (planId: string, measureId: string) =>
  `${planApiPath(planId)}/${stageTables.measures.key}/${encodeURIComponent(measureId)}/readings`;

export const readingApiPath = (planId: string, measureId: string, readingId: string) =>
  `${readingsApiPath(planId, measureId)}/${encodeURIComponent(readingId)}`;

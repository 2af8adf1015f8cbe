import { copyPlanSchema } from '@planner/shared/plan';
import { labelledResolver } from '../../lib/forms';

// The plan form's check, loaded with its first submit (see PlanForm): it brings zod, which the plans
// list, where the form is always open, does not need to paint.

export const planFormResolver = (labels: Readonly<Record<string, string>>) => labelledResolver(copyPlanSchema, labels);

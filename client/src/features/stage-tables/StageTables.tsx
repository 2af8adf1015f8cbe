import type { Plan } from '@planner/shared/plan';
import type { StageKey } from '@planner/shared/roadmap';
import { stageTableNames, stageTables } from '@planner/shared/stage-tables';
import { MeasureSummary } from '../measures/MeasureSummary';
import { StageTableSection } from './StageTableSection';
import { cachedRows } from './tables-cache';

/** The structured tables of one stage, in the order the registry lists them. */
export function StageTables({ plan, stageKey, canEdit }: { plan: Plan; stageKey: StageKey; canEdit: boolean }) {
  return stageTableNames
    .filter((name) => stageTables[name].stageKey === stageKey)
    .map((name) => (
      <StageTableSection
        key={name}
        planId={plan.id}
        name={name}
        rows={cachedRows(plan, name)}
        canEdit={canEdit}
        rowExtra={
          name === 'measures'
            ? (row) => {
                const measure = plan.tables.measures.find((m) => m.id === row.id);
                return measure ? <MeasureSummary planId={plan.id} measure={measure} /> : null;
              }
            : undefined
        }
      />
    ));
}

import { useId } from 'react';
import { Link } from 'react-router';
import { happeningMissteps } from '@planner/shared/misstep';
import type { PlanStage } from '@planner/shared/plan';
import type { StageKey } from '@planner/shared/roadmap';
import { useMissteps } from './missteps';
import styles from './missteps.module.css';

interface HappeningMisstepsProps {
  planId: string;
  stages: Pick<PlanStage, 'key' | 'order' | 'title'>[];
  stageHref: (stageKey: StageKey) => string;
}

/** The dashboard's list of missteps marked happening, each with its stage; nothing when none is. */
export function HappeningMissteps({ planId, stages, stageHref }: HappeningMisstepsProps) {
  const headingId = useId();
  const query = useMissteps(planId);
  const happening = query.isSuccess ? happeningMissteps(query.data.missteps) : [];
  if (happening.length === 0) return null;
  return (
    <section className={styles['happening']} aria-labelledby={headingId}>
      <h2 id={headingId}>Missteps happening</h2>
      <p className="muted">Marked happening on the stages’ checklists of missteps to avoid.</p>
      <ul>
        {happening.map((m) => {
          const stage = stages.find((s) => s.key === m.stageKey);
          return (
            <li key={m.id}>
              <Link to={stageHref(m.stageKey)}>{m.text}</Link>
              <span className="muted">
                {' '}
                (stage {stage?.order}: {stage?.title}){m.note.trim() ? `: ${m.note}` : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

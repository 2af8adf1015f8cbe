import type { Progress } from '@planner/shared/progress';
import { countOf } from '@planner/shared/format';

interface ProgressMeterProps {
  progress: Progress;
  className?: string;
}

/** "40% complete — 4 of 10 items", with a bar for the eye; the text is what is read out. */
export function ProgressMeter({ progress, className }: ProgressMeterProps) {
  const complete = progress.answeredQuestions + progress.doneActions;
  const total = progress.applicableQuestions + progress.applicableActions;
  return (
    <div className={['progress-meter', className].filter(Boolean).join(' ')}>
      <div className="progress-meter__track" aria-hidden="true">
        <div className="progress-meter__bar" style={{ width: `${String(progress.percent)}%` }} />
      </div>
      <p className="progress-meter__text">
        {progress.percent}% complete — {complete} of {countOf(total, 'item')}
      </p>
    </div>
  );
}

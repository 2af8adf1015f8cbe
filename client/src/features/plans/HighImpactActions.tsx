import type { ReactNode } from 'react';
import { createActionSchema, limits, type HighImpactAction, type PlanStage } from '@planner/shared/plan';
import type { DistrictUser } from '@planner/shared/user';
import { useListNews } from '../../lib/list-news';
import { ActionCard, ActionView } from './ActionCard';
import { AddItemForm } from './AddItemForm';
import { useCreateAction } from './create-action';
import styles from './plans.module.css';

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;

interface HighImpactActionsProps {
  planId: string;
  stage: PlanStage;
  /** The district's people, who may own an action. */
  users: DistrictUser[];
  canEdit: boolean;
  /** Where focus goes once the last action is removed. */
  onRemoved: () => void;
  /** Shown at the foot of each action, such as its comments. */
  actionFooter?: (action: HighImpactAction) => ReactNode;
}

/** A stage's high-impact actions, with status, owner, due date and notes. */
export function HighImpactActions({ planId, stage, users, canEdit, onRemoved, actionFooter }: HighImpactActionsProps) {
  const createAction = useCreateAction(planId);
  const actions = [...stage.actions].sort(byPosition);
  const { news, removed } = useListNews(onRemoved);
  const ids = actions.map((action) => action.id);
  return (
    <>
      {actions.length === 0 ? <p className="muted">This stage has no high-impact actions.</p> : null}
      <ul className={styles['action-list']}>
        {actions.map((action) =>
          canEdit ? (
            <ActionCard
              key={action.id}
              planId={planId}
              action={action}
              users={users}
              onRemoved={() => removed(ids, action.id, `Action “${action.text}” removed.`)}
              footer={actionFooter?.(action)}
            />
          ) : (
            <ActionView key={action.id} action={action} users={users} footer={actionFooter?.(action)} />
          ),
        )}
      </ul>
      {canEdit ? (
        <AddItemForm
          planId={planId}
          heading="Add an action"
          keptAs={`new-action:${planId}:${stage.key}`}
          label="Action"
          submitLabel="Add action"
          maxLength={limits.actionText}
          textSchema={createActionSchema.shape.text}
          error={createAction.error}
          onAdd={(text) => createAction.mutateAsync({ stageKey: stage.key, text })}
          addedMessage="Action added at the end of the list."
          news={news}
        />
      ) : null}
    </>
  );
}

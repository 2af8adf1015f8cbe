import { Navigate, useParams } from 'react-router';
import { rowTitle, stakeholderKindLabels, stanceLabels } from '@planner/shared/stage-tables';
import type { ShapedKind } from '@planner/shared/stakeholder-input';
import { LoadingState } from '../../components/LoadingState';
import { MissingItemPage } from '../../components/MissingItemPage';
import { itemCommentsAnchor } from '../../features/comments/ItemComments';
import { useRoles } from '../../features/roles/roles';
import type { LinkableItem } from '../../features/stakeholder-inputs/InputForm';
import { StakeholderInputsPage } from '../../features/stakeholder-inputs/StakeholderInputsPage';
import { useStakeholderInputs } from '../../features/stakeholder-inputs/stakeholder-inputs';
import { useDistrictUsers } from '../../features/users/district-users';
import { useCanEditPlan } from '../../lib/plan-editing';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { planMeasurePath, planRolePath, planStagePath, planStakeholderPath } from '../paths';
import { CommentsOn } from './comment-links';

/** Where an item an input shaped is shown: its stage, at the item, or a measure's or a role's own page. */
export function shapedItemHref(planId: string, kind: ShapedKind, id: string, stageKey: string | null): string {
  if (kind === 'measure') return planMeasurePath(planId, id);
  if (kind === 'role') return planRolePath(planId, id);
  const anchor = itemCommentsAnchor(kind === 'decision' ? 'row' : kind, id);
  return `${planStagePath(planId, stageKey ?? 'build')}#${anchor}`;
}

/** /plans/:planId/stakeholders/:stakeholderId: what a stakeholder said, and where it landed in the plan. */
export function StakeholderRoute() {
  const { plan } = usePlanOutlet();
  const { stakeholderId } = useParams();
  const canEdit = useCanEditPlan();
  const users = useDistrictUsers();
  const roles = useRoles(plan.id);
  const stakeholder = plan.tables.stakeholders.find((s) => s.id === stakeholderId);
  const name = stakeholder ? rowTitle('stakeholders', stakeholder) : '';
  const missingTitle = 'This stakeholder is no longer in the plan';
  // This page's title is set after its children's: the missing stakeholder's page is named here too.
  useDocumentTitle(stakeholder ? `What we heard from ${name} – ${plan.title}` : missingTitle);
  if (!stakeholder) {
    return (
      <MissingItemPage
        title={missingTitle}
        link={{ href: planStagePath(plan.id, 'design'), label: 'Go to the plan’s stakeholders' }}
      />
    );
  }

  const items: LinkableItem[] = [
    ...plan.stages.flatMap((stage) =>
      stage.questions.map((q) => ({ kind: 'answer' as const, id: q.key, label: `Stage ${stage.order}: ${q.text}` })),
    ),
    ...plan.stages.flatMap((stage) =>
      stage.actions.map((a) => ({ kind: 'action' as const, id: a.id, label: `Stage ${stage.order}: ${a.text}` })),
    ),
    ...(roles.data?.roles ?? []).map((r) => ({ kind: 'role' as const, id: r.id, label: r.title })),
    ...plan.tables.decisions.map((d) => ({ kind: 'decision' as const, id: d.id, label: rowTitle('decisions', d) })),
    ...plan.tables.measures.map((m) => ({ kind: 'measure' as const, id: m.id, label: rowTitle('measures', m) })),
  ];

  return (
    <StakeholderInputsPage
      key={stakeholder.id}
      planId={plan.id}
      stakeholder={{
        id: stakeholder.id,
        name,
        kindLabel: stakeholderKindLabels[stakeholder.kind],
        stanceLabel: `Stance: ${stanceLabels[stakeholder.stance]}`,
      }}
      items={items}
      canEdit={canEdit}
      backLink={{
        href: `${planStagePath(plan.id, 'design')}#${itemCommentsAnchor('row', stakeholder.id)}`,
        label: 'Back to the stakeholders',
      }}
      itemHref={(kind, id, stageKey) => shapedItemHref(plan.id, kind, id, stageKey)}
      commentsOf={(input) => (
        <CommentsOn
          planId={plan.id}
          kind="input"
          id={input.id}
          label={`the input of ${name}: ${input.summary.slice(0, 60)}`}
          users={users.data?.users}
        />
      )}
    />
  );
}

/** /plans/:planId/inputs/:inputId: an input's address (comments link to it) leads to its stakeholder's page. */
export function StakeholderInputRoute() {
  const { plan } = usePlanOutlet();
  const { inputId } = useParams();
  const inputs = useStakeholderInputs(plan.id);
  if (!inputs.isSuccess) return <LoadingState label="Loading the input…" />;
  const input = inputs.data.inputs.find((i) => i.id === inputId);
  if (!input) {
    return (
      <MissingItemPage
        title="This stakeholder input is no longer in the plan"
        link={{ href: planStagePath(plan.id, 'design'), label: 'Go to the plan’s stakeholders' }}
      />
    );
  }
  return (
    <Navigate
      to={`${planStakeholderPath(plan.id, input.stakeholderId)}#${itemCommentsAnchor('input', input.id)}`}
      replace
    />
  );
}

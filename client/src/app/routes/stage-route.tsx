import type { ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import type { Plan } from '@planner/shared/plan';
import { stageKeys, type StageKey } from '@planner/shared/roadmap';
import { rowTitle, stageTables, tablesOfStage, type StageTableName } from '@planner/shared/stage-tables';
import type { ShapedKind } from '@planner/shared/stakeholder-input';
import { NotFoundPage } from '../../components/NotFoundPage';
import { focusSection, PageSections, type PageSection } from '../../components/PageSections';
import { MeasureSummary } from '../../features/measures/MeasureSummary';
import { StageMissteps } from '../../features/missteps/StageMissteps';
import { HighImpactActions } from '../../features/plans/HighImpactActions';
import { KeyQuestions } from '../../features/plans/KeyQuestions';
import { ReadinessActionLink } from '../../features/readiness/ReadinessActionLink';
import { livePlanProgress } from '../../features/plans/plan-progress';
import { PlanSettings } from '../../features/plans/PlanSettings';
import { deletedPlanState } from '../../features/plans/deleted-plan';
import { StageIntro } from '../../features/plans/StageIntro';
import { StageRolesSummary } from '../../features/roles/StageRolesSummary';
import { StageRows } from '../../features/stage-tables/StageRows';
import { InputsBehind, StakeholderInputsLink } from '../../features/stakeholder-inputs/InputsBehind';
import { useInputsGoingWith } from '../../features/stakeholder-inputs/stakeholder-inputs';
import { useDistrictUsers } from '../../features/users/district-users';
import { useCanEditPlans } from '../../lib/current-user';
import { useCanEditPlan } from '../../lib/plan-editing';
import { useAfterCommit } from '../../lib/use-after-commit';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { paths, planMeasurePath, planReadinessPath, planRolesPath, planStagePath, planStakeholderPath } from '../paths';
import { CommentsOn } from './comment-links';

function StagePager({ plan, index }: { plan: Plan; index: number }) {
  const previous = plan.stages[index - 1];
  const next = plan.stages[index + 1];
  return (
    <nav className="stage-pager" aria-label="Previous and next stage">
      {previous ? (
        <Link className="stage-pager__link stage-pager__link--previous" to={planStagePath(plan.id, previous.key)}>
          <span className="stage-pager__direction">Previous stage</span>
          <span className="visually-hidden">: </span>
          <span>
            Stage {previous.order}: {previous.title}
          </span>
        </Link>
      ) : null}
      {next ? (
        <Link className="stage-pager__link stage-pager__link--next" to={planStagePath(plan.id, next.key)}>
          <span className="stage-pager__direction">Next stage</span>
          <span className="visually-hidden">: </span>
          <span>
            Stage {next.order}: {next.title}
          </span>
        </Link>
      ) : null}
    </nav>
  );
}

function StagePage({ plan, stageKey }: { plan: Plan; stageKey: StageKey }) {
  const canEdit = useCanEditPlan();
  // The settings stay for an archived plan: they are where it is made active again, or deleted.
  const canEditPlans = useCanEditPlans();
  const navigate = useNavigate();
  const linkedId = useLocation().hash.slice(1);
  const users = useDistrictUsers();
  const afterCommit = useAfterCommit();
  const inputsGoingWith = useInputsGoingWith(plan.id);
  const index = plan.stages.findIndex((s) => s.key === stageKey);
  const stage = plan.stages[index];
  const progress = livePlanProgress(plan);
  const stageProgress = progress.stages[index];
  useDocumentTitle(stage ? `Stage ${String(stage.order)}: ${stage.title} – ${plan.title}` : plan.title);
  if (!stage || !stageProgress) return <NotFoundPage />;

  const commentsOn = (kind: 'answer' | 'action' | 'row' | 'measure' | 'misstep', id: string, label: string) => (
    <CommentsOn planId={plan.id} kind={kind} id={id} label={label} users={users.data?.users} />
  );
  // The stakeholder trace: what was heard, on the items it shaped, and from each stakeholder's row.
  const inputsBehind = (kind: ShapedKind, id: string) => (
    <InputsBehind
      planId={plan.id}
      kind={kind}
      id={id}
      stakeholderHref={(stakeholderId) => planStakeholderPath(plan.id, stakeholderId)}
    />
  );
  const traceOfRow = (name: StageTableName, row: { id: string }): ReactNode => {
    if (name === 'decisions') return inputsBehind('decision', row.id);
    if (name === 'measures') return inputsBehind('measure', row.id);
    if (name !== 'stakeholders') return null;
    const stakeholder = plan.tables.stakeholders.find((s) => s.id === row.id);
    return stakeholder ? (
      <StakeholderInputsLink
        planId={plan.id}
        stakeholderId={stakeholder.id}
        name={rowTitle('stakeholders', stakeholder)}
        href={planStakeholderPath(plan.id, stakeholder.id)}
      />
    ) : null;
  };
  const section = (id: string, title: string, content: (onRemoved: () => void) => ReactNode): PageSection => {
    const sectionId = `${stage.key}-${id}`;
    return { id: sectionId, title, content: content(() => afterCommit(() => focusSection(sectionId))) };
  };
  const sections: PageSection[] = [
    section('questions', 'Key questions', (onRemoved) => (
      <KeyQuestions
        planId={plan.id}
        stage={stage}
        canEdit={canEdit}
        onRemoved={onRemoved}
        questionFooter={(question) => (
          <>
            {inputsBehind('answer', question.key)}
            {commentsOn('answer', question.key, `the answer to: ${question.text}`)}
          </>
        )}
      />
    )),
    section('actions', 'High-impact actions', (onRemoved) => (
      <HighImpactActions
        planId={plan.id}
        stage={stage}
        users={users.data?.users ?? []}
        canEdit={canEdit}
        onRemoved={onRemoved}
        actionFooter={(action) => (
          <>
            {inputsBehind('action', action.id)}
            {stage.key === 'context' ? (
              <ReadinessActionLink planId={plan.id} actionId={action.id} href={planReadinessPath(plan.id)} />
            ) : null}
            {commentsOn('action', action.id, `the action: ${action.text}`)}
          </>
        )}
      />
    )),
    section('missteps', 'Missteps to avoid', (onRemoved) => (
      <StageMissteps
        planId={plan.id}
        stageKey={stage.key}
        canEdit={canEdit}
        onRemoved={onRemoved}
        misstepFooter={(misstep) => commentsOn('misstep', misstep.id, `the misstep: ${misstep.text}`)}
      />
    )),
    ...tablesOfStage(stage.key).map((name) =>
      section(stageTables[name].key, stageTables[name].title, (onRemoved) => (
        <StageRows
          planId={plan.id}
          name={name}
          rows={plan.tables[name]}
          canEdit={canEdit}
          onRemoved={onRemoved}
          people={users.data?.users ?? []}
          rowRemovedWith={name === 'stakeholders' ? (row) => inputsGoingWith(row.id) : undefined}
          rowFooter={(row) => (
            <>
              {traceOfRow(name, row)}
              {commentsOn(
                name === 'measures' ? 'measure' : 'row',
                row.id,
                `the ${stageTables[name].rowNoun}: ${rowTitle(name, row)}`,
              )}
            </>
          )}
          rowExtra={
            name === 'measures'
              ? (row) => {
                  const measure = plan.tables.measures.find((m) => m.id === row.id);
                  return measure ? (
                    <MeasureSummary measure={measure} href={planMeasurePath(plan.id, measure.id)} />
                  ) : null;
                }
              : undefined
          }
        />
      )),
    ),
    ...(stage.key === 'build'
      ? [
          section('roles', 'Teacher-leader roles', () => (
            <StageRolesSummary planId={plan.id} rolesHref={planRolesPath(plan.id)} />
          )),
        ]
      : []),
  ];

  return (
    <>
      {canEditPlans ? (
        <PlanSettings
          plan={plan}
          onDeleted={() => void navigate(paths.plans, { replace: true, state: deletedPlanState(plan.title) })}
        />
      ) : null}
      {/* A new stage is a new page: its sections start again from the top. */}
      <PageSections
        key={stage.key}
        foldKey={`plan:${plan.id}`}
        intro={<StageIntro stage={stage} progress={stageProgress} />}
        sections={sections}
        linkedId={linkedId}
      />
      <StagePager plan={plan} index={index} />
    </>
  );
}

/** /plans/:planId/stages/:stageKey: one stage's questions, actions and tables. */
export function StageRoute() {
  const { plan } = usePlanOutlet();
  const { stageKey } = useParams();
  const key = stageKeys.find((candidate) => candidate === stageKey);
  if (!key) return <NotFoundPage />;
  return <StagePage plan={plan} stageKey={key} />;
}

/** /plans/:planId: a plan's own address opens its first stage. */
export function PlanIndexRoute() {
  const { plan } = usePlanOutlet();
  return <Navigate to={planStagePath(plan.id, stageKeys[0])} replace />;
}

import { parseAlignmentSubjectId } from '@planner/shared/alignment';
import type { CommentThread } from '@planner/shared/comment';
import type { DistrictUser } from '@planner/shared/user';
import { ItemComments, itemCommentsAnchor } from '../../features/comments/ItemComments';
import type { MentionablePerson } from '../../features/comments/MentionPicker';
import { useCurrentUser } from '../../lib/current-user';
import { usePlanIsArchived } from '../../lib/plan-editing';
import {
  planLogicModelPath,
  planMeasurePath,
  planReadinessPath,
  planRolePath,
  planStagePath,
  planStakeholderInputPath,
} from '../paths';

/** Where a thread's item is shown, at its comments: its stage page, a measure's or a role's own page (its alignment too), or readiness. */
export function commentItemHref(planId: string, subject: CommentThread['subject']): string {
  const anchor = `#${itemCommentsAnchor(subject.kind, subject.id)}`;
  if (subject.kind === 'measure') return `${planMeasurePath(planId, subject.id)}${anchor}`;
  if (subject.kind === 'role') return `${planRolePath(planId, subject.id)}${anchor}`;
  if (subject.kind === 'alignment') {
    const named = parseAlignmentSubjectId(subject.id);
    if (named) return `${planRolePath(planId, named.roleId)}${anchor}`;
  }
  if (subject.kind === 'logic_model_entry') return `${planLogicModelPath(planId)}${anchor}`;
  if (subject.kind === 'input') return planStakeholderInputPath(planId, subject.id);
  if (subject.kind === 'readiness') return `${planReadinessPath(planId)}${anchor}`;
  return `${planStagePath(planId, subject.stageKey)}${anchor}`;
}

/** The people a comment may mention: the district's active people. */
export const mentionable = (users: readonly DistrictUser[] | undefined): MentionablePerson[] =>
  (users ?? []).filter((u) => u.active).map((u) => ({ id: u.id, name: u.name, email: u.email }));

/** District admins and principals comment; viewers read, as everyone does on an archived plan. */
export function useCanComment(): boolean {
  const { role } = useCurrentUser().user;
  const archived = usePlanIsArchived();
  return (role === 'district_admin' || role === 'principal') && !archived;
}

interface CommentsOnProps {
  planId: string;
  kind: CommentThread['subject']['kind'];
  id: string;
  label: string;
  users: readonly DistrictUser[] | undefined;
}

/** The comments of one item, as every page composes them. */
export function CommentsOn({ planId, kind, id, label, users }: CommentsOnProps) {
  const canComment = useCanComment();
  return (
    <ItemComments
      planId={planId}
      subject={{ kind, id }}
      label={label}
      people={mentionable(users)}
      canComment={canComment}
    />
  );
}

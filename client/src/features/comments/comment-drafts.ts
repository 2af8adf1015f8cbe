import type { CommentSubjectKind } from '@planner/shared/comment';

/**
 * The start of the names under which replies and edits of an item's comments are kept as the session ends (see
 * useKeepDraft), so that the item's comments button can say that words wait in them while it is closed. The id is
 * encoded: an answer's (`design.q1`) would otherwise start another's (`design.q10`).
 */
export const commentDraftsPrefix = (subject: { kind: CommentSubjectKind; id: string }): string =>
  `comments-on/${subject.kind}/${encodeURIComponent(subject.id)}/`;

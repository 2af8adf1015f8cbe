import {
  commentCountsSchema,
  commentParamsSchema,
  commentQuerySchema,
  createCommentSchema,
  threadListSchema,
  threadSchema,
  updateCommentSchema,
} from '@planner/shared/comment';
import { planParamsSchema } from '@planner/shared/plan';
import { defineRoute, everyRole, problem, versionConflictProblem } from '../../http/routes';
import * as comments from './service';

const tag = 'Comments';
const commenters = ['district_admin', 'principal'] as const;

export const commentRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/comments',
    summary: "The plan's comment threads, newest activity first (open ones by default), and the open ones counted",
    tag,
    access: everyRole,
    request: { params: planParamsSchema, query: commentQuerySchema },
    responses: { 200: { description: 'Threads and counts', schema: threadListSchema } },
    async handler({ res, user, db, input }) {
      res.json(await comments.listThreads(db, user, input.params.planId, input.query));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/comments/counts',
    summary: "The plan's open threads counted in all, per stage and per item (for the stage navigation and badges)",
    tag,
    access: everyRole,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'Open threads counted', schema: commentCountsSchema } },
    async handler({ res, user, db, input }) {
      res.json(await comments.countOpenThreads(db, user, input.params.planId));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/comments',
    summary:
      'Start a thread on an answer, action, row, measure or role, or reply in a thread; mentioned people are told',
    tag,
    access: commenters,
    request: { params: planParamsSchema, body: createCommentSchema },
    responses: { 201: { description: 'The thread with the new comment', schema: threadSchema } },
    async handler({ res, user, db, input }) {
      res.status(201).json(await comments.createComment(db, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/plans/:planId/comments/:commentId',
    summary: 'Edit your own comment (send the version you loaded)',
    tag,
    access: commenters,
    request: { params: commentParamsSchema, body: updateCommentSchema },
    responses: {
      200: { description: 'The thread with the comment as saved', schema: threadSchema },
      403: problem('Not your comment, or the CSRF token is missing'),
      409: versionConflictProblem,
    },
    async handler({ res, user, db, input }) {
      res.json(await comments.updateComment(db, user, input.params.planId, input.params.commentId, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/plans/:planId/comments/:commentId',
    summary: 'Delete your own comment',
    tag,
    access: commenters,
    request: { params: commentParamsSchema },
    responses: {
      204: { description: 'Deleted' },
      403: problem('Not your comment, or the CSRF token is missing'),
      409: problem('The comment changed meanwhile'),
    },
    async handler({ res, user, db, input }) {
      await comments.deleteComment(db, user, input.params.planId, input.params.commentId);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/comments/:commentId/resolve',
    summary: "Resolve the comment's thread",
    tag,
    access: commenters,
    request: { params: commentParamsSchema },
    responses: { 200: { description: 'The thread, resolved', schema: threadSchema } },
    async handler({ res, user, db, input }) {
      res.json(await comments.setResolved(db, user, input.params.planId, input.params.commentId, true));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/comments/:commentId/reopen',
    summary: "Reopen the comment's thread",
    tag,
    access: commenters,
    request: { params: commentParamsSchema },
    responses: { 200: { description: 'The thread, open again', schema: threadSchema } },
    async handler({ res, user, db, input }) {
      res.json(await comments.setResolved(db, user, input.params.planId, input.params.commentId, false));
    },
  }),
];

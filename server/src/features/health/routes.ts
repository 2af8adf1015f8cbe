import { healthSchema, type Health } from '@planner/shared/health';
import { defineRoute } from '../../http/routes';

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    summary: 'Whether the server can reach its database',
    tag: 'Health',
    access: 'public',
    responses: {
      200: { description: 'The server and its database are up', schema: healthSchema },
      503: { description: 'The database does not answer', schema: healthSchema, contentType: 'application/json' },
    },
    async handler({ req, res, db }) {
      let body: Health = { status: 'ok', database: 'up' };
      try {
        await db.raw('select 1');
      } catch (err) {
        req.log.warn({ err }, 'Health check: database unreachable');
        body = { status: 'unavailable', database: 'down' };
      }
      res
        .status(body.status === 'ok' ? 200 : 503)
        .set('Cache-Control', 'no-store')
        .json(body);
    },
  }),
];

import { healthSchema, type Health } from '@planner/shared/health';
import { retryAfterSeconds } from '../../db/availability';
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
    async handler({ res, db, deps: { availability } }) {
      let body: Health = { status: 'ok', database: 'up' };
      // While an outage is known, say so at once; otherwise ask the database. Outages are logged where found.
      const down =
        availability.isDown ||
        (await db.raw('select 1').then(
          () => false,
          (err: unknown) => {
            availability.noteError(err);
            return true;
          },
        ));
      if (down) {
        body = { status: 'unavailable', database: 'down' };
        res.set('Retry-After', String(retryAfterSeconds));
      }
      res
        .status(body.status === 'ok' ? 200 : 503)
        .set('Cache-Control', 'no-store')
        .json(body);
    },
  }),
];

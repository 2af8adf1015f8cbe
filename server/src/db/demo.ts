import type { Logger } from 'pino';
import { demoPassword, seedDemo } from '../../../migrations/demo-seed';
import { hashPassword } from '../features/auth/service';
import type { Db } from './knex';

/** Seeds the demo districts on an empty database; never called in production. */
export async function seedDemoIfEmpty(db: Db, logger: Logger): Promise<boolean> {
  const row = (await db('districts').count<{ count: string | number }[]>('* as count').first())!;
  if (Number(row.count) > 0) return false;
  await seedDemo(db, await hashPassword(demoPassword));
  logger.info('Seeded the demo districts: sign in as admin@lakeview.test with the password lakeview-demo');
  return true;
}

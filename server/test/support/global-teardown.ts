import { dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.PLANNER_TEST_SERVER_URL;
  const name = process.env.PLANNER_TEST_DROP_DATABASE;
  if (serverUrl && name) await dropDatabase(serverUrl, name);
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseInUse, openDatabase, type Db } from '../src/db/knex';

/**
 * The embedded database on disk (`npm start` without DATABASE_URL) is held by one process at a time: two on one
 * folder would each run a Postgres of its own on the same files, and what one of them saved would be lost.
 */

let folder: string;
/** Every database a test opened, closed after it even when it fails: an open one would keep Jest from exiting. */
let opened: Db[] = [];
const open = (dataDir = folder) => {
  const db = openDatabase({ dataDir });
  opened.push(db);
  return db;
};
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'planner-embedded-'));
});
afterEach(async () => {
  await Promise.all(opened.map((db) => db.destroy().catch(() => undefined)));
  opened = [];
  rmSync(folder, { recursive: true, force: true });
});

// Each test starts embedded Postgres servers (initdb included), which on a busy machine takes a while: hence the
// timeouts of two minutes.
it('cannot be opened a second time while open, and can once closed, with what was saved', async () => {
  const first = open();
  await first.raw('create table saved (text text)');
  await first.raw(`insert into saved values ('kept')`);

  expect(() => open()).toThrow(DatabaseInUse);
  expect(() => open()).toThrow(`The embedded database in ${folder} is open in another planner process`);
  // The one open still works.
  expect((await first.raw('select text from saved')).rows).toEqual([{ text: 'kept' }]);

  await first.destroy();
  const second = open();
  expect((await second.raw('select text from saved')).rows).toEqual([{ text: 'kept' }]);
}, 120_000);

it('another folder opens beside it', async () => {
  const other = mkdtempSync(path.join(tmpdir(), 'planner-embedded-'));
  const first = open();
  const second = open(other);
  try {
    await Promise.all([first.raw('select 1'), second.raw('select 1')]);
  } finally {
    await second.destroy();
    rmSync(other, { recursive: true, force: true });
  }
}, 120_000);

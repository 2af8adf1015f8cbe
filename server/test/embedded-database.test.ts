import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseInUse, openDatabase } from '../src/db/knex';

/**
 * The embedded database on disk (`npm start` without DATABASE_URL) is held by one process at a time: two on one
 * folder would each run a Postgres of its own on the same files, and what one of them saved would be lost.
 */

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'planner-embedded-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

it('cannot be opened a second time while open, and can once closed, with what was saved', async () => {
  const first = openDatabase({ dataDir: folder });
  await first.raw('create table saved (text text)');
  await first.raw(`insert into saved values ('kept')`);

  expect(() => openDatabase({ dataDir: folder })).toThrow(DatabaseInUse);
  expect(() => openDatabase({ dataDir: folder })).toThrow(
    `The embedded database in ${folder} is open in another planner process`,
  );
  // The one open still works.
  expect((await first.raw('select text from saved')).rows).toEqual([{ text: 'kept' }]);

  await first.destroy();
  const second = openDatabase({ dataDir: folder });
  try {
    expect((await second.raw('select text from saved')).rows).toEqual([{ text: 'kept' }]);
  } finally {
    await second.destroy();
  }
});

it('another folder opens beside it', async () => {
  const other = mkdtempSync(path.join(tmpdir(), 'planner-embedded-'));
  const first = openDatabase({ dataDir: folder });
  const second = openDatabase({ dataDir: other });
  try {
    await Promise.all([first.raw('select 1'), second.raw('select 1')]);
  } finally {
    await Promise.all([first.destroy(), second.destroy()]);
    rmSync(other, { recursive: true, force: true });
  }
});

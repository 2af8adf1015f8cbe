import {
  maxMisstepsPerStage,
  misstepStarters,
  type AddMisstepStarters,
  type CreateMisstep,
  type Misstep,
  type UpdateMisstep,
} from '@planner/shared/misstep';
import type { StageKey } from '@planner/shared/roadmap';
import { asActor } from '../../db/history-context';
import type { Executor } from '../../db/knex';
import { AppError, deleteConflict, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { lockPlanOrNotFound, planOrNotFound } from '../plans/service';
import { presentMisstep } from './presenter';
import * as repo from './repo';

/** A plan's missteps, every stage's, in the order they were added. */
export async function listMissteps(db: Executor, user: SignedInUser, planId: string): Promise<Misstep[]> {
  await planOrNotFound(db, user.districtId, planId);
  return missteps(db, user.districtId, planId);
}

/** For a read that has checked the plan already (the export, the dashboard, the needs-attention list). */
export async function missteps(db: Executor, districtId: string, planId: string): Promise<Misstep[]> {
  return (await repo.listForPlan(db, districtId, planId)).map(presentMisstep);
}

const tooMany = () =>
  invalidInput([{ in: 'body', field: 'stageKey', message: `a stage holds at most ${maxMisstepsPerStage} missteps` }]);

/** Refuses `adding` more missteps past a stage's cap; under the plan's lock. */
export async function assertRoomForMissteps(
  trx: Executor,
  districtId: string,
  planId: string,
  stageKey: StageKey,
  adding = 1,
): Promise<void> {
  if ((await repo.countInStage(trx, districtId, planId, stageKey)) + adding > maxMisstepsPerStage) throw tooMany();
}

export async function addMisstep(db: Executor, user: SignedInUser, planId: string, input: CreateMisstep) {
  return asActor(db, user.id, async (trx) => {
    await lockPlanOrNotFound(trx, user.districtId, planId);
    await assertRoomForMissteps(trx, user.districtId, planId, input.stageKey);
    const [row] = await repo.insert(trx, [
      {
        district_id: user.districtId,
        plan_id: planId,
        stage_key: input.stageKey,
        starter_key: null,
        text: input.text,
        status: input.status,
        note: input.note,
        updated_by: user.id,
      },
    ]);
    return presentMisstep(row!);
  });
}

/**
 * The starter missteps into a stage that has none yet (a stage with missteps of its own is the
 * district's list: 409, so a second click or a second person adds nothing twice). Answers the stage's list.
 */
export async function addStarters(db: Executor, user: SignedInUser, planId: string, input: AddMisstepStarters) {
  return asActor(db, user.id, async (trx) => {
    await lockPlanOrNotFound(trx, user.districtId, planId);
    if ((await repo.countInStage(trx, user.districtId, planId, input.stageKey)) > 0) {
      throw new AppError(
        'conflict',
        'This stage has missteps already: the starters are offered only to a stage with none.',
      );
    }
    const rows = await repo.insert(
      trx,
      misstepStarters[input.stageKey].map((starter) => ({
        district_id: user.districtId,
        plan_id: planId,
        stage_key: input.stageKey,
        starter_key: starter.key,
        text: starter.text,
        status: 'watched' as const,
        note: '',
        updated_by: user.id,
      })),
    );
    return rows.map(presentMisstep);
  });
}

export async function updateMisstep(
  db: Executor,
  user: SignedInUser,
  planId: string,
  misstepId: string,
  input: UpdateMisstep,
): Promise<Misstep> {
  const saved = await repo.update(
    db,
    { districtId: user.districtId, planId, id: misstepId, version: input.version },
    { text: input.text, status: input.status, note: input.note, updated_by: user.id },
  );
  if (saved) return presentMisstep(saved);
  const now = await repo.findOne(db, user.districtId, planId, misstepId);
  if (!now) throw notFound('The misstep');
  throw versionConflict('misstep', presentMisstep(now));
}

/** Removes a misstep at the version the person saw: one changed since stays (409 with it now). */
export async function removeMisstep(
  db: Executor,
  user: SignedInUser,
  planId: string,
  misstepId: string,
  version: number,
): Promise<void> {
  const where = { districtId: user.districtId, planId, id: misstepId, version };
  if ((await asActor(db, user.id, (trx) => repo.remove(trx, where))) > 0) return;
  const now = await repo.findOne(db, user.districtId, planId, misstepId);
  if (!now) throw notFound('The misstep');
  throw deleteConflict('misstep', presentMisstep(now));
}

/** A misstep a comment may be about, in words, with its stage; undefined when not of this plan. */
export async function misstepSubjectOf(db: Executor, districtId: string, planId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await repo.findOne(db, districtId, planId, id);
  return row && { label: row.text, stageKey: row.stage_key, writtenBy: row.updated_by };
}

/** Every misstep of one plan into its copy, as they stand (a known misstep is worth watching next year too). */
export const copyMissteps = (trx: Executor, user: SignedInUser, fromPlanId: string, toPlanId: string) =>
  repo.copyAll(trx, user.districtId, fromPlanId, toPlanId, user.id);

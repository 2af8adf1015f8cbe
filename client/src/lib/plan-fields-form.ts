import { useEffect, useRef, useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { planSummarySchema, type PlanSummary, type UpdatePlan } from '@planner/shared/plan';
import { isApiError, type ApiError } from './api';

/** The plan's own fields that its forms edit (the settings, the budget's cost settings). */
export type PlanFieldKey = 'title' | 'schoolYear' | 'status' | 'averageTeacherCostCents' | 'contractDays';
export type PlanFields = Pick<PlanSummary, PlanFieldKey>;

/** Fields someone else set to other values while the person edited them: nothing was saved. */
export interface PlanFieldsClash<K extends PlanFieldKey> {
  fields: K[];
  theirs: Pick<PlanFields, K>;
}

interface Options<K extends PlanFieldKey, Texts extends FieldValues> {
  /** The plan as the page has it now. */
  plan: PlanSummary;
  keys: readonly K[];
  form: UseFormReturn<Texts, unknown, Pick<PlanFields, K>>;
  /** A field's value as its control shows it. */
  toText: (key: K, value: PlanFields[K]) => string;
  save: (input: UpdatePlan) => Promise<PlanSummary>;
}

/**
 * A form of some of the plan's own fields, each saved with the plan's version, which every change to the
 * plan counts up:
 * - a field the person is not editing follows the plan as it changes, so someone else's save shows at once;
 * - a save sends only the fields the person changed, so a change elsewhere in the plan (its title, while
 *   they edit the cost settings) is no conflict: a 409 is tried again once on the plan as it is now;
 * - a field someone else set to another value meanwhile is a clash: nothing is saved, what the person typed
 *   stays in the form, and theirs is shown (`clash`); saving again keeps the person's, `takeTheirs` theirs;
 * - any other refusal is `failure` (a 409 tried again is not one), until the next save.
 */
export function usePlanFieldsForm<K extends PlanFieldKey, Texts extends FieldValues>({
  plan,
  keys,
  form,
  toText,
  save,
}: Options<K, Texts>) {
  const valuesOf = (p: PlanFields) => Object.fromEntries(keys.map((k) => [k, p[k]])) as Pick<PlanFields, K>;
  // What the person's edits are based on: the plan's values when each field was last reset.
  const base = useRef(valuesOf(plan));
  // The plan as a refused save found it, until the page's copy (reloaded after a 409) catches up with it.
  const seenInConflict = useRef<PlanSummary | null>(null);
  const [clash, setClash] = useState<PlanFieldsClash<K> | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const showsBase = (key: K) => form.getValues(key as unknown as Path<Texts>) === toText(key, base.current[key]);
  const resetTo = (key: K, value: PlanFields[K]) => {
    base.current[key] = value;
    form.resetField(key as unknown as Path<Texts>, { defaultValue: toText(key, value) as Texts[Path<Texts>] });
  };

  const planValues = keys.map((k) => String(plan[k])).join('\u0000');
  useEffect(() => {
    for (const key of keys) if (showsBase(key) && base.current[key] !== plan[key]) resetTo(key, plan[key]);
    // Only when the plan's values change; the form's own changes are the person's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [planValues]);

  /**
   * Saves what the person changed: 'saved'; 'clash' when someone else set one of those fields meanwhile;
   * the refusal when refused otherwise (also `failure`).
   */
  const submit = async (mine: Pick<PlanFields, K>): Promise<'saved' | 'clash' | ApiError> => {
    setClash(null);
    setFailure(null);
    const changed = keys.filter((k) => mine[k] !== base.current[k]);
    const attempt = async (now: PlanFields, version: number): Promise<PlanSummary | null> => {
      const clashing = changed.filter((k) => now[k] !== base.current[k] && now[k] !== mine[k]);
      if (clashing.length > 0) {
        // Saving again now puts the person's values over theirs, knowingly.
        for (const k of clashing) base.current[k] = now[k];
        setClash({ fields: clashing, theirs: valuesOf(now) });
        return null;
      }
      const input: UpdatePlan = { version };
      for (const k of changed) Object.assign(input, { [k]: mine[k] });
      return save(input);
    };
    const seen = seenInConflict.current;
    const newest = seen && seen.version > plan.version ? seen : plan;
    let saved: PlanSummary | null;
    try {
      if (changed.length === 0) {
        saved = newest;
      } else {
        try {
          saved = await attempt(newest, newest.version);
        } catch (caught) {
          const now =
            isApiError(caught) && caught.code === 'version_conflict' && planSummarySchema.safeParse(caught.current);
          if (!now || !now.success) throw caught;
          seenInConflict.current = now.data;
          // Saved to meanwhile (by anyone): once more on the plan as it is now; a second 409 is a failure.
          saved = await attempt(now.data, now.data.version);
        }
      }
    } catch (caught) {
      if (!isApiError(caught)) throw caught;
      setFailure(caught);
      return caught;
    }
    if (!saved) return 'clash';
    base.current = valuesOf(saved);
    form.reset(Object.fromEntries(keys.map((k) => [k, toText(k, saved[k])])) as Texts);
    return 'saved';
  };

  const takeTheirs = () => {
    if (!clash) return;
    for (const k of clash.fields) resetTo(k, clash.theirs[k]);
    setClash(null);
    // The alert, and its button, go: focus goes to the first field it named.
    form.setFocus(clash.fields[0] as unknown as Path<Texts>);
  };

  return { submit, clash, failure, takeTheirs };
}

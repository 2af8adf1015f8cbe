import { useRef, useState, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { measureReadingSchema, type MeasureReading, type MeasureReadingInput } from '@planner/shared/measure';
import { ConflictPanel } from '../../components/ConflictPanel';
import { conflictFields, type ConflictFieldSpec } from '../../lib/autosave/conflict-fields';
import { noFieldClashes } from '../../lib/autosave/registry';
import { ItemHistorySlot } from '../../components/ItemHistorySlot';
import { useKeptDraft, type KeptFormDraft } from '../../lib/use-kept-draft';
import { isApiError } from '../../lib/api';
import type { ListNews } from '../../lib/list-news';
import { formatDate, formatWithUnit } from '@planner/shared/format';
import { updateCachedReadings } from '../../lib/plan-cache';
import { ReadingForm, type ReadingDraft } from './ReadingForm';
import { useUpdateReading } from './update-reading';

interface EditReadingProps {
  planId: string;
  measureId: string;
  unit: string;
  reading: MeasureReading;
  /** The readings' live region: the page says there what the correction did, once it closes the form. */
  news: ListNews;
  /**
   * The form is done with: `saved` when a correction was stored (by this person, or the same by someone else), and
   * `withTheirs` when it went on top of someone else's change to other fields.
   */
  onDone: (saved: boolean, withTheirs?: boolean) => void;
}

type ReadingFields = Pick<MeasureReading, 'date' | 'value' | 'note'>;

/** What a correction keeps beside its words when the session ends: the fields it is counted from and sent against. */
interface KeptCorrection {
  from: ReadingFields;
  against: ReadingFields;
}

const fieldsOf = ({ date, value, note }: MeasureReadingInput): ReadingFields => ({ date, value, note: note ?? '' });

const changesFrom = (before: ReadingFields, after: ReadingFields): Partial<ReadingFields> =>
  Object.fromEntries(
    (['date', 'value', 'note'] as const)
      .filter((field) => before[field] !== after[field])
      .map((field) => [field, after[field]]),
  );

const conflictSpecs = (unit: string): ConflictFieldSpec<ReadingFields>[] => [
  { label: 'Date', fields: ['date'], format: (r) => formatDate(r.date) },
  { label: 'Value', fields: ['value'], format: (r) => formatWithUnit(r.value, unit) },
  { label: 'Note', fields: ['note'], format: (r) => r.note },
];

/** Corrects one reading; a reading someone else changed first is shown beside this person's, nothing overwritten. */
export function EditReading({ planId, measureId, unit, reading, news, onDone }: EditReadingProps) {
  const queryClient = useQueryClient();
  const updateReading = useUpdateReading(planId, measureId, reading.id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Words kept as the session ended under this correction come back with what they were counted from.
  const keptAs = `correct-reading:${reading.id}`;
  const kept = useKeptDraft<KeptFormDraft<ReadingDraft, KeptCorrection>>(keptAs);
  const keptBase = kept?.base && kept.version !== null ? { ...kept.base, version: kept.version } : null;
  // The reading as it was when editing began: only the fields changed from it are sent, so a field
  // someone else changed meanwhile is never put back.
  const [base] = useState<MeasureReading>(() => (keptBase ? { ...reading, ...keptBase.from } : reading));
  // The version the correction is sent against: the reading as it was, then the one "Keep mine" chose to overwrite
  // or the correction was taken onto. A later change clashes only where it moved what this person changed from it.
  const [against, setAgainst] = useState<MeasureReading>(() =>
    keptBase ? { ...reading, ...keptBase.against, version: keptBase.version } : reading,
  );
  const [conflict, setConflict] = useState<{
    mine: Partial<ReadingFields>;
    shown: ReadingFields;
    current: MeasureReading;
    against: MeasureReading;
  } | null>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const send = async (shown: ReadingFields, against: MeasureReading, withTheirs = false): Promise<boolean> => {
    const changes = changesFrom(fieldsOf(base), shown);
    if (Object.keys(changes).length === 0) {
      onDone(false);
      return true;
    }
    try {
      await updateReading.mutateAsync({ ...changes, version: against.version });
      onDone(true, withTheirs);
      return true;
    } catch (error) {
      if (isApiError(error) && error.code === 'version_conflict') {
        const current = measureReadingSchema.safeParse(error.current).data;
        if (current) {
          updateCachedReadings(queryClient, planId, measureId, (readings) =>
            readings.map((r) => (r.id === current.id ? current : r)),
          );
          // Someone (often this person, in another tab) saved the very same: nothing to choose.
          const fields = Object.keys(changes) as (keyof ReadingFields)[];
          if (fields.every((field) => changes[field] === current[field])) {
            onDone(true, withTheirs);
            return true;
          }
          // They changed only fields this person left: the correction is saved on their version, keeping both.
          if (current.version !== against.version && noFieldClashes(changes, fieldsOf(against), fieldsOf(current))) {
            setAgainst(current);
            return send(shown, current, true);
          }
          setConflict({ mine: changes, shown, current, against });
          return false;
        }
      }
      throw error;
    }
  };

  return (
    <>
      <ReadingForm
        heading={`Correct the reading of ${formatDate(base.date)}`}
        formName={`the reading of ${formatDate(base.date)}`}
        keptAs={keptAs}
        keptWith={{ version: against.version, base: { from: fieldsOf(base), against: fieldsOf(against) } }}
        headingRef={headingRef}
        submitLabel="Save reading"
        initial={{ date: reading.date, value: String(reading.value), note: reading.note }}
        unit={unit}
        error={updateReading.error}
        onSave={(input) => send(fieldsOf(input), against)}
        onCancel={() => onDone(false)}
        news={news}
      >
        {conflict ? (
          <ConflictPanel
            subject="this reading"
            named={`the reading of ${formatDate(base.date)}`}
            fields={
              conflictFields(
                conflictSpecs(unit),
                conflict.mine,
                conflict.shown,
                fieldsOf(conflict.current),
                fieldsOf(conflict.against),
              ).fields
            }
            changedBy={null}
            changedAt={conflict.current.updatedAt}
            onKeepMine={() => {
              const { shown, current } = conflict;
              setConflict(null);
              // The panel goes: focus stays in the form while the correction is saved.
              headingRef.current?.focus();
              setAgainst(current);
              void send(shown, current).catch(() => undefined);
            }}
            onUseTheirs={() => {
              setConflict(null);
              onDone(false);
            }}
          />
        ) : null}
      </ReadingForm>
      <ItemHistorySlot
        itemId={reading.id}
        label={`the reading of ${formatDate(reading.date)}`}
        versions={{ reading: reading.version }}
      />
    </>
  );
}

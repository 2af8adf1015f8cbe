import { useRef, useState, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { measureReadingSchema, type MeasureReading, type MeasureReadingInput } from '@planner/shared/measure';
import { ConflictPanel } from '../../components/ConflictPanel';
import { ItemHistorySlot } from '../../components/ItemHistorySlot';
import { isApiError } from '../../lib/api';
import { formatDate, formatWithUnit } from '@planner/shared/format';
import { updateCachedReadings } from '../../lib/plan-cache';
import { ReadingForm } from './ReadingForm';
import { useUpdateReading } from './update-reading';

interface EditReadingProps {
  planId: string;
  measureId: string;
  unit: string;
  reading: MeasureReading;
  onDone: () => void;
}

const changesFrom = (before: MeasureReadingInput, after: MeasureReadingInput): Partial<MeasureReadingInput> =>
  Object.fromEntries(
    (['date', 'value', 'note'] as const)
      .filter((field) => before[field] !== after[field])
      .map((field) => [field, after[field]]),
  );

/** Corrects one reading; a reading someone else changed first is shown beside this person's, nothing overwritten. */
export function EditReading({ planId, measureId, unit, reading, onDone }: EditReadingProps) {
  const queryClient = useQueryClient();
  const updateReading = useUpdateReading(planId, measureId, reading.id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The reading as it was when editing began: what the changes are measured against, and its version.
  const [base, setBase] = useState(reading);
  const [conflict, setConflict] = useState<{ mine: MeasureReadingInput; current: MeasureReading } | null>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const send = async (input: MeasureReadingInput, against: MeasureReading): Promise<boolean> => {
    const changes = changesFrom(against, input);
    if (Object.keys(changes).length === 0) {
      onDone();
      return true;
    }
    try {
      await updateReading.mutateAsync({ ...changes, version: against.version });
      onDone();
      return true;
    } catch (error) {
      if (isApiError(error) && error.code === 'version_conflict') {
        const current = measureReadingSchema.safeParse(error.current).data;
        if (current) {
          updateCachedReadings(queryClient, planId, measureId, (readings) =>
            readings.map((r) => (r.id === current.id ? current : r)),
          );
          setConflict({ mine: input, current });
          return false;
        }
      }
      throw error;
    }
  };

  const describe = (r: MeasureReadingInput) => ({
    date: formatDate(r.date),
    value: formatWithUnit(r.value, unit),
    note: r.note ?? '',
  });

  return (
    <>
      <ReadingForm
        heading={`Correct the reading of ${formatDate(base.date)}`}
        headingRef={headingRef}
        submitLabel="Save reading"
        initial={{ date: reading.date, value: String(reading.value), note: reading.note }}
        unit={unit}
        error={updateReading.error}
        onSave={(input) => send(input, base)}
        onCancel={onDone}
        savedMessage="Reading saved."
      >
        {conflict ? (
          <ConflictPanel
            subject="this reading"
            fields={(['date', 'value', 'note'] as const)
              .filter((field) => describe(conflict.mine)[field] !== describe(conflict.current)[field])
              .map((field) => ({
                label: field === 'date' ? 'Date' : field === 'value' ? 'Value' : 'Note',
                mine: describe(conflict.mine)[field],
                theirs: describe(conflict.current)[field],
              }))}
            changedBy={null}
            changedAt={conflict.current.updatedAt}
            onKeepMine={() => {
              const { mine, current } = conflict;
              setConflict(null);
              setBase(current);
              void send(mine, current).catch(() => undefined);
            }}
            onUseTheirs={() => {
              setConflict(null);
              onDone();
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

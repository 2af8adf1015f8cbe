import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { timeZoneLabel, timeZoneSchema, type DistrictSettings } from '@planner/shared/district';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadError } from '../../components/LoadError';
import { fieldDescribedBy, FieldFrame } from '../../components/FieldFrame';
import { LoadingState } from '../../components/LoadingState';
import { SubmitButton } from '../../components/SubmitButton';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { useDistrictSettings, useSaveDistrictSettings } from './district-settings';
import { timeZoneGroups } from './time-zone-options';

const labels = { timeZone: 'Time zone' } as const;
const resolver = labelledResolver(z.object({ timeZone: timeZoneSchema }), labels);
const hint =
  'Reminders of actions and readings, what counts as overdue, and the daily digest (sent at 8 AM) follow the days of this time zone.';

interface TimeZoneFormProps {
  settings: DistrictSettings;
  save: ReturnType<typeof useSaveDistrictSettings>;
  onSaved: (saved: DistrictSettings) => void;
}

function TimeZoneForm({ settings, save, onSaved }: TimeZoneFormProps) {
  const selectId = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty },
  } = useForm<{ timeZone: string }>({ resolver, defaultValues: { timeZone: settings.timeZone } });
  const error = errors.timeZone?.message;

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      if (!isDirty) return;
      try {
        onSaved(await save.mutateAsync({ timeZone: values.timeZone, version: settings.version }));
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges('the district time zone', isDirty && !busy);

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <FieldFrame controlId={selectId} label={labels.timeZone} hint={hint} error={error}>
        <select
          id={selectId}
          className="field__input"
          aria-invalid={error ? true : undefined}
          aria-describedby={fieldDescribedBy(selectId, { hint, error })}
          {...register('timeZone')}
        >
          {timeZoneGroups(settings.timeZone).map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </FieldFrame>
      <div className="form__actions">
        <SubmitButton busy={busy} unavailable={!isDirty} label="Save time zone" busyLabel="Saving…" />
      </div>
    </form>
  );
}

/** The district's time zone, by which its days run: shown to administrators, who change it. */
export function DistrictTimeZoneSection() {
  const settings = useDistrictSettings();
  const save = useSaveDistrictSettings();
  const [message, setMessage] = useState('');
  const messageRef = useRef<HTMLParagraphElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const error = save.error;
  const generalError = error
    ? error.code === 'version_conflict'
      ? 'Someone else changed the time zone while you were choosing. It is shown as it is now: choose again.'
      : generalErrorMessage(error, labels)
    : null;
  // A field's own error has focus already (applyServerErrors); anything else is said in the alert, read out at once.
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  let content;
  if (settings.isPending) content = <LoadingState label="Loading the time zone…" />;
  else if (settings.isError) {
    content = <LoadError title="The time zone could not be loaded" query={settings} />;
  } else {
    content = (
      <>
        {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
        {/* Saved settings come back with a new version: the form starts again from them, and focus goes to
            what the save said (the button it was on goes with the old form). */}
        <TimeZoneForm
          key={settings.data.version}
          settings={settings.data}
          save={save}
          onSaved={(saved) => {
            setMessage(`Saved: the district’s days now follow ${timeZoneLabel(saved.timeZone)}.`);
            messageRef.current?.focus();
          }}
        />
      </>
    );
  }

  return (
    <section className="card" aria-labelledby="district-time-zone-heading">
      <h2 id="district-time-zone-heading">District time zone</h2>
      {content}
      <p ref={messageRef} tabIndex={-1} role="status">
        {save.error ? '' : message}
      </p>
    </section>
  );
}

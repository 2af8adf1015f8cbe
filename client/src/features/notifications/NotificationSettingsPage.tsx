import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import {
  deliveries,
  deliveryLabels,
  notificationKindLabels,
  notificationKindsFor,
  notificationSettingsSchema,
  type NotificationSettings,
} from '@planner/shared/notification';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryFallback } from '../../components/QueryFallback';
import { SubmitButton } from '../../components/SubmitButton';
import { labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useCurrentUser } from '../../lib/current-user';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useNotificationSettings, useSaveNotificationSettings } from './notification-settings';
import styles from './notifications.module.css';

const resolver = labelledResolver(notificationSettingsSchema, {});

function SettingsForm({ saved }: { saved: NotificationSettings }) {
  const save = useSaveNotificationSettings();
  // Only what can reach this person: the others keep their saved setting, sent back as they are.
  const kinds = notificationKindsFor(useCurrentUser().user.role);
  const [status, setStatus] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    reset,
    formState: { isDirty },
  } = useForm({ resolver, defaultValues: saved });
  useEffect(() => {
    if (save.isError) alertRef.current?.focus();
  }, [save.isError]);
  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      setStatus('');
      await save.mutateAsync(values).then(
        () => {
          reset(values);
          setStatus('Your notification settings are saved.');
        },
        () => undefined,
      );
    }),
  );
  useUnsavedChanges('your notification settings', isDirty && !busy);
  return (
    <form className={styles['settings']} noValidate onSubmit={onSubmit}>
      {save.isError ? (
        <ErrorAlert ref={alertRef} title="Your settings were not saved">
          <p>{save.error.detail}</p>
        </ErrorAlert>
      ) : null}
      {kinds.map((kind) => (
        <fieldset key={kind} className={styles['settings__kind']}>
          <legend className={styles['settings__legend']}>{notificationKindLabels[kind]}</legend>
          {deliveries.map((delivery) => (
            <label key={delivery} className="checkbox">
              <input type="radio" value={delivery} {...register(`settings.${kind}`)} />
              <span>{deliveryLabels[delivery]}</span>
            </label>
          ))}
        </fieldset>
      ))}
      <div className="form__actions">
        <SubmitButton busy={busy} label="Save settings" busyLabel="Saving…" />
      </div>
      <p role="status" className={styles['settings__saved']}>
        {status}
      </p>
    </form>
  );
}

/** /notifications/settings: for each kind of notification, in the planner only or also by email, at once or daily. */
export function NotificationSettingsPage({ notificationsHref }: { notificationsHref: string }) {
  useDocumentTitle('Notification settings');
  const settings = useNotificationSettings();
  return (
    <div className="page page--narrow">
      <p>
        <Link to={notificationsHref}>Back to your notifications</Link>
      </p>
      <h1>Notification settings</h1>
      <p className="page__lede">
        Everything that concerns you is listed in the planner. Choose what also comes by email: at once, or gathered in
        one email a day.
      </p>
      {settings.isSuccess ? (
        <SettingsForm saved={settings.data} />
      ) : (
        <QueryFallback
          query={settings}
          loadingLabel="Loading your settings…"
          errorTitle="Your settings could not be loaded"
        />
      )}
    </div>
  );
}

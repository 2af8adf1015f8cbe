import { useEffect, useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { createInvitationSchema, type InvitationWithLink } from '@planner/shared/invitation';
import type { School } from '@planner/shared/school';
import { personNameMax } from '@planner/shared/user';
import { useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { OneTimeLink } from './OneTimeLink';
import { useInvite } from './people-api';
import { RoleSelect } from './RoleSelect';
import { SchoolChecklist } from './SchoolChecklist';
import { useDistrictDateTime } from '../../lib/district-time';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';

const labels = { email: 'Email address', name: 'Name', role: 'Role', schoolIds: 'Schools' } as const;
const resolver = labelledResolver(createInvitationSchema, labels);
type InviteValues = z.input<typeof createInvitationSchema>;
const emptyInvitation: InviteValues = { email: '', name: '', role: 'viewer', schoolIds: [] };

/** What became of a link: emailed, or the administrator's to send; `dateTime` writes when it stops working. */
export function linkNote(invitation: InvitationWithLink, dateTime: (moment: string) => string): string {
  const until = `It works once, until ${dateTime(invitation.expiresAt)}.`;
  return invitation.emailed
    ? `We emailed it to ${invitation.email}. You can also copy it and send it yourself. ${until}`
    : `It was not emailed (the planner sends no mail here, or the mail server did not take it): copy it and send it to ${invitation.email} yourself. ${until}`;
}

export function InviteSection({ schools }: { schools: readonly School[] }) {
  const dateTime = useDistrictDateTime();
  const invite = useInvite();
  const [sent, setSent] = useState<InvitationWithLink | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    setFocus,
    formState: { errors, isDirty },
  } = useForm<InviteValues, unknown, z.output<typeof createInvitationSchema>>({
    resolver,
    defaultValues: emptyInvitation,
  });
  const role = useWatch({ control, name: 'role' });
  const nameLimit = useCharacterLimit(useWatch({ control, name: 'name' }).length, personNameMax);

  const generalError = invite.error ? generalErrorMessage(invite.error, labels) : null;
  useEffect(() => {
    if (invite.error && generalError) alertRef.current?.focus();
  }, [invite.error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      try {
        const invitation = await invite.mutateAsync({
          ...values,
          schoolIds: values.role === 'principal' ? values.schoolIds : [],
        });
        reset(emptyInvitation);
        setSent(invitation);
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges('the invitation', isDirty && !busy);

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a person</h2>
      <p className="card__lede">
        They get a link to set their own name and password, valid for 7 days. It is emailed when the planner sends mail,
        and shown here for you to copy either way.
      </p>
      {sent ? (
        <OneTimeLink
          headingLevel={3}
          title={`Invitation for ${sent.name}`}
          url={sent.acceptUrl}
          onDismiss={() => {
            setSent(null);
            setFocus('email');
          }}
        >
          <p>{linkNote(sent, dateTime)}</p>
        </OneTimeLink>
      ) : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
        <div className="form__row">
          <TextField
            label={labels.email}
            type="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            error={errors.email?.message}
            {...register('email')}
          />
          <TextField
            label={labels.name}
            autoComplete="off"
            required
            limit={nameLimit}
            hint="They can change it when they accept."
            error={errors.name?.message}
            {...register('name')}
          />
        </div>
        <RoleSelect label={labels.role} error={errors.role?.message} {...register('role')} />
        {role === 'principal' ? (
          <Controller
            control={control}
            name="schoolIds"
            render={({ field, fieldState }) => (
              <SchoolChecklist
                schools={schools}
                value={field.value ?? []}
                onChange={field.onChange}
                firstRef={field.ref}
                hint="The schools whose teacher-leader roles they review."
                error={fieldState.error?.message}
              />
            )}
          />
        ) : null}
        <div className="form__actions">
          <SubmitButton busy={busy} label="Invite" busyLabel="Inviting…" />
        </div>
      </form>
    </section>
  );
}

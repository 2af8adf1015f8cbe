import { useEffect, useId, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { maxCommentLength, updateCommentSchema } from '@planner/shared/comment';
import { CharacterCount, useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { isApiError } from '../../lib/api';
import {
  applyServerErrors,
  generalErrorMessage,
  labelledResolver,
  serverFieldErrors,
  useSingleSubmit,
} from '../../lib/forms';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { useMentionInText } from './mention-in-text';
import { MentionPicker } from './MentionPicker';
import { withoutInsertedMention, type MentionablePerson } from './mentions';
import styles from './comments.module.css';
import { useEscapeKey } from '../../lib/escape-key';
import { useKeepDraft, useKeptDraft, useRestoreKeptDraft } from '../../lib/use-kept-draft';

const formSchema = z.object({ body: updateCommentSchema.shape.body });

interface CommentFormProps {
  /** The text box's label: "Comment", "Reply", "Your comment". */
  label: string;
  /** What the form holds, as leaving it unsaved names it: "your reply". */
  formName: string;
  /**
   * The form's own name, as assistive technology lists it among the page's landmarks: unique on the page,
   * since several items' comment boxes can be open at once ("New comment on Priority 2").
   */
  name: string;
  /** Which comment box of the plan this is ("reply:<thread id>"): its words are kept under it if the session ends. */
  draft: string;
  submitLabel: string;
  busyLabel: string;
  people: readonly MentionablePerson[];
  initialBody?: string;
  initialMentions?: readonly MentionablePerson[];
  /** Sends the comment; a rejected ApiError is shown at the fields it names. */
  onSubmit: (body: string, mentions: string[]) => Promise<void>;
  onCancel?: () => void;
  /** Focus the text box at once (a reply or an edit just asked for). */
  focusOnMount?: boolean;
}

/** A comment's text (up to 5,000 characters, counted) and the people it mentions with @. */
export function CommentForm({
  label,
  formName,
  name,
  draft,
  submitLabel,
  busyLabel,
  people,
  initialBody = '',
  initialMentions = [],
  onSubmit,
  onCancel,
  focusOnMount = false,
}: CommentFormProps) {
  const id = useId();
  const labels = { body: label, mentions: 'Mentions' } as const;
  const kept = useKeptDraft<{ body: string; mentions: MentionablePerson[] }>(draft);
  const [mentions, setMentions] = useState<readonly MentionablePerson[]>(kept?.mentions ?? initialMentions);
  const [generalError, setGeneralError] = useState<string | null>(null);
  // Words given back from an earlier visit are said to be a draft, at the box, until sent or cleared.
  const [givenBack, setGivenBack] = useState(kept !== null);
  const [mentionsError, setMentionsError] = useState<string | undefined>(undefined);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    reset,
    setFocus,
    control,
    formState: { errors, isDirty },
  } = useForm({ resolver: labelledResolver(formSchema, labels), defaultValues: { body: initialBody } });
  const body = useWatch({ control, name: 'body' });
  useRestoreKeptDraft(kept, (words) => setValue('body', words.body, { shouldDirty: true }));
  useKeepDraft(draft, { body, mentions }, (words) => words.body.trim() !== '' && words.body !== initialBody);
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const bodyField = register('body');
  const limit = useCharacterLimit(body.length, maxCommentLength);
  // The people the "Mention someone" field named in the text: a mention removed takes that name out again.
  const [namedByPicker, setNamedByPicker] = useState<readonly string[]>([]);

  const mention = (person: MentionablePerson) => {
    setMentions((chosen) => (chosen.some((m) => m.id === person.id) ? chosen : [...chosen, person]));
    setMentionsError(undefined);
  };
  const inText = useMentionInText({
    textarea,
    people,
    chosen: mentions,
    onChoose: (person, text, caret) => {
      mention(person);
      setValue('body', text, { shouldDirty: true });
      textarea.current?.setSelectionRange(caret, caret);
    },
  });

  useEffect(() => {
    if (focusOnMount) setFocus('body');
  }, [focusOnMount, setFocus]);
  useEffect(() => {
    if (generalError) alertRef.current?.focus();
  }, [generalError]);

  const { onSubmit: submit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      setGeneralError(null);
      setMentionsError(undefined);
      try {
        await onSubmit(
          values.body,
          mentions.map((m) => m.id),
        );
        // Ready for the next one (a form that closes moves focus on itself); focused before reset, which lets
        // go of the field until it renders again.
        setFocus('body');
        setGivenBack(false);
        reset({ body: '' });
        setMentions([]);
        setNamedByPicker([]);
      } catch (caught) {
        if (!isApiError(caught)) throw caught;
        applyServerErrors(caught, { body: label }, setError);
        setMentionsError(serverFieldErrors(caught, { mentions: labels.mentions })[0]?.message);
        setGeneralError(generalErrorMessage(caught, labels));
      }
    }),
  );
  useUnsavedChanges(formName, isDirty && !busy);

  const bodyError = errors.body?.message;
  const draftWaits = givenBack && body.trim() !== '';
  const escapeScope = useEscapeKey<HTMLFormElement>(onCancel);
  return (
    <form className={styles['comment-form']} noValidate onSubmit={submit} aria-label={name} {...escapeScope}>
      {generalError ? (
        <ErrorAlert ref={alertRef} title="Your comment was not saved">
          <p>{generalError}</p>
        </ErrorAlert>
      ) : null}
      <div className={`field${bodyError ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-body`}>
          {label}
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          Type @ and part of a name to mention someone: they are told of your comment.
        </p>
        {draftWaits ? (
          <p className={styles['comment-form__draft']} id={`${id}-draft`}>
            Unsent draft, kept from your earlier visit: send it, or clear the box.
          </p>
        ) : null}
        {bodyError ? (
          <p className="field__error" id={`${id}-error`}>
            <span className="visually-hidden">Error: </span>
            {bodyError}
          </p>
        ) : null}
        <div className={styles['mention__box']}>
          <textarea
            id={`${id}-body`}
            className="field__input"
            rows={4}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={[
              draftWaits ? `${id}-draft` : null,
              `${id}-hint`,
              limit.id,
              bodyError ? `${id}-error` : null,
            ]
              .filter(Boolean)
              .join(' ')}
            {...bodyField}
            {...inText.textareaProps}
            ref={(element) => {
              bodyField.ref(element);
              textarea.current = element;
            }}
            onChange={(event) => {
              void bodyField.onChange(event);
              inText.follow();
            }}
            onBlur={(event) => {
              void bodyField.onBlur(event);
              inText.textareaProps.onBlur();
            }}
          />
          {inText.suggestions}
        </div>
        <CharacterCount limit={limit} allowsOver />
      </div>
      <MentionPicker
        people={people}
        chosen={mentions}
        error={mentionsError}
        onChoose={(person) => {
          mention(person);
          const text = getValues('body');
          const tag = `@${person.name}`;
          // The person is named in the text too, where readers see who was asked.
          if (!text.includes(tag)) {
            setValue('body', `${text}${text === '' || /\s$/.test(text) ? '' : ' '}${tag} `);
            setNamedByPicker((named) => [...named, person.id]);
          }
        }}
        onRemove={(person) => {
          setMentions(mentions.filter((m) => m.id !== person.id));
          if (!namedByPicker.includes(person.id)) return;
          setNamedByPicker(namedByPicker.filter((named) => named !== person.id));
          // Their name leaves the text as it was put there; changed since, it is the writer's and stays.
          const text = withoutInsertedMention(getValues('body'), person.name);
          if (text !== null) setValue('body', text, { shouldDirty: true });
        }}
      />
      <div className="form__actions">
        <SubmitButton busy={busy} label={submitLabel} busyLabel={busyLabel} />
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

import { useId, useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import { countOf, formatNumber } from '@planner/shared/format';

type TextControl = HTMLInputElement | HTMLTextAreaElement;

export interface CharacterLimit {
  /** The count's id, for the control's `aria-describedby` beside its hint and error. */
  id: string;
  length: number;
  max: number;
  /** Characters of the last paste that did not fit, while the text is as that paste left it. */
  cut: number;
  /** For the control: they tell of a paste that `maxLength` cut short. */
  controlProps: {
    onPaste: (event: ClipboardEvent<TextControl>) => void;
    onInput: (event: FormEvent<TextControl>) => void;
  };
}

/**
 * A text field's limit, with its length as shown (react-hook-form's watch, or the controlled value).
 * `maxLength` drops what a paste has no room for without a word: the control's paste and input events
 * measure what was dropped, for CharacterCount to say.
 */
export function useCharacterLimit(length: number, max: number): CharacterLimit {
  const id = useId();
  const pasting = useRef<number | null>(null);
  const [cut, setCut] = useState<{ chars: number; length: number } | null>(null);
  // Said of the text as the paste left it: gone once the text changes (typed, or replaced by a save elsewhere).
  if (cut && cut.length !== length) setCut(null);

  return {
    id,
    length,
    max,
    cut: cut?.chars ?? 0,
    controlProps: {
      onPaste: (event) => {
        const control = event.currentTarget;
        // A text box keeps a line break as one character, whatever the clipboard held.
        const pasted = event.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n').length;
        const replaced = (control.selectionEnd ?? 0) - (control.selectionStart ?? 0);
        const wanted = control.value.length - replaced + pasted;
        pasting.current = wanted;
        // A full field takes nothing, and no input follows.
        if (pasted > 0 && control.value.length - replaced >= max) {
          setCut({ chars: pasted, length: control.value.length });
        }
      },
      onInput: (event) => {
        const wanted = pasting.current;
        pasting.current = null;
        if (wanted === null || (event.nativeEvent as InputEvent).inputType !== 'insertFromPaste') return;
        const kept = event.currentTarget.value.length;
        if (wanted > kept) setCut({ chars: wanted - kept, length: kept });
      },
    },
  };
}

interface CharacterCountProps {
  limit: CharacterLimit;
  /** Says nothing until the limit is reached: for one-line fields, which a standing count would clutter. */
  onlyAtLimit?: boolean;
  /** The field holds text past the limit (no `maxLength`), which its save then refuses. */
  allowsOver?: boolean;
}

/** "1,200 of 5,000 characters" under a field, what reaching the limit means, and a paste that was cut. */
export function CharacterCount({ limit, onlyAtLimit = false, allowsOver = false }: CharacterCountProps) {
  const { id, length, max, cut } = limit;
  const count = `${formatNumber(length)} of ${formatNumber(max)} characters`;
  let text: string | null = onlyAtLimit ? null : count;
  if (length > max) text = `${count}: ${formatNumber(length - max)} too many to save.`;
  else if (length === max) text = `${count}: the limit.${allowsOver ? '' : ' Anything longer is not kept.'}`;
  return (
    <div className="char-count">
      <p id={id} className={length > max ? 'char-count--over' : length === max ? 'char-count--limit' : undefined}>
        {text}
      </p>
      <p className="char-count--cut" aria-live="polite">
        {cut > 0 ? `The pasted text was cut: ${countOf(cut, 'character')} did not fit.` : ''}
      </p>
    </div>
  );
}

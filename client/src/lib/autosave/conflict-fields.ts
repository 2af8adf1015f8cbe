import { linkedWith } from './registry';
import { sameValue } from './same-value';

/** One field of a conflict as the panel shows it: both versions in words. */
export interface ConflictField {
  label: string;
  mine: string;
  theirs: string;
  /** Said under the field, such as that only they changed it and theirs is kept either way. */
  note?: string;
}

/** A field as a conflict compares it: the values it covers (an owner is a user or a name), in words. */
export interface ConflictFieldSpec<V> {
  label: string;
  fields: readonly (keyof V & string)[];
  format: (value: V) => string;
  /** Long text both people changed can be combined into one for the person to edit. */
  mergeable?: boolean;
}

export const theirsOnlyNote = 'Only they changed this: theirs is kept whichever you choose.';
export const mineOnlyNote = 'Only you changed this: yours is kept whichever you choose.';

/**
 * The fields that differ between what the person sees and the version someone else saved, compared three ways
 * with `base`, what the person's changes were based on (see AutosaveConflict): first those both changed (the
 * choice is about them), then those only this person changed and only they changed (each kept either way).
 * `kept` is what "Use theirs" keeps of the person's changes: those only they made, in fields that they left
 * together with those `linked` to them (as the autosaver's): a measure's direction that the person's new target
 * brought along is part of the choice when they changed the target too, not kept on theirs. Shared by every card
 * that autosaves: actions, stage-table rows, roles.
 */
export function conflictFields<V extends Record<string, unknown>>(
  specs: readonly ConflictFieldSpec<V>[],
  mine: Partial<V>,
  shown: V,
  theirs: V,
  base: Partial<V> = {},
  linked: readonly (readonly string[])[] = [],
): { fields: ConflictField[]; merged: Partial<V> | null; kept: Partial<V> } {
  const differing = specs.filter((spec) => spec.fields.some((field) => !sameValue(shown[field], theirs[field])));
  const compared = (spec: ConflictFieldSpec<V>) => [
    ...new Set([...spec.fields, ...spec.fields.flatMap((field) => linkedWith(field, linked))]),
  ];
  const isMine = (spec: ConflictFieldSpec<V>) => spec.fields.some((field) => field in mine);
  // Theirs is as the person's edit found it, linked fields too; a field of the edit whose base is not known counts
  // as changed.
  const theyLeft = (spec: ConflictFieldSpec<V>) =>
    compared(spec).every((field) =>
      field in base
        ? sameValue(base[field], theirs[field])
        : !(field in mine) && sameValue(shown[field], theirs[field]),
    );
  const toField = (spec: ConflictFieldSpec<V>): ConflictField => ({
    label: spec.label,
    mine: spec.format(shown),
    theirs: spec.format(theirs),
  });
  const both = differing.filter((spec) => isMine(spec) && !theyLeft(spec));
  const mineOnly = differing.filter((spec) => isMine(spec) && theyLeft(spec));
  const theirsOnly = differing.filter((spec) => !isMine(spec));
  const mergeable = both.filter((spec) => spec.mergeable);
  const merged =
    mergeable.length === 0
      ? null
      : ({
          ...mine,
          ...Object.fromEntries(
            mergeable.flatMap((spec) =>
              spec.fields.map((field) => [field, `${String(shown[field])}\n\n${String(theirs[field])}`]),
            ),
          ),
        } as Partial<V>);
  const kept = Object.fromEntries(
    mineOnly.flatMap((spec) => spec.fields.filter((field) => field in mine).map((field) => [field, mine[field]])),
  ) as Partial<V>;
  return {
    fields: [
      ...both.map(toField),
      ...mineOnly.map((spec) => ({ ...toField(spec), note: mineOnlyNote })),
      ...theirsOnly.map((spec) => ({ ...toField(spec), note: theirsOnlyNote })),
    ],
    merged,
    kept,
  };
}

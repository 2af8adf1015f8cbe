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

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields that differ between what the person sees and the version someone else saved: first
 * those this person changed (the choice is about them), then those only the other person changed
 * (kept either way). Shared by every card that autosaves: actions, stage-table rows, roles.
 */
export function conflictFields<V extends Record<string, unknown>>(
  specs: readonly ConflictFieldSpec<V>[],
  mine: Partial<V>,
  shown: V,
  theirs: V,
): { fields: ConflictField[]; merged: Partial<V> | null } {
  const differing = specs.filter((spec) => spec.fields.some((field) => !same(shown[field], theirs[field])));
  const isMine = (spec: ConflictFieldSpec<V>) => spec.fields.some((field) => field in mine);
  const toField = (spec: ConflictFieldSpec<V>): ConflictField => ({
    label: spec.label,
    mine: spec.format(shown),
    theirs: spec.format(theirs),
  });
  const mergeable = differing.filter((spec) => spec.mergeable && isMine(spec));
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
  return {
    fields: [
      ...differing.filter(isMine).map(toField),
      ...differing.filter((spec) => !isMine(spec)).map((spec) => ({ ...toField(spec), note: theirsOnlyNote })),
    ],
    merged,
  };
}

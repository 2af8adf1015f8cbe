let endedUnderPerson = false;

/**
 * Whether the session ended under the person (a request was refused as signed out), rather than them
 * signing out or arriving signed out: the sign-in page says why it is shown, and forms keep their words.
 */
export const sessionEndedUnderPerson = (): boolean => endedUnderPerson;

export function noteSessionEnded(ended = true): void {
  endedUnderPerson = ended;
}

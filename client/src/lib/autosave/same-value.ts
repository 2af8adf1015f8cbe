import equal from 'fast-deep-equal';

/**
 * Two values of a field are the same by value: lists arrive from the server as new arrays, and objects (a role's
 * field modes) with their keys in the database's order rather than the order they were sent in.
 */
export const sameValue: (a: unknown, b: unknown) => boolean = equal;

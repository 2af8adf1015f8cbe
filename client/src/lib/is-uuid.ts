const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route parameters are checked before asking the server, which would only answer 400. */
export const isUuid = (value: string | undefined): value is string => value !== undefined && uuidPattern.test(value);

import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { problemContentType, type Problem } from '@planner/shared/problem';
import { AppError, notFound, planArchived } from './app-error';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(res: Response, error: AppError): void {
  const body: Problem = {
    type: `urn:planner:problem:${error.code}`,
    title: titles[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    code: error.code,
    instance: res.req.originalUrl,
    requestId: String(res.req.id),
  };
  if (error.options.errors) body.errors = error.options.errors;
  if (error.options.current !== undefined) body.current = error.options.current;
  if (error.options.retryAfter !== undefined) res.setHeader('Retry-After', String(error.options.retryAfter));
  res.status(error.status).type(problemContentType).send(JSON.stringify(body));
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Express's body parser marks its errors with a `type`; turn them into problems a client can act on. */
function fromBodyParser(err: BodyParserError): AppError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError('invalid_json', 'The request body is not valid JSON.', {
        errors: [{ in: 'body', field: '', message: 'is not valid JSON' }],
      });
    case 'entity.too.large':
      return new AppError('payload_too_large', `The request body is larger than the limit of ${err.limit ?? 0} bytes.`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError(
        'unsupported_media_type',
        'The request body uses a character set or encoding the server does not accept.',
      );
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('invalid_input', 'The request body could not be read.');
    default:
      return undefined;
  }
}

interface PostgresError {
  code?: string;
}

/** Express and its router mark client errors (a path that does not decode, say) with a 4xx status. */
function fromHttpError(err: { status?: unknown; statusCode?: unknown }): AppError | undefined {
  const status = Number(err.status ?? err.statusCode);
  if (!(status >= 400 && status < 500)) return undefined;
  return status === 413
    ? new AppError('payload_too_large', 'The request is too large.')
    : new AppError('invalid_input', 'The request could not be read: check the address and the body.');
}

/** Database errors that mean the request, not the server, was wrong. */
function fromDatabase(err: PostgresError): AppError | undefined {
  switch (err.code) {
    case '23505':
      return new AppError('conflict', 'An item with the same name or key already exists.');
    case '23503':
      return new AppError('invalid_input', 'The request refers to an item that does not exist.');
    case '22P02':
    case '22007':
    case '22008':
      return new AppError('invalid_input', 'A value in the request has the wrong format.');
    // Raised by the database itself (migration 023) for any change to an archived plan's content.
    case 'PA001':
      return planArchived();
    case '22003':
      return new AppError('invalid_input', 'A number in the request is too large.');
    // Postgres ended the transaction to break a deadlock or a serialization failure with another writer:
    // nothing of it was kept, and the same request sent again goes through.
    case '40P01':
    case '40001':
      return new AppError(
        'service_unavailable',
        'Someone else was saving the same items at the same moment. Nothing was changed; please try again.',
        { retryAfter: 1 },
      );
    case '22021':
    case '22P05':
      return new AppError(
        'invalid_input',
        'A text in the request holds a character that cannot be stored (a NUL character).',
      );
    default:
      return undefined;
  }
}

export const notFoundHandler: RequestHandler = (req) => {
  // Under /api, req.path is what follows /api: the address is said whole, as it was asked for.
  throw notFound(`The address ${req.method} ${req.baseUrl}${req.path}`);
};

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const known =
    err instanceof AppError
      ? err
      : typeof err === 'object' && err !== null
        ? (fromBodyParser(err as BodyParserError) ?? fromDatabase(err as PostgresError) ?? fromHttpError(err))
        : undefined;
  if (known) {
    // 503s are expected states (the database is down, the PDF pool is full), logged where they are found.
    if (known.status >= 500 && known.status !== 503) req.log.error({ err }, known.message);
    // A deadlock says two writes took rows in opposite orders: worth finding, though the request may be sent again.
    else if (known.status === 503 && !(err instanceof AppError)) req.log.warn({ err }, known.message);
    sendProblem(res, known);
    return;
  }
  req.log.error({ err }, 'Unhandled error');
  sendProblem(
    res,
    new AppError('internal', 'Something went wrong on our side. The error has been logged; please try again.'),
  );
};

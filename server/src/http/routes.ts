import type { Request, Response } from 'express';
import type { z } from 'zod';
import { problemSchema } from '@planner/shared/problem';
import type { UserRole } from '@planner/shared/user-role';
import type { Db } from '../db/knex';
import type { Config } from '../config';
import type { SignedInUser } from './auth';
import type { Parsed, RequestSchemas } from './validate';

export const everyRole: readonly UserRole[] = ['district_admin', 'principal', 'viewer'];

/**
 * Who may call a route, declared where the route is defined. `public` needs no sign-in;
 * a list of roles needs a signed-in user with one of them (401 otherwise, then 403).
 */
export type Access = 'public' | readonly UserRole[];

export interface ResponseSpec {
  description: string;
  /** JSON body; omit for 204 or non-JSON answers. */
  schema?: z.ZodType;
  contentType?: string;
}

/** A problem+json answer (RFC 9457), as the API document lists it. */
export const problem = (description: string): ResponseSpec => ({ description, schema: problemSchema });

/** District administrators: the only role that changes a plan and what is in it. */
export const admins = ['district_admin'] as const;

/** What a change to a plan or anything in it may answer besides success. */
export const planWriteProblems = {
  400: problem('A field is missing or invalid; `errors` names each'),
  401: problem('Not signed in'),
  403: problem('Only district administrators change plans'),
  404: problem('No such plan or item in your district'),
};

export const versionConflictProblem = problem(
  'Stale version: someone saved first; `current` holds the item as it is now',
);

export interface RouteContext<S extends RequestSchemas, A extends Access> {
  req: Request;
  res: Response;
  input: Parsed<S>;
  user: A extends 'public' ? SignedInUser | undefined : SignedInUser;
  db: Db;
}

export interface RouteDefinition<S extends RequestSchemas = RequestSchemas, A extends Access = Access> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path, e.g. `/api/plans/:planId`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  request?: S;
  responses: Record<number, ResponseSpec>;
  /** Sends the response itself (res.json / res.status(204).end()). */
  handler: (ctx: RouteContext<S, A>) => Promise<void> | void;
}

/** Keeps each route's request types tied to its schemas without repeating them. */
export function defineRoute<S extends RequestSchemas, A extends Access>(route: RouteDefinition<S, A>) {
  return route as unknown as RouteDefinition;
}

export interface AppDeps {
  db: Db;
  config: Config;
}

import { z } from 'zod';
import { responsesOf, type RouteDefinition } from '../../http/routes';

type JsonSchema = Record<string, unknown>;

/** Express `:param` paths become OpenAPI `{param}` templates. */
const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function schemaOf(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  // Schemas with a `.meta({ id })` become named components; zod emits them under $defs with refs.
  const generated = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  const json = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
    $schema?: string;
  };
  const { $defs, $schema: _dialect, ...rest } = json;
  for (const [name, def] of Object.entries($defs ?? {})) components[name] = def;
  // A schema with an id comes back as a $ref to its own entry in $defs, now a component.
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query', components: Record<string, JsonSchema>) {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !field.safeParse(undefined).success,
    schema: schemaOf(field, 'input', components),
  }));
}

/** The OpenAPI 3.1 document of the app, generated from the route table and its zod schemas. */
export function buildOpenApiDocument(routes: RouteDefinition[]) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${route.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      security: route.access === 'public' ? [] : [{ session: [] }],
      'x-roles': route.access === 'public' ? 'public' : route.access,
      parameters: [
        ...parametersOf(route.request?.params, 'path', components),
        ...parametersOf(route.request?.query, 'query', components),
      ],
      responses: Object.fromEntries(
        Object.entries(responsesOf(route)).map(([status, spec]) => [
          status,
          {
            description: spec.description,
            ...(spec.schema
              ? {
                  content: {
                    [spec.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json')]: {
                      schema: schemaOf(spec.schema, 'output', components),
                    },
                  },
                }
              : {}),
          },
        ]),
      ),
    };
    if (route.request?.body) {
      operation.requestBody = {
        // A body that may be left out (sending a role for review) is not required.
        required: !route.request.body.safeParse(undefined).success,
        content: { 'application/json': { schema: schemaOf(route.request.body, 'input', components) } },
      };
    }
    (paths[toOpenApiPath(route.path)] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Teacher Leadership Planner API',
      version: '1.0.0',
      description:
        'JSON API of the planner. Sign in with POST /api/auth/login; the session cookie then authenticates. ' +
        'Every POST, PUT, PATCH and DELETE except sign-in sends the csrfToken from the sign-in answer in the X-CSRF-Token header. ' +
        'Errors are RFC 9457 problem+json. `x-roles` lists the roles that may call an operation.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'planner.sid' } },
    },
  };
}

import type { TSchema } from '@sinclair/typebox';
import { problemCatalogue, problemTypePrefix } from './problems.js';
import type { RouteSpec } from './route.js';
import { Health, Problem } from './schemas.js';

/** TypeBox marks schemas with symbols; JSON sees plain JSON Schema 2020-12, as OpenAPI 3.1 wants. */
function plain(schema: TSchema): unknown {
  return JSON.parse(JSON.stringify(schema)) as unknown;
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const commonProblems = [400, 401, 403, 429, 500, 503];

/** The OpenAPI 3.1 document, built from the same route specs the server runs. */
export function buildOpenApi(routes: readonly RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
    ] as const) {
      if (schema === undefined) continue;
      const object = plain(schema) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(object.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (object.required ?? []).includes(name), schema: property });
      }
    }
    for (const header of route.headers ?? []) parameters.push({ name: header.name, in: 'header', required: header.required, description: header.description, schema: { type: 'string' } });
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(route.responses)) {
      const mediaType = route.responseMediaTypes?.[Number(status)] ?? 'application/json';
      const several = route.responseContent?.[Number(status)];
      const content = several === undefined ? { [mediaType]: { schema: plain(schema!) } } : Object.fromEntries(Object.entries(several).map(([type, s]) => [type, { schema: plain(s) }]));
      responses[status] = schema === null ? { description: 'Done' } : { description: 'Success', content };
    }
    const bodyProblems = route.body === undefined && route.rawBody === undefined ? [] : [413, 415];
    const problemStatuses = new Set([...(route.access === 'public' ? [] : commonProblems), ...bodyProblems, ...(route.problems ?? [])]);
    for (const status of [...problemStatuses].sort()) {
      const kinds = Object.entries(problemCatalogue)
        .filter(([, [s]]) => s === status)
        .map(([slug]) => problemTypePrefix + slug);
      responses[String(status)] = { description: `Problem: ${kinds.join(', ')}`, content: { 'application/problem+json': { schema: problemRef } } };
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description === undefined ? {} : { description: route.description }),
      tags: [route.tag],
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(parameters.length === 0 ? {} : { parameters }),
      ...(route.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: plain(route.body) } } } }),
      ...(route.rawBody === undefined ? {} : { requestBody: { required: true, description: route.rawBody.description, content: Object.fromEntries(route.rawBody.mediaTypes.map((type) => [type, { schema: { type: 'string', description: `at most ${route.rawBody!.bytesMax} bytes` } }])) } }),
      responses,
    };
  }
  paths['/healthz'] = { get: { operationId: 'health', summary: 'Liveness and role of this node', tags: ['node'], security: [], responses: { '200': { description: 'Up', content: { 'application/json': { schema: plain(Health) } } } } } };
  paths['/metrics'] = { get: { operationId: 'metrics', summary: 'Prometheus metrics', tags: ['node'], security: [], responses: { '200': { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Corridor API',
      version,
      description:
        'Payments between banks in their own currencies. Amounts are exact decimal strings in major units; times are ISO 8601 UTC with microseconds. Errors are application/problem+json (RFC 9457) with a stable `type`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    tags: [{ name: 'payments' }, { name: 'accounts' }, { name: 'inbox' }, { name: 'iso20022' }, { name: 'participants' }, { name: 'currencies' }, { name: 'funding' }, { name: 'node' }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A participant API key `<keyId>.<secret>`, or the operator key' } },
      schemas: { Problem: plain(Problem) },
    },
  };
}

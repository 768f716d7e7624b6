import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CommandShapeError, LedgerClosedError } from '../sequencer/ledger-node.js';
import { StoreConflictError } from '../store/port.js';
import { authenticate, authenticateOfficer, bearerToken } from './auth.js';
import { registerDashboardFiles } from './dashboard/static-files.js';
import { buildOpenApi } from './openapi.js';
import { problemBody, ProblemError, type ProblemSlug } from './problems.js';
import { fastifyPath, type Officer, type Principal, type RouteSpec } from './route.js';
import { closeValidatorPool } from './iso/schema-store.js';
import { allRoutes } from './routes/index.js';
import { NotLeaderError, type Services } from './services.js';
import { forwardedByHeader } from './forward-writes.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    officer: Officer | null;
    /** Set when the key was missing or wrong: answered after the rate limiter has counted the request. */
    authProblem: ProblemError | null;
  }
}

export interface ServerOptions {
  readonly services: Services;
  readonly logger: FastifyBaseLogger | boolean;
  /** Shown in /openapi.json. */
  readonly version: string;
}

interface SchemaError {
  readonly instancePath: string;
  readonly message?: string;
  readonly params?: { readonly additionalProperty?: unknown };
}

const problemType = 'application/problem+json; charset=utf-8';

/** The HTTP edge: routes with their schemas, auth, limits, problems, metrics. It only reads state and submits commands. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { services } = options;
  const app = Fastify({
    loggerInstance: typeof options.logger === 'boolean' ? undefined : options.logger,
    logger: typeof options.logger === 'boolean' ? options.logger : undefined,
    // Per-request lines would cost more than the request; metrics count requests instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: services.limits.bodyBytesMax,
    requestTimeout: services.limits.requestTimeoutMs,
    return503OnClosing: true,
    // Unknown fields are errors, not silently dropped; "12" is not a number.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    // Errors fastify meets before routing (a broken URL, an over-long path parameter) are problems too.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(reply, 'invalid-request', error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is longer than any id' : 'the URL is malformed', request.url);
    },
  }) as unknown as FastifyInstance;
  // JSON only: a body sent as text/plain is refused with 415, not parsed as a string.
  app.removeContentTypeParser('text/plain');

  // An empty body is no body (a POST that takes none may still say application/json).
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') done(null, undefined);
    else void jsonParser(request, text, done);
  });
  app.decorateRequest('principal', null);
  app.decorateRequest('officer', null);
  app.decorateRequest('authProblem', null);
  const requestMetrics = requestMetricsOf(services);
  app.addHook('onResponse', (request, reply, done) => {
    // fastify times every request from its routing to the response's end.
    requestMetrics(request.routeOptions.url ?? 'unknown', request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  // Per key, after authentication: a forged key id cannot spend someone else's allowance.
  await app.register(rateLimit, {
    global: true,
    hook: 'preParsing',
    max: services.limits.requestsPerSecondPerKey,
    timeWindow: 1000,
    keyGenerator: (request: FastifyRequest) =>
      request.officer !== null ? `key:${request.officer.keyId}` : request.principal?.kind === 'participant' ? `key:${request.principal.keyId}` : request.principal?.kind === 'operator' ? 'operator' : `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) => new ProblemError('rate-limited', `at most ${context.max} requests per second per key; retry after ${context.after}`),
  });

  const responseChecker = new Ajv({ strict: false, allErrors: false });
  addFormats.default(responseChecker);

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: SchemaError[] }, request, reply) => {
    let problem = toProblem(error, request);
    // In a cluster: a write fenced because another node took the sequencer lease, or refused by a
    // sequencer closing because this node just stopped leading. Nothing of it was applied.
    const fenced = error instanceof StoreConflictError || (problem.slug === 'unavailable' && !(error instanceof ProblemError) && request.method !== 'GET' && services.cluster?.().role === 'standby');
    if (services.cluster !== undefined && fenced) problem = { slug: 'not-leader', detail: '', status: 503 };
    if (problem.slug === 'not-leader') {
      // A standby's answer to a write (or a leader's, fenced mid-request): where to send it instead.
      const leaderUrl = (error instanceof NotLeaderError ? error.leaderUrl : null) ?? services.cluster?.().leaderUrl ?? null;
      void reply.header('retry-after', '1');
      if (leaderUrl !== null) void reply.headers({ location: leaderUrl + request.url, link: `<${leaderUrl}>; rel="leader"` });
      return sendProblem(reply, problem.slug, new NotLeaderError(leaderUrl).message, request.url);
    }
    // A forward that failed, or a node busy changing role: worth retrying in a moment.
    if (problem.slug === 'leader-unreachable' || problem.slug === 'leader-timeout' || (problem.slug === 'unavailable' && services.cluster !== undefined)) void reply.header('retry-after', '1');
    if (problem.status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    return sendProblem(reply, problem.slug, problem.detail, request.url, problem.errors);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, 'not-found', `no route ${request.method} ${request.url.split('?')[0]}`, request.url));

  for (const route of allRoutes) if (route.rawBody === undefined) registerRoute(app, route, services, responseChecker);
  // Routes that take a file (ISO 20022 XML) live in a context of their own, the only one with a
  // parser for their media types: everywhere else such a body stays a 415. Within it JSON is
  // refused, and the body limit is the route's (the intake's xmlBytesMax), not bodyBytesMax.
  for (const route of allRoutes) {
    const raw = route.rawBody;
    if (raw === undefined) continue;
    await app.register((child, _options, done) => {
      child.removeContentTypeParser('application/json');
      child.addContentTypeParser([...raw.mediaTypes], { parseAs: 'buffer', bodyLimit: raw.bytesMax }, (_request, body, parsed) => parsed(null, body));
      registerRoute(child, route, services, responseChecker);
      done();
    });
  }

  app.addHook('onClose', async () => closeValidatorPool(services));

  const openApi = buildOpenApi(allRoutes, options.version);
  app.get('/openapi.json', { config: { rateLimit: false } }, (_request, reply) => reply.type('application/json').send(openApi));
  app.get('/healthz', { config: { rateLimit: false } }, () => ({ status: 'ok', role: services.cluster?.().role ?? 'leader', journalSeq: services.node.headSeq }));
  registerDashboardFiles(app);
  app.get('/metrics', { config: { rateLimit: false } }, async (_request, reply) => {
    reply.type(services.metrics.registry.contentType);
    return services.metrics.registry.metrics();
  });
  return app;
}

/** Counts a request and its duration: a map lookup each (cheap-metrics.ts). */
function requestMetricsOf(services: Services): (route: string, method: string, status: number, seconds: number) => void {
  const { requests, requestSeconds } = services.metrics;
  return (route, method, status, seconds) => {
    requests.inc({ route, method, status });
    requestSeconds.observe({ route, method }, seconds);
  };
}

function registerRoute(app: FastifyInstance, route: RouteSpec, services: Services, checker: Ajv): void {
  const responseValidators = new Map<number, ValidateFunction>();
  for (const [status, schema] of Object.entries(route.responses)) if (schema !== null) responseValidators.set(Number(status), checker.compile(schema));
  app.route({
    method: route.method,
    url: fastifyPath(route.path),
    ...(route.rawBody === undefined ? {} : { bodyLimit: route.rawBody.bytesMax, config: { mediaTypes: route.rawBody.mediaTypes.join(' or ') } }),
    schema: {
      ...(route.params === undefined ? {} : { params: route.params }),
      ...(route.query === undefined ? {} : { querystring: route.query }),
      ...(route.body === undefined ? {} : { body: route.body }),
    },
    // Who is calling is settled first; a refusal is answered after the rate limiter has counted
    // it, so guessing keys is limited per address like everything else.
    onRequest: (request, reply, done) => {
      // In a cluster only the leader writes: a standby forwards every write to the leader as it
      // came, without judging its key or body (the leader judges both), and answers with the
      // leader's answer; without a known leader (a takeover), or when told not to forward, it
      // refuses the write and says where the leader is. A write forwarded once is never
      // forwarded again: two nodes that each think the other leads cannot loop.
      const cluster = services.cluster?.();
      if (cluster !== undefined && route.method !== 'GET' && cluster.role !== 'leader') {
        const forwarder = services.forwarder;
        if (forwarder === undefined || cluster.leaderUrl === null || request.headers[forwardedByHeader] !== undefined) return done(new NotLeaderError(cluster.leaderUrl));
        forwarder.forward(request, reply, cluster.leaderUrl, route.rawBody?.bytesMax ?? services.limits.bodyBytesMax).catch((error: unknown) => done(error as Error));
        return;
      }
      if (cluster !== undefined && !cluster.readable) return done(new ProblemError('unavailable', 'this node is changing its role in the cluster; retry shortly'));
      if (route.access === 'public') return done();
      const token = bearerToken(request.headers.authorization);
      const officer = authenticateOfficer(token, services.node.network);
      // Officers decide holds and do nothing else; no other key opens their routes.
      if (officer !== null) {
        if (route.access === 'officer') request.officer = officer;
        else request.authProblem = new ProblemError('forbidden', 'a compliance officer’s key only decides held payments');
        return done();
      }
      const principal = authenticate(token, services.node.network, services.operatorKeyHash);
      if (principal === null) request.authProblem = new ProblemError('unauthorized', 'send Authorization: Bearer <API key>');
      else if (route.access === 'officer') request.authProblem = new ProblemError('forbidden', 'only a compliance officer may do this');
      else if (route.access === 'operator' && principal.kind !== 'operator') request.authProblem = new ProblemError('forbidden', 'only the operator may do this');
      else if (route.access === 'participant' && principal.kind !== 'participant') request.authProblem = new ProblemError('forbidden', 'only a participant may do this');
      else request.principal = principal;
      done();
    },
    // After the rate limiter's hook (which the plugin appends to this route's preParsing).
    preValidation: (request, _reply, done) => {
      if (request.authProblem !== null) return done(request.authProblem);
      done();
    },
    handler: async (request, reply) => {
      const answer = await route.handler({
        principal: request.principal ?? { kind: 'operator' },
        officer: request.officer,
        params: request.params as Record<string, string>,
        query: request.query as Record<string, string | undefined>,
        body: request.body,
        request,
        reply,
        services,
      });
      if (route.streams === true) return reply;
      const validate = responseValidators.get(answer.status);
      if (validate !== undefined && !validate(answer.body)) {
        // The server broke its own contract: answer 500 rather than send what the document does not promise.
        request.log.error({ route: route.operationId, errors: validate.errors }, 'response does not match its schema');
        throw new ProblemError('internal', 'the response did not match its schema');
      }
      if (answer.headers !== undefined) void reply.headers(answer.headers);
      void reply.code(answer.status);
      return answer.body === undefined ? reply.send() : reply.send(answer.body);
    },
  });
}

function toProblem(
  error: Error & { statusCode?: number; code?: string; validation?: SchemaError[] },
  request: FastifyRequest,
): { slug: ProblemSlug; detail: string; status: number; errors?: { path: string; message: string }[] } {
  if (error instanceof ProblemError) return { slug: error.slug, detail: error.detail, status: error.status, ...(error.errors === undefined ? {} : { errors: [...error.errors] }) };
  if (error.validation !== undefined) {
    const part = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors = error.validation.map((v) => {
      const extra = v.params?.additionalProperty;
      return { path: `${part}${v.instancePath}${typeof extra === 'string' ? `/${extra}` : ''}`, message: `${v.message ?? 'invalid'}${typeof extra === 'string' ? ` (${extra})` : ''}` };
    });
    return { slug: 'invalid-request', detail: `${part} does not match the schema: ${errors[0]?.path ?? ''} ${errors[0]?.message ?? ''}`.trim(), status: 400, errors };
  }
  if (error instanceof LedgerClosedError) return { slug: 'unavailable', detail: error.message, status: 503 };
  if (error instanceof NotLeaderError) return { slug: 'not-leader', detail: error.message, status: 503 };
  if (error instanceof CommandShapeError) return { slug: 'invalid-request', detail: error.message, status: 400 };
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { slug: 'body-too-large', detail: `at most ${request.routeOptions.bodyLimit ?? 0} bytes`, status: 413 };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { slug: 'unsupported-media-type', detail: `send Content-Type: ${(request.routeOptions.config as { mediaTypes?: string } | undefined)?.mediaTypes ?? 'application/json'}`, status: 415 };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { slug: 'invalid-request', detail: 'the JSON body is empty', status: 400 };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { slug: 'invalid-request', detail: 'the body is not valid JSON', status: 400 };
  }
  if (error.statusCode === 400 || error instanceof SyntaxError) return { slug: 'invalid-request', detail: 'the body is not valid JSON', status: 400 };
  if (error.statusCode === 415) return { slug: 'unsupported-media-type', detail: error.message, status: 415 };
  if (error.statusCode === 413) return { slug: 'body-too-large', detail: error.message, status: 413 };
  if (error.statusCode === 503) return { slug: 'unavailable', detail: 'the server is shutting down', status: 503 };
  return { slug: 'internal', detail: 'internal error', status: 500 };
}

function sendProblem(reply: FastifyReply, slug: ProblemSlug, detail: string, instance: string, errors?: { path: string; message: string }[]): FastifyReply {
  const body = problemBody(slug, detail, instance.split('?')[0], errors);
  return reply.code(body.status).type(problemType).send(body);
}

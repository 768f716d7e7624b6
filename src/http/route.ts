import type { TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from './services.js';

export type Principal = { readonly kind: 'operator' } | { readonly kind: 'participant'; readonly bic: string; readonly keyId: string };

/** A compliance officer (docs/screening.md): decides held payments, and nothing else. Not a Principal, so no other route can receive one. */
export interface Officer {
  readonly kind: 'officer';
  readonly officer: string;
  readonly keyId: string;
}

/**
 * Who may call a route. `participant`: participants only (their own data); `operator`: the
 * operator only; `any`: both, each seeing what is theirs; `public`: no key (health, metrics);
 * `officer`: compliance officers only (holds). An officer's key opens no other route.
 */
export type Access = 'operator' | 'participant' | 'any' | 'public' | 'officer';

export interface RouteAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteContext {
  readonly principal: Principal;
  /** Set on `officer` routes (where `principal` is a placeholder operator and must not be used). */
  readonly officer: Officer | null;
  readonly params: Record<string, string>;
  readonly query: Record<string, string | undefined>;
  readonly body: unknown;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly services: Services;
}

/** One operation: its schemas (validated at runtime and published in /openapi.json) and its handler. */
export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI-style path: /v1/payments/{uetr}. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly access: Access;
  readonly params?: TSchema;
  readonly query?: TSchema;
  readonly body?: TSchema;
  /** Request headers the operation reads (documented; checked in the handler). */
  readonly headers?: readonly { readonly name: string; readonly required: boolean; readonly description: string }[];
  /**
   * A body that is not JSON (an ISO 20022 file): the media types accepted and the largest size.
   * The handler receives the bytes as a Buffer; `body` is then left out.
   */
  readonly rawBody?: { readonly mediaTypes: readonly string[]; readonly bytesMax: number; readonly description: string };
  /** Success responses: status → body schema (null: no body). Problems are added for every route. */
  readonly responses: Readonly<Record<number, TSchema | null>>;
  /** Success responses that are not application/json (e.g. application/xml): status → media type. */
  readonly responseMediaTypes?: Readonly<Record<number, string>>;
  /**
   * A success status answered in several media types (chosen by the request, e.g. ?format=csv):
   * status → media type → body schema, as published in the OpenAPI document. `responses` keeps
   * the union of them, which the server checks every answer against.
   */
  readonly responseContent?: Readonly<Record<number, Readonly<Record<string, TSchema>>>>;
  /**
   * The handler writes the response itself (a server-sent event stream): it hijacks the reply
   * and answers `{ status: 200 }`; the body is neither validated nor sent by the server.
   */
  readonly streams?: boolean;
  /** Problem statuses this route can answer besides 400/401/403/429/500/503. */
  readonly problems?: readonly number[];
  readonly handler: (context: RouteContext) => Promise<RouteAnswer> | RouteAnswer;
}

export function fastifyPath(path: string): string {
  return path.replace(/\{([A-Za-z]+)\}/g, ':$1');
}

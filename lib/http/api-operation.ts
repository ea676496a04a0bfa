// One REST operation as the OpenAPI document (lib/openapi.ts) describes it.
// Apart from lib/openapi.ts, so the domains that list their operations
// (lib/chat/openapi/operations.ts) do not import the document that imports them.
import type { z } from 'zod';
import type { ErrorCode } from '../errors';
import type { Budget } from '../user-budget';

export interface ApiOperation<SchemaName extends string = string> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** With {id} for path parameters, as OpenAPI writes them. */
  path: string;
  tag: string;
  /**
   * The per-user budget its service spends from (lib/user-budget.ts): while
   * that budget is spent, the server refuses the request before Next.
   */
  budget?: Budget;
  summary: string;
  description?: string;
  /** Open to anyone; otherwise a bearer token or the session cookie is required. */
  public?: boolean;
  query?: z.ZodType;
  /** Name of the request body's schema. */
  body?: SchemaName;
  /** Name of a multipart/form-data body's schema (uploads). */
  form?: SchemaName;
  /** Answers that are a file's bytes rather than JSON (media). */
  bytes?: Array<[status: number, description: string]>;
  responses: Array<[status: number, description: string, body?: SchemaName]>;
  /** Error codes besides those every operation of its kind can return. */
  errors: ErrorCode[];
}

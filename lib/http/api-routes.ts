// Which paths and methods the REST API has, from the OpenAPI document (the
// contract tests hold it equal to the route handlers). The server answers a
// path under /api that is not there with a JSON 404, and a method a path
// does not take with a JSON 405 and `Allow`, where Next would answer with
// its HTML page or an empty body.
import { chatOperations } from '../chat/openapi/operations';
import { pushOperations } from '../push/openapi/operations';
import { privacyOperations } from '../users/openapi';
import { exportOperations } from '../exports/openapi';
import type { ErrorBody } from '../errors';
import { mediaOperations } from '../media/openapi';
import { buildOpenApiDocument } from '../openapi';
import type { Budget } from '../user-budget';

/** What the server's early checks need to know of an operation (lib/http/user-gate.ts). */
export interface ApiOperationInfo {
  /** Needs a signed-in caller. */
  authenticated: boolean;
  budget?: Budget;
}

interface Route {
  pattern: RegExp;
  methods: string[];
  operations: Map<string, ApiOperationInfo>;
}

/** Routes outside the document: next-auth's own (it answers them itself) and the health check. */
const OWNED_BY_OTHERS = /^\/api\/auth(\/|$)/;
const EXTRA: Array<[path: string, methods: string[]]> = [['/api/health', ['GET']]];
// Next answers these for every route on its own (HEAD from GET, OPTIONS with Allow).
const AUTOMATIC = new Set(['HEAD', 'OPTIONS']);

let routes: Route[] | undefined;

function table(): Route[] {
  const budgets = new Map(
    [...chatOperations, ...mediaOperations, ...pushOperations, ...privacyOperations, ...exportOperations].map(
      (op) => [`${op.method.toUpperCase()} ${op.path}`, op.budget],
    ),
  );
  routes ??= [
    ...Object.entries(buildOpenApiDocument().paths).map(
      ([path, ops]) =>
        [path, Object.entries(ops).map(([method, op]) => [method, op.security.length > 0] as const)] as const,
    ),
    ...EXTRA.map(([path, methods]) => [path, methods.map((m) => [m, false] as const)] as const),
  ].map(([path, ops]) => ({
    // {id} and the like match one path segment; a trailing slash is Next's to redirect.
    pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    methods: ops.map(([m]) => m.toUpperCase()),
    operations: new Map(
      ops.map(([m, authenticated]) => {
        const method = m.toUpperCase();
        return [method, { authenticated, budget: budgets.get(`${method} ${path}`) }];
      }),
    ),
  }));
  return routes;
}

/** The operation a request under /api names, or null when there is none. */
export function apiOperationOf(method: string, pathname: string): ApiOperationInfo | null {
  if (!pathname.startsWith('/api/') || OWNED_BY_OTHERS.test(pathname)) return null;
  // HEAD is GET without the body, and spends as GET does.
  const name = method === 'HEAD' ? 'GET' : method;
  return (
    table()
      .find((r) => r.pattern.test(pathname))
      ?.operations.get(name) ?? null
  );
}

export interface ApiRefusal {
  status: 404 | 405;
  headers: Record<string, string>;
  body: { error: ErrorBody };
}

/** The JSON refusal for a request under /api that no route takes, or null to let Next answer it. */
export function refuseUnroutedApiRequest(method: string, pathname: string): ApiRefusal | null {
  if (!pathname.startsWith('/api/') || OWNED_BY_OTHERS.test(pathname)) return null;
  const route = table().find((r) => r.pattern.test(pathname));
  if (!route) {
    return {
      status: 404,
      headers: {},
      body: { error: { code: 'NOT_FOUND', message: `There is no ${pathname} in this API.` } },
    };
  }
  if (route.methods.includes(method) || AUTOMATIC.has(method)) return null;
  const allow = [...route.methods, 'HEAD', 'OPTIONS'].filter(
    (m) => m !== 'HEAD' || route.methods.includes('GET'),
  );
  return {
    status: 405,
    headers: { allow: allow.join(', ') },
    body: {
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: `${pathname} does not take ${method}; it takes ${route.methods.join(', ')}.`,
      },
    },
  };
}

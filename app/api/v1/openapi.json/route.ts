import { handle, json } from '@/lib/http/respond';
import { buildOpenApiDocument, type OpenApiDocument } from '@/lib/openapi';

// Built on first request (the limits come from the environment), then reused.
let document: OpenApiDocument | undefined;

// GET /api/v1/openapi.json – the OpenAPI 3.1 description of this API
export const GET = handle(async () => {
  document ??= buildOpenApiDocument();
  return json(200, document, { 'cache-control': 'public, max-age=300' });
});

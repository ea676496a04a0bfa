import type { Metadata } from 'next';
import { buildOpenApiDocument } from '@/lib/openapi';

// Rendered per request: the limits in the text come from the environment.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'API reference' };

const METHOD_STYLE: Record<string, string> = {
  get: 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100',
  post: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  put: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  delete: 'bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100',
};

const anchor = (method: string, path: string) => `${method}-${path.replace(/[^\w]+/g, '-')}`;
const schemaName = (ref: string) => ref.split('/').at(-1) ?? ref;
/** The named schema of a body, JSON or multipart; null for a file's bytes. */
const bodySchema = (content: Record<string, { schema: object }>) => {
  const schema = Object.values(content)[0]?.schema;
  return schema && '$ref' in schema && typeof schema.$ref === 'string' ? schemaName(schema.$ref) : null;
};

/** The API reference, rendered from the same OpenAPI document as /api/v1/openapi.json. */
export default function ApiDocsPage() {
  const doc = buildOpenApiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, op]) => (op ? [{ path, method, op }] : [])),
  );
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-8 p-6">
      <header className="flex flex-col gap-3">
        <h1 className="text-3xl font-bold">{doc.info.title}</h1>
        {doc.info.description.split('\n\n').map((paragraph) => (
          <p key={paragraph}>
            <Inline text={paragraph} />
          </p>
        ))}
        <p>
          Machine-readable:{' '}
          <a className="underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{' '}
          (OpenAPI {doc.openapi}).
        </p>
      </header>

      <nav aria-label="Endpoints">
        <ul className="flex flex-col gap-1 font-mono text-sm">
          {operations.map(({ path, method, op }) => (
            <li key={anchor(method, path)}>
              <a className="hover:underline" href={`#${anchor(method, path)}`}>
                {method.toUpperCase()} {path}
              </a>{' '}
              <span className="font-sans text-slate-600 dark:text-slate-400">– {op.summary}</span>
            </li>
          ))}
        </ul>
      </nav>

      {operations.map(({ path, method, op }) => (
        <section
          key={anchor(method, path)}
          id={anchor(method, path)}
          className="flex flex-col gap-2 border-t pt-4"
        >
          <h2 className="flex flex-wrap items-center gap-2 font-mono text-lg">
            <span className={`rounded px-2 py-0.5 text-sm font-bold ${METHOD_STYLE[method] ?? ''}`}>
              {method.toUpperCase()}
            </span>
            {path}
          </h2>
          <p className="font-semibold">{op.summary}</p>
          {'description' in op && op.description ? <p>{op.description}</p> : null}
          <p className="text-sm">
            Authentication: {op.security.length === 0 ? 'none' : 'bearer token or session cookie'}
          </p>
          {op.parameters.length > 0 ? (
            <table className="text-left text-sm">
              <thead>
                <tr>
                  <th className="pr-4">Parameter</th>
                  <th className="pr-4">In</th>
                  <th className="pr-4">Required</th>
                  <th>Schema</th>
                </tr>
              </thead>
              <tbody className="font-mono">
                {op.parameters.map((p) => (
                  <tr key={`${p.in}-${p.name}`}>
                    <td className="pr-4">{p.name}</td>
                    <td className="pr-4">{p.in}</td>
                    <td className="pr-4">{p.required ? 'yes' : 'no'}</td>
                    <td>{JSON.stringify(p.schema)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {'requestBody' in op && op.requestBody ? (
            <p className="text-sm">
              Body ({Object.keys(op.requestBody.content).join(', ')}):{' '}
              <SchemaLink name={bodySchema(op.requestBody.content) ?? ''} />
            </p>
          ) : null}
          <ul className="text-sm">
            {Object.entries(op.responses).map(([status, response]) => (
              <li key={status}>
                <span className="font-mono font-bold">{status}</span> {response.description}{' '}
                {response.content && bodySchema(response.content) ? (
                  <SchemaLink name={bodySchema(response.content) ?? ''} />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}

      <section className="flex flex-col gap-4 border-t pt-4">
        <h2 className="text-2xl font-bold">Schemas</h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <div key={name} id={`schema-${name}`}>
            <h3 className="font-mono text-lg font-semibold">{name}</h3>
            <pre className="overflow-x-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-800">
              {JSON.stringify(schema, null, 2)}
            </pre>
          </div>
        ))}
      </section>
    </main>
  );
}

/** Text with `code` spans, the only markdown the descriptions use. */
function Inline({ text }: { text: string }) {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

function SchemaLink({ name }: { name: string }) {
  return (
    <a className="font-mono underline" href={`#schema-${name}`}>
      {name}
    </a>
  );
}

/**
 * Writes the part of Monite's published OpenAPI document that Sync Desk uses (the BFF's upstream
 * calls, the simulator, and the documents behind synced records) to
 * src/monite/data/openapi-subset.json: those operations, every schema they reach through `$ref`,
 * and the security scheme, with `description`, `example` and `examples` removed (a Response
 * Object keeps its one-line description, which OpenAPI requires).
 *
 * Run by hand when Sync Desk moves to a new Monite API version, with the published document's path:
 *
 *   npx tsx scripts/extract-monite-openapi.ts ~/Downloads/openapi-2024-05-25.json
 *
 * Tests and the build never run it: they read the committed output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const OPERATIONS = [
  ['post', '/auth/token'],
  ['get', '/entities'],
  ['get', '/accounting_synced_records'],
  ['get', '/accounting_synced_records/{synced_record_id}'],
  ['post', '/accounting_synced_records/{synced_record_id}/push'],
  ['get', '/receivables'],
  ['get', '/payables'],
  ['get', '/counterparts'],
  ['get', '/products'],
  ['get', '/payment_records'],
  ['get', '/payment_records/{payment_record_id}'],
] as const;

const OUTPUT = resolve(import.meta.dirname, '../src/monite/data/openapi-subset.json');
const PROSE = new Set(['description', 'example', 'examples']);
/** Keywords whose value maps names (which may well be "description") to schemas. */
const NAMED_SCHEMAS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
/** Keywords whose value is data, copied as it is. */
const LITERALS = new Set(['enum', 'const', 'default', 'required']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
};

function withoutProse(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutProse);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !PROSE.has(key))
      .map(([key, value]): [string, Json] => {
        if (LITERALS.has(key)) return [key, value];
        if (NAMED_SCHEMAS.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value))
          return [key, Object.fromEntries(Object.entries(value).map(([name, s]) => [name, withoutProse(s)]))];
        return [key, withoutProse(value)];
      }),
  );
}

function operationWithoutProse(operation: Json): Json {
  const { responses, ...rest } = operation as { responses: Record<string, { description?: string }> };
  const kept = withoutProse(rest) as Record<string, Json>;
  kept.responses = Object.fromEntries(
    Object.entries(responses).map(([status, response]) => [
      status,
      { description: response.description ?? '', ...(withoutProse(response as Json) as object) },
    ]),
  );
  return kept;
}

/** The names of the component schemas `node` refers to. */
function schemaRefs(node: Json): string[] {
  return [...JSON.stringify(node).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
}

const source = process.argv[2];
if (!source) {
  console.error('usage: npx tsx scripts/extract-monite-openapi.ts <path to Monite openapi.json>');
  process.exit(1);
}
const doc = JSON.parse(readFileSync(source, 'utf8')) as Document;

const paths: Record<string, Record<string, Json>> = {};
for (const [method, path] of OPERATIONS) {
  const operation = doc.paths[path]?.[method];
  if (operation === undefined) throw new Error(`${method.toUpperCase()} ${path} is not in ${source}`);
  (paths[path] ??= {})[method] = operationWithoutProse(operation);
}

const reached = new Set<string>();
const pending = schemaRefs(paths);
for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
  if (reached.has(name)) continue;
  const schema = doc.components.schemas[name];
  if (schema === undefined) throw new Error(`schema ${name} is referenced but not defined`);
  reached.add(name);
  pending.push(...schemaRefs(schema));
}

const subset = {
  openapi: doc.openapi,
  info: {
    title: `${doc.info.title} (the subset Sync Desk uses)`,
    version: doc.info.version,
    'x-operations': OPERATIONS.map(([method, path]) => `${method.toUpperCase()} ${path}`),
  },
  paths,
  components: {
    schemas: Object.fromEntries(
      [...reached].toSorted().map((name) => [name, withoutProse(doc.components.schemas[name]!)]),
    ),
    securitySchemes: doc.components.securitySchemes,
  },
};
writeFileSync(OUTPUT, `${JSON.stringify(subset, null, 2)}\n`);
console.error(`wrote ${OPERATIONS.length} operations and ${reached.size} schemas to ${OUTPUT}`);

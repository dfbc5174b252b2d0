/**
 * Holds every response a test BFF sends to the OpenAPI document the BFF serves: its route, status
 * and content type are documented, a JSON body fits the documented schema, and the body sent is
 * the one the handler returned (the serializer drops fields its schema lacks, which would
 * otherwise go unseen). Problems are collected, for the test's afterEach to report.
 */
import { isDeepStrictEqual } from 'node:util';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OPENAPI_PATH } from '../openapi';

type Response = { content?: Record<string, { schema: object }> };
type Document = { paths: Record<string, Record<string, { responses: Record<string, Response> }>> };

const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
/** Compiled per schema text: every test BFF serves an equal document. */
const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) validators.set(key, (validate = ajv.compile(schema)));
  return validate;
}

/** The documented response for a route and status: exact, else its class (`4XX`). */
function documentedResponse(doc: Document, req: FastifyRequest, route: string, status: number) {
  const path = route.replace(/:(\w+)/g, '{$1}');
  const responses = doc.paths[path]?.[req.method.toLowerCase()]?.responses;
  return responses && (responses[String(status)] ?? responses[`${String(status)[0]}XX`]);
}

function problemWith(
  doc: Document,
  req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  returned: unknown,
): string | undefined {
  const route = req.routeOptions.url!;
  if (!doc.paths[route.replace(/:(\w+)/g, '{$1}')]) return 'the route is not in the document';
  const documented = documentedResponse(doc, req, route, reply.statusCode);
  if (!documented) return 'the status is not documented';
  if (!documented.content)
    return payload === undefined || payload === '' ? undefined : 'an undocumented body';
  const contentType = String(reply.getHeader('content-type') ?? '').split(';')[0]!;
  const media = documented.content[contentType];
  if (!media) return `content type ${contentType} is not documented`;
  if (contentType !== 'application/json') return undefined;
  const body: unknown = JSON.parse(String(payload));
  if (returned !== undefined && !isDeepStrictEqual(body, returned))
    return `the serializer changed the body: returned ${JSON.stringify(returned)}, sent ${String(payload)}`;
  const validate = validatorFor(media.schema);
  return validate(body) ? undefined : ajv.errorsText(validate.errors);
}

/** Checks each response `app` sends, adding what is wrong to `problems`. Call before the app is ready. */
export function checkResponsesAgainstOpenApi(app: FastifyInstance, problems: string[]): void {
  const returned = new WeakMap<FastifyRequest, unknown>();
  app.addHook('preSerialization', async (req, _reply, payload) => {
    returned.set(req, JSON.parse(JSON.stringify(payload)));
    return payload;
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const route = req.routeOptions.url;
    // Unknown paths (the not-found handler), HEAD (GET without the body), the document itself and
    // routes kept out of it (the SPA's static files).
    const hidden = (req.routeOptions.schema as { hide?: boolean } | undefined)?.hide === true;
    if (route === undefined || req.method === 'HEAD' || route === OPENAPI_PATH || hidden) return payload;
    const problem = problemWith(app.swagger() as unknown as Document, req, reply, payload, returned.get(req));
    if (problem) problems.push(`${req.method} ${route} → ${reply.statusCode}: ${problem}`);
    return payload;
  });
}

/** `POST /v1/auth/token`: partner tokens for the configured client credentials (API.md §3). */
import type { HttpHandler } from 'msw';
import type { z } from 'zod';
import { tokenRequestSchema } from '../../monite/server-schemas.server';
import type { SimContext } from '../context';
import { route } from './pipeline';
import { moniteError, type Reply } from './reply';
import { choices, isUuid, type Detail } from './validation';

export function authTokenHandler(ctx: SimContext): HttpHandler {
  return route(ctx, 'post', '/auth/token', 'public', async ({ request }) => {
    const text = await request.text();
    if (text.trim() === '') return invalid([missingBody]);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return invalid([{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid', input: {} }]);
    }
    const parsed = tokenRequestSchema.safeParse(body);
    if (!parsed.success) return invalid(detailsOf(body, parsed.error));
    const payload = parsed.data;
    if (!isUuid(payload.client_id)) {
      return invalid([
        {
          loc: ['body', 'client_id'],
          msg: 'Input should be a valid UUID',
          type: 'uuid_parsing',
          input: payload.client_id,
        },
      ]);
    }
    if (payload.client_id !== ctx.clientId || payload.client_secret !== ctx.clientSecret) {
      return moniteError(401, 'Wrong client_id or client_secret.');
    }
    if (payload.grant_type !== 'client_credentials') {
      return moniteError(400, 'The simulator issues partner tokens only (grant_type "client_credentials").');
    }
    const ttl = ctx.settings.tokenTtlSeconds;
    return {
      status: 200,
      body: {
        access_token: ctx.tokens.issue(ctx.clientId, ttl, ctx.now()),
        expires_in: ttl,
        token_type: 'Bearer',
      },
    };
  });
}

const missingBody: Detail = { loc: ['body'], msg: 'Field required', type: 'missing', input: null };

const invalid = (details: Detail[]): Reply => ({ status: 422, body: { detail: details } });

/** zod's issues in pydantic's words, so a client's 422 handling meets what FastAPI sends. */
function detailsOf(body: unknown, error: z.ZodError): Detail[] {
  const fields =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  if (!fields) {
    return [
      {
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        type: 'model_attributes_type',
        input: body,
      },
    ];
  }
  return error.issues.flatMap((issue): Detail[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        loc: ['body', key],
        msg: 'Extra inputs are not permitted',
        type: 'extra_forbidden',
        input: fields[key],
      }));
    }
    const key = String(issue.path[0] ?? '');
    const loc = ['body', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    const input = fields[key];
    if (input === undefined) return [{ loc, msg: 'Field required', type: 'missing', input: fields }];
    if (issue.code === 'invalid_value') {
      const expected = choices(issue.values.map(String));
      return [{ loc, msg: `Input should be ${expected}`, type: 'enum', input, ctx: { expected } }];
    }
    if (issue.code === 'invalid_type' && issue.expected === 'string') {
      return [{ loc, msg: 'Input should be a valid string', type: 'string_type', input }];
    }
    return [{ loc, msg: issue.message, type: issue.code, input }];
  });
}

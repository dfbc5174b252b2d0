import { describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../contract/api';
import { PASSWORD, SAME_ORIGIN, startBff, useSimulatedMonite } from './test/harness';

useSimulatedMonite();

const signInBody = JSON.stringify({ email: 'operator@example.com', password: PASSWORD });

describe("Fastify's own refusals", () => {
  it('answer in the error envelope, in words a person can read', async () => {
    const bff = await startBff();
    const headers = await bff.signIn('viewer');
    const post = (contentType: string, payload: string) =>
      bff.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { ...SAME_ORIGIN, 'content-type': contentType },
        payload,
      });
    const cases = [
      [
        await bff.app.inject({ url: `/api/entities/${'x'.repeat(150)}/records`, headers }),
        414,
        'uri_too_long',
      ],
      [await bff.app.inject({ url: '/api/entities/%E0%A4%A/records', headers }), 400, 'bad_request'],
      [await post('application/json', '{"email": '), 400, 'bad_request'],
      [await post('application/json', ''), 400, 'bad_request'],
      [await post('application/xml', '<email/>'), 415, 'unsupported_media_type'],
      [
        await post('application/json', JSON.stringify({ pad: 'x'.repeat(1_100_000) })),
        413,
        'payload_too_large',
      ],
    ] as const;
    expect(
      cases.map(([res]) => ({
        status: res.statusCode,
        body: errorResponseSchema.strict().safeParse(res.json()).data,
      })),
    ).toEqual(
      cases.map(([, status, code]) => ({
        status,
        body: { error: { code, message: expect.not.stringMatching(/FST_|content-type|'\//) } },
      })),
    );
    await bff.close();
  });
});

describe('the Origin check', () => {
  it('refuses an Origin or Host that is not a URL, even when both are unreadable', async () => {
    const bff = await startBff();
    const signIn = (headers: { origin: string; host?: string }) =>
      bff.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-sync-desk': '1', 'content-type': 'application/json', ...headers },
        payload: signInBody,
      });
    const refused = [
      { origin: 'null', host: 'bad host name' },
      { origin: 'null' },
      { origin: 'file:///tmp/page.html', host: 'bad host name' },
      { origin: 'http://localhost', host: 'bad host name' },
    ];
    const answers = [];
    for (const headers of refused) {
      const res = await signIn(headers);
      answers.push({ headers, status: res.statusCode, code: res.json().error?.code });
    }
    expect(answers).toEqual(refused.map((headers) => ({ headers, status: 403, code: 'csrf' })));
    expect((await signIn({ origin: 'http://localhost' })).statusCode).toBe(200);
    await bff.close();
  });
});

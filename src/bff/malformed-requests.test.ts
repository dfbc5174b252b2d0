/**
 * Malformed requests over every route: none gets a 5xx, and every refusal has the error envelope
 * (/readyz excepted: it answers its own `{ok, checks}` shape).
 */
import { expect, it } from 'vitest';
import { errorResponseSchema } from '../contract/api';
import { startBff, useSimulatedMonite } from './test/harness';

useSimulatedMonite();

const UNKNOWN = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const BAD_IDS = [
  'not-a-uuid',
  UNKNOWN,
  'x'.repeat(150),
  '%E0%A4%A',
  '%zz',
  '%00',
  "'; drop table",
  '0'.repeat(36),
];
const BAD_QUERIES = [
  '?sync_status=x',
  '?limit=-1',
  '?limit=99999',
  '?cursor=%',
  '?cursor=abc',
  `?q=${'x'.repeat(500)}`,
];
const BAD_BODIES: [contentType: string, body: string][] = [
  ['application/json', '{bad'],
  ['application/json', ''],
  ['application/json', 'null'],
  ['application/json', '[]'],
  ['application/json', '{"ids":["x"]}'],
  ['application/xml', '<a/>'],
  ['application/json', JSON.stringify({ pad: 'x'.repeat(1_100_000) })],
];

it('never answers a malformed request with a 5xx, and always in the error envelope', async () => {
  const bff = await startBff();
  const headers = await bff.signIn('admin');
  const e = bff.entityId;
  const requests: { method: 'GET' | 'POST' | 'DELETE'; url: string; type?: string; payload?: string }[] = [];
  for (const id of BAD_IDS) {
    requests.push(
      { method: 'GET', url: `/api/entities/${id}/records` },
      { method: 'GET', url: `/api/entities/${e}/records/${id}` },
      { method: 'POST', url: `/api/entities/${e}/records/${id}/push` },
      { method: 'POST', url: `/api/entities/${id}/refresh` },
      { method: 'GET', url: `/api/entities/${id}/push-jobs` },
      { method: 'POST', url: `/api/entities/${id}/push-jobs` },
      { method: 'GET', url: `/api/entities/${e}/push-jobs/${id}` },
      { method: 'DELETE', url: `/api/entities/${e}/push-jobs/${id}` },
    );
  }
  for (const query of BAD_QUERIES) {
    for (const path of [
      `/api/entities/${e}/records`,
      '/api/audit',
      '/api/audit.csv',
      '/api/entities',
      '/api/session',
    ]) {
      requests.push({ method: 'GET', url: `${path}${query}` });
    }
  }
  for (const url of [
    '/api/session',
    `/api/entities/${e}/push-jobs`,
    `/api/entities/${e}/records/${UNKNOWN}/push`,
  ]) {
    for (const [type, payload] of BAD_BODIES) requests.push({ method: 'POST', url, type, payload });
  }

  const wrong = [];
  for (const { method, url, type, payload } of requests) {
    const res = await bff.app.inject({
      method,
      url,
      headers: type ? { ...headers, 'content-type': type } : headers,
      payload,
    });
    const envelope = res.statusCode < 400 || errorResponseSchema.strict().safeParse(res.json()).success;
    if (res.statusCode >= 500 || !envelope)
      wrong.push(`${method} ${url.slice(0, 90)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
  }
  expect(requests.length).toBeGreaterThan(100);
  expect(wrong).toEqual([]);
  await bff.close();
}, 60_000);

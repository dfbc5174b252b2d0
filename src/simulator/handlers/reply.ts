/** What a route answers before the pipeline adds the common headers. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** Monite's usual error envelope, ErrorSchemaResponse (API.md §7). */
export function moniteError(status: number, message: string, extra?: Record<string, string>): Reply {
  return { status, body: { error: { ...extra, message } } };
}

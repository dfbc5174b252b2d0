import { errorResponseSchema } from '../../contract/api';

const errorEnvelope = errorResponseSchema.describe('The error envelope');

/** A route's responses: what it answers on success, and the error envelope for any 4xx or 5xx. */
export const withErrors = <T extends Record<number, object>>(success: T) => ({
  ...success,
  '4xx': errorEnvelope,
  '5xx': errorEnvelope,
});

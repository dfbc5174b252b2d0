import { describe, expect, it } from 'vitest';
import { flattenErrors, summariseErrors } from './errors-text';

const codatFailure = {
  status: 'Failed',
  errorMessage: 'An error occurred in a downstream service. Correlation ID: 72e1. Message: Push failed',
  validation: {
    errors: [{ itemId: 'NominalCode', message: 'NominalCode must not be longer than 10 characters long.' }],
  },
  statusCode: 400,
};

describe('flattenErrors', () => {
  it('turns nested provider errors into dotted key/value lines', () => {
    expect(flattenErrors(codatFailure)).toContainEqual({
      key: 'validation.errors.0.message',
      value: 'NominalCode must not be longer than 10 characters long.',
    });
    expect(flattenErrors(codatFailure)).toContainEqual({ key: 'statusCode', value: '400' });
  });

  it('has nothing to show for null or empty errors', () => {
    expect(flattenErrors(null)).toEqual([]);
    expect(flattenErrors({})).toEqual([]);
  });
});

describe('summariseErrors', () => {
  it("prefers the provider's own message over the wrapper's summary", () => {
    expect(summariseErrors(codatFailure)).toBe('NominalCode must not be longer than 10 characters long.');
  });

  it('falls back to an error-ish key, then to any value', () => {
    expect(summariseErrors({ errorMessage: 'Tax rate must be valid.', code: 7 })).toBe(
      'Tax rate must be valid.',
    );
    expect(summariseErrors({ key: 'value' })).toBe('value');
    expect(summariseErrors({})).toBeNull();
  });
});

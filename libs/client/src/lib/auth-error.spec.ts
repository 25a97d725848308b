import { isAuthFailure, PulseAuthError } from './auth-error';

describe('isAuthFailure', () => {
  it('marks refused credentials, not other failures', () => {
    expect(isAuthFailure(new PulseAuthError(401, 'unauthorized'))).toBe(true);
    expect(isAuthFailure(new PulseAuthError(403, 'forbidden'))).toBe(true);
    expect(isAuthFailure(new PulseAuthError(503, 'unavailable'))).toBe(false);
    expect(isAuthFailure(new PulseAuthError(0, 'network'))).toBe(false);
    expect(isAuthFailure(new Error('boom'))).toBe(false);
    expect(isAuthFailure(undefined)).toBe(false);
  });

  it('accepts an app error marked with authFailure', () => {
    expect(isAuthFailure(Object.assign(new Error('expired'), { authFailure: true }))).toBe(true);
  });
});

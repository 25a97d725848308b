import { AUTH_FAILURE_CLOSE } from '@pulse/client';
import { connectionStatus, rttText, secondsLeft } from './connection-status';

describe('connectionStatus', () => {
  it('says connecting, connected, and when the next attempt comes', () => {
    expect(connectionStatus({ status: 'connecting', attempt: 0 }).text).toBe('Connecting…');
    expect(connectionStatus({ status: 'open' })).toMatchObject({ tone: 'ok', text: 'Connected' });
    expect(connectionStatus({ status: 'reconnecting', attempt: 2, delayMs: 2_400 }).text).toBe(
      'Connection lost — reconnecting in 3s',
    );
    expect(connectionStatus({ status: 'reconnecting', attempt: 1, delayMs: 120 }).text).toContain('in 1s');
    expect(connectionStatus({ status: 'reconnecting', attempt: 2, delayMs: 2_400 }, 1).text).toBe(
      'Connection lost — reconnecting in 1s',
    );
    expect(connectionStatus({ status: 'connecting', attempt: 2 }).text).toBe('Reconnecting… (attempt 2)');
  });

  it('asks to sign in again only when the credentials were refused', () => {
    expect(connectionStatus({ status: 'closed', ...AUTH_FAILURE_CLOSE }).signInAgain).toBe(true);
    const revoked = connectionStatus({ status: 'closed', code: 4003, reason: 'revoked' });
    expect(revoked).toMatchObject({ signInAgain: false, text: 'Disconnected by the server (4003: revoked)' });
  });

  it('shows the round-trip time once measured', () => {
    expect(rttText(undefined)).toBe('RTT —');
    expect(rttText(12.6)).toBe('RTT 13 ms');
  });

  it('rounds up and never shows zero', () => {
    expect(secondsLeft(2_001)).toBe(3);
    expect(secondsLeft(2_000)).toBe(2);
    expect(secondsLeft(120)).toBe(1);
    expect(secondsLeft(0)).toBe(1);
  });
});

import { AUTH_FAILURE_CLOSE } from '@pulse/client';
import { connectionStatus, OFFLINE_TEXT, rttText, secondsLeft } from './connection-status';

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
  it('says the browser is offline while trying to connect without a network, and nothing else changes', () => {
    const waiting = { status: 'reconnecting', attempt: 3, delayMs: 4_000 } as const;
    expect(connectionStatus(waiting, 2, false)).toEqual({
      tone: 'warning',
      text: OFFLINE_TEXT,
      signInAgain: false,
    });
    expect(connectionStatus({ status: 'connecting', attempt: 4 }, undefined, false).text).toBe(OFFLINE_TEXT);
    expect(connectionStatus({ status: 'open' }, undefined, false).text).toBe('Connected');
    expect(connectionStatus({ status: 'closed', ...AUTH_FAILURE_CLOSE }, undefined, false).signInAgain).toBe(
      true,
    );
  });
});

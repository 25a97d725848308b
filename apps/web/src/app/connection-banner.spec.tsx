import type { ConnectionState } from '@pulse/client';
import { act, render, screen } from '@testing-library/react';
import { ConnectionBanner } from './connection-banner';

function renderBanner(state: ConnectionState) {
  return render(
    <ConnectionBanner state={state} rtt={undefined} onReconnect={jest.fn()} onSignOut={jest.fn()} />,
  );
}

describe('ConnectionBanner', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows "reconnecting in Ns" counting down, while screen readers hear the state once', () => {
    const { container } = renderBanner({ status: 'reconnecting', attempt: 1, delayMs: 3_000 });
    const visible = () => container.querySelector('.banner__text')?.textContent;
    expect(visible()).toBe('Connection lost — reconnecting in 3s');
    act(() => jest.advanceTimersByTime(1_000));
    expect(visible()).toBe('Connection lost — reconnecting in 2s');
    act(() => jest.advanceTimersByTime(1_000));
    expect(visible()).toBe('Connection lost — reconnecting in 1s');
    expect(screen.getByRole('status').textContent).toBe('Connection lost — reconnecting in 3s');
  });

  it('offers to reconnect once closed', () => {
    renderBanner({ status: 'closed', code: 1000, reason: 'closed by client' });
    expect(screen.getByRole('button', { name: 'Reconnect' })).toBeDefined();
    expect(screen.getByRole('status').textContent).toBe('Disconnected');
  });
});

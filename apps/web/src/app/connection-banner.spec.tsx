import { AUTH_FAILURE_CLOSE, type ConnectionState } from '@pulse/client';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { ConnectionBanner, type ConnectionBannerProps } from './connection-banner';

function renderBanner(state: ConnectionState, props: Partial<ConnectionBannerProps> = {}) {
  const onReconnect = jest.fn();
  const onSignOut = jest.fn();
  const { container, rerender } = render(
    <ConnectionBanner
      state={state}
      rtt={undefined}
      onReconnect={onReconnect}
      onSignOut={onSignOut}
      {...props}
    />,
  );
  const banner = () => container.querySelector('.banner');
  const visible = () => container.querySelector('.banner__text')?.textContent;
  const update = (next: ConnectionState, nextProps: Partial<ConnectionBannerProps> = {}) =>
    rerender(
      <ConnectionBanner
        state={next}
        rtt={undefined}
        onReconnect={onReconnect}
        onSignOut={onSignOut}
        {...nextProps}
      />,
    );
  return { onReconnect, onSignOut, banner, visible, update };
}

describe('ConnectionBanner', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows "reconnecting in Ns" counting down, while screen readers hear the state once', () => {
    const { visible } = renderBanner({ status: 'reconnecting', attempt: 1, delayMs: 3_000 });
    expect(visible()).toBe('Connection lost — reconnecting in 3s');
    act(() => jest.advanceTimersByTime(1_000));
    expect(visible()).toBe('Connection lost — reconnecting in 2s');
    act(() => jest.advanceTimersByTime(1_000));
    expect(visible()).toBe('Connection lost — reconnecting in 1s');
    expect(screen.getByRole('status').textContent).toBe('Connection lost — reconnecting in 3s');
  });

  it('says connected with the measured round-trip time, and offers no button', () => {
    const { banner, update } = renderBanner({ status: 'open' });
    expect(banner()?.className).toBe('banner banner--ok');
    expect(screen.getByRole('status').textContent).toBe('Connected');
    expect(screen.getByText('RTT —')).toBeDefined();
    update({ status: 'open' }, { rtt: 23.4 });
    expect(screen.getByText('RTT 23 ms')).toBeDefined();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('goes from connected to reconnecting and back, as a warning in between', () => {
    const { banner, visible, update } = renderBanner({ status: 'open' });
    update({ status: 'reconnecting', attempt: 1, delayMs: 400 });
    expect(banner()?.className).toBe('banner banner--warning');
    expect(visible()).toBe('Connection lost — reconnecting in 1s');
    expect(screen.queryByText(/^RTT/)).toBeNull();
    update({ status: 'connecting', attempt: 1 });
    expect(visible()).toBe('Reconnecting… (attempt 1)');
    update({ status: 'open' });
    expect(visible()).toBe('Connected');
  });

  it('says the browser is offline instead of counting down while there is no network', () => {
    const { banner, visible } = renderBanner(
      { status: 'reconnecting', attempt: 4, delayMs: 8_000 },
      { networkOnline: false },
    );
    expect(banner()?.className).toBe('banner banner--warning');
    expect(visible()).toBe('You are offline — waiting for the network');
    expect(screen.getByRole('status').textContent).toBe('You are offline — waiting for the network');
  });

  it('offers to reconnect once closed', () => {
    const { onReconnect } = renderBanner({ status: 'closed', code: 1000, reason: 'closed by client' });
    expect(screen.getByRole('status').textContent).toBe('Disconnected');
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(onReconnect).toHaveBeenCalledTimes(1);
  });

  it('asks to sign in again when the credentials were refused', () => {
    const { onSignOut, onReconnect, banner } = renderBanner({ status: 'closed', ...AUTH_FAILURE_CLOSE });
    expect(banner()?.className).toBe('banner banner--error');
    expect(screen.getByRole('status').textContent).toBe('Your session has expired. Please sign in again.');
    expect(screen.queryByRole('button', { name: 'Reconnect' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(onSignOut).toHaveBeenCalledTimes(1);
    expect(onReconnect).not.toHaveBeenCalled();
  });
});

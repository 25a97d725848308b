import { browserNetworkSignals, type NetworkSignal } from './network-signals';

class FakeDocument extends EventTarget {
  visibilityState = 'visible';
}

function browser() {
  const window = new EventTarget();
  const document = new FakeDocument();
  const signals = browserNetworkSignals({ window, document });
  if (!signals) throw new Error('expected browser signals');
  const heard: NetworkSignal[] = [];
  const unsubscribe = signals.subscribe((signal) => heard.push(signal));
  return { window, document, heard, unsubscribe };
}

describe('browserNetworkSignals', () => {
  it('passes on online and offline, and visibility only when the page becomes visible', () => {
    const { window, document, heard } = browser();
    window.dispatchEvent(new Event('offline'));
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('online'));
    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(heard).toEqual(['offline', 'online', 'visible']);
  });

  it('stops after unsubscribing', () => {
    const { window, document, heard, unsubscribe } = browser();
    unsubscribe();
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(heard).toEqual([]);
  });

  it("knows it is offline while the browser's navigator says so", () => {
    const navigator = { onLine: true };
    const signals = browserNetworkSignals({
      window: new EventTarget(),
      document: new EventTarget(),
      navigator,
    });
    expect(signals?.isOffline?.()).toBe(false);
    navigator.onLine = false;
    expect(signals?.isOffline?.()).toBe(true);
  });

  it('is absent where there is no window or document (Node)', () => {
    expect(browserNetworkSignals({})).toBeUndefined();
    expect(browserNetworkSignals({ window: new EventTarget() })).toBeUndefined();
    expect(browserNetworkSignals()).toBeUndefined();
  });
});

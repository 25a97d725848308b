import { PLAYER_PALETTES } from '../game/player-colour';
import { THEME_STORAGE_KEY, ThemeController, type ThemeEnvironment } from './theme-controller';

/** A `prefers-color-scheme: light` query whose answer the test changes, as the system setting would. */
class SystemScheme {
  matches: boolean;
  private readonly listeners = new Set<() => void>();

  constructor(light: boolean) {
    this.matches = light;
  }

  addEventListener(_type: 'change', listener: () => void): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'change', listener: () => void): void {
    this.listeners.delete(listener);
  }

  set(light: boolean): void {
    this.matches = light;
    for (const listener of this.listeners) listener();
  }
}

function environment(
  light: boolean,
  stored?: string,
): ThemeEnvironment & { media: SystemScheme; storage: Storage } {
  const root = document.createElement('html');
  window.localStorage.clear();
  if (stored) window.localStorage.setItem(THEME_STORAGE_KEY, stored);
  return { root, storage: window.localStorage, media: new SystemScheme(light) };
}

describe('ThemeController', () => {
  it('follows the system preference, and a change of it, until the user picks the other theme', () => {
    const env = environment(true);
    const theme = new ThemeController(env);
    expect(env.root.dataset['theme']).toBe('light');
    expect(env.root.style.colorScheme).toBe('light');
    env.media.set(false);
    expect(env.root.dataset['theme']).toBe('dark');
    theme.toggle();
    expect(theme.theme).toBe('light');
    expect(theme.followsSystem).toBe(false);
    env.media.set(true);
    env.media.set(false);
    expect(env.root.dataset['theme']).toBe('light');
  });

  it("remembers the user's pick across pages, and forgets it when the pick is the system's again", () => {
    const env = environment(false);
    new ThemeController(env).toggle();
    expect(env.storage.getItem(THEME_STORAGE_KEY)).toBe('light');
    const next = new ThemeController({ ...env, root: document.createElement('html') });
    expect(next.theme).toBe('light');
    next.toggle();
    expect(next.followsSystem).toBe(true);
    expect(env.storage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });

  it("sets the theme's player colours, and tells subscribers of every change", () => {
    const env = environment(false);
    const theme = new ThemeController(env);
    const seen: string[] = [];
    theme.subscribe((name) => seen.push(name));
    expect(env.root.style.getPropertyValue('--player-0')).toBe(PLAYER_PALETTES.dark[0]);
    theme.toggle();
    expect(seen).toEqual(['light']);
    expect(env.root.style.getPropertyValue('--token-ink')).toBe('#ffffff');
    expect(env.root.style.getPropertyValue('--player-0')).toBe(PLAYER_PALETTES.light[0]);
  });

  it('ignores a stored value it does not know, and works without storage', () => {
    expect(new ThemeController(environment(false, 'sepia')).theme).toBe('dark');
    const theme = new ThemeController({ root: document.createElement('html'), storage: null, media: null });
    expect(theme.theme).toBe('dark');
    theme.toggle();
    expect(theme.theme).toBe('light');
  });
});

import { playerPaletteProperties, type ThemeName } from '../game/player-colour';

/** Where the user's choice is kept; absent means "follow the system". */
export const THEME_STORAGE_KEY = 'pulse.theme';

export const LIGHT_SCHEME_QUERY = '(prefers-color-scheme: light)';

type Listener = (theme: ThemeName) => void;

/** What the controller uses of a `MediaQueryList`. */
export interface SchemeQuery {
  readonly matches: boolean;
  addEventListener(type: 'change', listener: () => void): void;
  removeEventListener(type: 'change', listener: () => void): void;
}

/** What the controller needs of the page, so it can be driven without a browser in tests. */
export interface ThemeEnvironment {
  readonly root: HTMLElement;
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** The `prefers-color-scheme: light` query. */
  readonly media: SchemeQuery | null;
}

/**
 * The page's theme: the system's (`prefers-color-scheme`) until the user picks the other one, which is remembered;
 * picking the system's again goes back to following it. Applied as `data-theme` on the root element (the stylesheet
 * keys the light colours on it), its `color-scheme`, and the player palette's custom properties.
 */
export class ThemeController {
  private readonly listeners = new Set<Listener>();
  private chosen: ThemeName | null;

  constructor(private readonly env: ThemeEnvironment) {
    const stored = safely(() => env.storage?.getItem(THEME_STORAGE_KEY) ?? null);
    this.chosen = stored === 'light' || stored === 'dark' ? stored : null;
    env.media?.addEventListener('change', this.systemChanged);
    this.apply();
  }

  /** The theme in use. */
  get theme(): ThemeName {
    return this.chosen ?? this.systemTheme();
  }

  /** Whether the theme follows the system's preference (the user has not picked the other one). */
  get followsSystem(): boolean {
    return this.chosen === null;
  }

  /** Switches to the other theme. */
  toggle(): void {
    const next: ThemeName = this.theme === 'light' ? 'dark' : 'light';
    this.chosen = next === this.systemTheme() ? null : next;
    safely(() =>
      this.chosen
        ? this.env.storage?.setItem(THEME_STORAGE_KEY, this.chosen)
        : this.env.storage?.removeItem(THEME_STORAGE_KEY),
    );
    this.apply();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.env.media?.removeEventListener('change', this.systemChanged);
    this.listeners.clear();
  }

  private readonly systemChanged = (): void => {
    if (this.chosen === null) this.apply();
  };

  private systemTheme(): ThemeName {
    return this.env.media?.matches ? 'light' : 'dark';
  }

  private apply(): void {
    const theme = this.theme;
    const { root } = this.env;
    root.dataset['theme'] = theme;
    root.style.colorScheme = theme;
    for (const [name, value] of Object.entries(playerPaletteProperties(theme)))
      root.style.setProperty(name, value);
    for (const listener of this.listeners) listener(theme);
  }
}

/** Storage may be refused (private mode, a sandboxed frame): the theme then lasts for the page only. */
function safely<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

let pageTheme: ThemeController | null = null;

/** The page's theme controller, made on first use from `window`. */
export function themeOfPage(): ThemeController {
  pageTheme ??= new ThemeController({
    root: document.documentElement,
    storage: safely(() => window.localStorage),
    media: typeof window.matchMedia === 'function' ? window.matchMedia(LIGHT_SCHEME_QUERY) : null,
  });
  return pageTheme;
}

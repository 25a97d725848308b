import { useSyncExternalStore } from 'react';
import { themeOfPage, type ThemeController } from './theme-controller';

/** Switches between the dark and the light theme; the name says what a press does. */
export function ThemeToggle({ controller = themeOfPage() }: { readonly controller?: ThemeController }) {
  const theme = useSyncExternalStore(
    (onChange) => controller.subscribe(onChange),
    () => controller.theme,
  );
  const other = theme === 'light' ? 'dark' : 'light';
  return (
    <button
      type="button"
      className="secondary theme-toggle"
      aria-label={`Switch to ${other} theme`}
      onClick={() => controller.toggle()}
    >
      {other === 'light' ? 'Light theme' : 'Dark theme'}
    </button>
  );
}

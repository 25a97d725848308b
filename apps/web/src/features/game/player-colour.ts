/**
 * Player colours: one per player, the same on every screen and after every reload, derived from the player id. A
 * player keeps their hue in both themes: the light theme's colour at the same index is a darker shade of it. Each is
 * checked (player-colour.spec.ts) for a WCAG contrast of at least 4.5:1 against the board and card background of its
 * theme, so a token (3:1 needed for graphics) and a name in chat (4.5:1 for text) both stand out, and for 4.5:1
 * against the initial drawn on the token (dark on the dark theme, white on the light one).
 */
export const PLAYER_PALETTE = [
  '#38bdf8', // sky
  '#f59e0b', // amber
  '#4ade80', // green
  '#f472b6', // pink
  '#a78bfa', // violet
  '#fb923c', // orange
  '#2dd4bf', // teal
  '#facc15', // yellow
  '#f87171', // red
  '#a3e635', // lime
  '#e879f9', // fuchsia
  '#93c5fd', // light blue
] as const;

export type ThemeName = 'dark' | 'light';

/** Each theme's palette, index for index the same hues (Tailwind's 400 shades on dark, 700 on light). */
export const PLAYER_PALETTES: Readonly<Record<ThemeName, readonly string[]>> = {
  dark: PLAYER_PALETTE,
  light: [
    '#0369a1', // sky
    '#b45309', // amber
    '#15803d', // green
    '#be185d', // pink
    '#6d28d9', // violet
    '#c2410c', // orange
    '#0f766e', // teal
    '#a16207', // yellow
    '#b91c1c', // red
    '#4d7c0f', // lime
    '#a21caf', // fuchsia
    '#1d4ed8', // blue
  ],
};

/** The backgrounds player colours are drawn on: the board and the cards (`--panel`), and the page (`--bg`). */
export const THEME_BACKGROUNDS: Readonly<Record<ThemeName, readonly string[]>> = {
  dark: ['#111a2e', '#0b1120'],
  light: ['#ffffff', '#f8fafc'],
};

/** The initial's colour on a token, by theme (`--token-ink`). */
export const TOKEN_INKS: Readonly<Record<ThemeName, string>> = { dark: '#0b1120', light: '#ffffff' };

/** The initial's colour on a token on the dark theme. */
export const TOKEN_INK = TOKEN_INKS.dark;

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Which palette entry a player gets, from their id. */
export function playerColourIndex(playerId: string): number {
  return fnv1a(playerId) % PLAYER_PALETTE.length;
}

/**
 * The colour of a player as CSS: `var(--player-N)`, which the theme sets to the current theme's colour (see
 * `playerPaletteProperties`), so a change of theme recolours every player without a render.
 */
export function playerColour(playerId: string): string {
  return `var(--player-${playerColourIndex(playerId)})`;
}

/** The colour of a player in a theme, as `#rrggbb` (for what cannot take a CSS variable, such as a shared cursor). */
export function playerColourHex(playerId: string, theme: ThemeName = 'dark'): string {
  return PLAYER_PALETTES[theme][playerColourIndex(playerId)];
}

/** The custom properties a theme sets on the page: `--player-0`...`--player-11` and `--token-ink`. */
export function playerPaletteProperties(theme: ThemeName): Record<string, string> {
  const properties: Record<string, string> = { '--token-ink': TOKEN_INKS[theme] };
  PLAYER_PALETTES[theme].forEach((colour, index) => (properties[`--player-${index}`] = colour));
  return properties;
}

/** The relative luminance of a `#rrggbb` colour (WCAG 2.x). */
export function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

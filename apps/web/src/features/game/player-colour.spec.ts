import {
  contrastRatio,
  PLAYER_PALETTE,
  PLAYER_PALETTES,
  playerColour,
  playerColourHex,
  playerColourIndex,
  playerPaletteProperties,
  THEME_BACKGROUNDS,
  TOKEN_INKS,
  type ThemeName,
} from './player-colour';

const themes = Object.keys(PLAYER_PALETTES) as ThemeName[];

describe('player colours', () => {
  it('computes the WCAG contrast ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#777777')).toBe(contrastRatio('#777777', '#ffffff'));
  });

  it.each(
    Object.entries(THEME_BACKGROUNDS).flatMap(([theme, backgrounds]) =>
      backgrounds.map((background) => [theme, background]),
    ),
  )(
    'gives every palette colour at least 4.5:1 on the %s theme background %s (3:1 is the minimum for a token)',
    (theme, background) => {
      const weak = PLAYER_PALETTES[theme as ThemeName].filter(
        (colour) => contrastRatio(colour, background) < 4.5,
      );
      expect(weak).toEqual([]);
    },
  );

  it('checks both themes, with a colour of each theme for every palette entry', () => {
    expect(themes).toEqual(['dark', 'light']);
    expect(PLAYER_PALETTES.light).toHaveLength(PLAYER_PALETTE.length);
    expect(new Set(PLAYER_PALETTES.light).size).toBe(PLAYER_PALETTE.length);
  });

  it.each(themes)('keeps the initial on every token readable on the %s theme', (theme) => {
    expect(PLAYER_PALETTES[theme].filter((colour) => contrastRatio(colour, TOKEN_INKS[theme]) < 4.5)).toEqual(
      [],
    );
  });

  it('gives a player the same colour every time, and the demo players different ones', () => {
    expect(playerColour('alice')).toBe(playerColour('alice'));
    const colours = ['alice', 'bob', 'carol'].map(playerColour);
    expect(new Set(colours).size).toBe(3);
    expect(colours[0]).toBe(`var(--player-${playerColourIndex('alice')})`);
    expect(playerColourHex('alice')).toBe(PLAYER_PALETTE[playerColourIndex('alice')]);
    expect(playerColourHex('alice', 'light')).toBe(PLAYER_PALETTES.light[playerColourIndex('alice')]);
  });

  it("sets each theme's colours as the custom properties playerColour refers to", () => {
    const light = playerPaletteProperties('light');
    expect(light['--token-ink']).toBe(TOKEN_INKS.light);
    expect(light[`--player-${playerColourIndex('bob')}`]).toBe(playerColourHex('bob', 'light'));
    expect(Object.keys(light)).toHaveLength(PLAYER_PALETTE.length + 1);
  });

  it('spreads many players over the whole palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => playerColour(`user-${i}`)));
    expect(used.size).toBe(PLAYER_PALETTE.length);
  });
});

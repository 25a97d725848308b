import { fireEvent, render, screen } from '@testing-library/react';
import { ThemeController } from './theme-controller';
import { ThemeToggle } from './theme-toggle';

describe('ThemeToggle', () => {
  it('names what a press does, and switches the theme', () => {
    const root = document.createElement('html');
    const controller = new ThemeController({ root, storage: null, media: null });
    render(<ThemeToggle controller={controller} />);
    fireEvent.click(screen.getByRole('button', { name: 'Switch to light theme' }));
    expect(root.dataset['theme']).toBe('light');
    expect(screen.getByRole('button', { name: 'Switch to dark theme' }).textContent).toBe('Dark theme');
  });
});

import { typingText } from './typing-text';

describe('typingText', () => {
  it('names up to two typists and counts the rest', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Bob'])).toBe('Bob is typing…');
    expect(typingText(['Bob', 'Carol'])).toBe('Bob and Carol are typing…');
    expect(typingText(['Bob', 'Carol', 'Dave'])).toBe('Bob, Carol and 1 other are typing…');
    expect(typingText(['Bob', 'Carol', 'Dave', 'Eve'])).toBe('Bob, Carol and 2 others are typing…');
  });
});

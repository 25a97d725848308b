import { fireEvent, render, screen } from '@testing-library/react';
import type { KeptChatLine } from '../../realtime/chat.reducer';
import { ChatView, type ChatViewProps } from './chat-view';

const line = (seq: number, player: string, name: string, text: string): KeptChatLine => ({
  type: 'chat', room: 'r1', player, name, text, at: Date.UTC(2026, 0, 1, 12, seq), seq, era: 0, key: `0:${seq}`,
});

function renderChat(props: Partial<ChatViewProps> = {}) {
  const onSend = jest.fn<Promise<void>, [string]>(() => Promise.resolve());
  const onTyping = jest.fn<void, [boolean]>();
  render(<ChatView lines={[]} typingNames={[]} selfId="alice" onSend={onSend} onTyping={onTyping} error={null} {...props} />);
  return { onSend, onTyping, input: screen.getByRole('textbox', { name: 'Message' }) };
}

describe('ChatView', () => {
  it('shows lines as plain text, never as markup', () => {
    const hostile = '<img src=x onerror="window.pwned=1">';
    renderChat({ lines: [line(1, 'bob', 'Bob', hostile), line(2, 'alice', 'Alice', 'hi bob')] });
    const log = screen.getByRole('log', { name: 'Chat messages' });
    expect(log.querySelector('img')).toBeNull();
    expect(screen.getByText(hostile).tagName).toBe('SPAN');
    expect(log.textContent).toContain('You hi bob');
  });

  it('sends the trimmed line with Enter, clears the input, and says typing stopped when it is emptied', () => {
    const { onSend, onTyping, input } = renderChat();
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    fireEvent.change(input, { target: { value: '  hello  ' } });
    expect(onTyping).toHaveBeenLastCalledWith(true);
    fireEvent.submit(input);
    expect(onSend).toHaveBeenCalledWith('hello');
    expect(input).toHaveProperty('value', '');
    fireEvent.change(input, { target: { value: '   ' } });
    expect(onTyping).toHaveBeenLastCalledWith(false);
    fireEvent.submit(input);
    expect(onSend).toHaveBeenCalledTimes(1);
  });

  it('says who is typing, in a line that is always there', () => {
    const { onTyping, input } = renderChat({ typingNames: ['Bob', 'Carol'] });
    expect(screen.getByText('Bob and Carol are typing…')).toBeTruthy();
    fireEvent.blur(input);
    expect(onTyping).toHaveBeenLastCalledWith(false);
  });

  it('limits a line to the protocol maximum and shows a send error as an alert', () => {
    const { input } = renderChat({ error: 'The message was not sent.' });
    expect(input.getAttribute('maxlength')).toBe('500');
    expect(screen.getByRole('alert').textContent).toBe('The message was not sent.');
  });
});

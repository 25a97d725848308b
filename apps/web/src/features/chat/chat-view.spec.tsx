import { fireEvent, render, screen } from '@testing-library/react';
import type { OutgoingLine } from '../../realtime/chat-outbox';
import type { KeptChatLine, KeptPresenceLine } from '../../realtime/chat.reducer';
import { playerColour } from '../game/player-colour';
import { ChatView, type ChatViewProps } from './chat-view';

const line = (seq: number, player: string, name: string, text: string): KeptChatLine => ({
  type: 'chat',
  room: 'r1',
  player,
  name,
  text,
  at: Date.UTC(2026, 0, 1, 12, seq),
  seq,
  era: 0,
  key: `0:${seq}`,
});

function renderChat(props: Partial<ChatViewProps> = {}) {
  const onSend = jest.fn<Promise<void>, [string]>(() => Promise.resolve());
  const onTyping = jest.fn<void, [boolean]>();
  render(
    <ChatView
      lines={[]}
      typingNames={[]}
      selfId="alice"
      onSend={onSend}
      onTyping={onTyping}
      error={null}
      {...props}
    />,
  );
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
  it('shows a line being sent in place, marked as sending, then failed with a retry', () => {
    const sending: OutgoingLine = { id: 'c1', text: 'are you there?', status: 'pending', seenBefore: 0 };
    const onRetry = jest.fn<void, [string]>();
    const { rerender } = render(
      <ChatView
        lines={[line(1, 'bob', 'Bob', 'hi')]}
        outgoing={[sending]}
        typingNames={[]}
        selfId="alice"
        onSend={jest.fn()}
        onRetry={onRetry}
        onTyping={jest.fn()}
        error={null}
      />,
    );
    const items = () => screen.getAllByRole('listitem');
    expect(items().map((item) => item.textContent)).toEqual([
      expect.stringContaining('Bob hi'),
      'You are you there? Sending…',
    ]);
    expect(items()[1].className).toContain('chat__line--pending');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();

    const failed: OutgoingLine = {
      ...sending,
      status: 'failed',
      error: 'Not sent: the connection is closed.',
    };
    rerender(
      <ChatView
        lines={[line(1, 'bob', 'Bob', 'hi')]}
        outgoing={[failed]}
        typingNames={[]}
        selfId="alice"
        onSend={jest.fn()}
        onRetry={onRetry}
        onTyping={jest.fn()}
        error={null}
      />,
    );
    expect(items()[1].textContent).toBe('You are you there? Not sent: the connection is closed.Retry');
    expect(items()[1].className).toContain('chat__line--failed');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith('c1');
  });

  it('shows join and leave lines among the messages, and every name in its player colour', () => {
    const joined: KeptPresenceLine = {
      type: 'presence-line',
      room: 'r1',
      player: 'carol',
      status: 'joined',
      seq: 2,
      era: 0,
      key: '0:2',
    };
    const left: KeptPresenceLine = { ...joined, status: 'left', seq: 4, key: '0:4' };
    renderChat({
      lines: [line(1, 'bob', 'Bob', 'hi'), joined, line(3, 'carol', 'Carol', 'hello'), left],
      nameOf: (id) => (id === 'carol' ? 'Carol' : id),
    });
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => item.textContent?.replace(/\s*\d{1,2}[:.]\d{2}.*$/, ''))).toEqual([
      'Bob hi',
      'Carol joined',
      'Carol hello',
      'Carol left',
    ]);
    expect(items.map((item) => item.style.getPropertyValue('--player-colour'))).toEqual(
      ['bob', 'carol', 'carol', 'carol'].map(playerColour),
    );
  });
});

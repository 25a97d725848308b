import { useCallback, useState } from 'react';
import { visibleOutgoing } from '../../realtime/chat-outbox';
import { chatSendError, useChat } from '../../realtime/use-chat';
import { usePresence } from '../../realtime/use-presence';
import { ChatView } from './chat-view';

/** The chat of the room on screen, with who else is typing and this user's lines on their way. */
export function ChatPanel({ room }: { readonly room: string }) {
  const { selfId, nameOf } = usePresence();
  const { lines, outgoing, typing, send, retry, setTyping } = useChat(room, selfId);
  const [error, setError] = useState<string | null>(null);
  const typingNames = typing.filter((player) => player !== selfId).map(nameOf);

  const report = useCallback(async (attempt: Promise<void>) => {
    setError(null);
    try {
      await attempt;
    } catch (failure) {
      setError(chatSendError(failure));
      throw failure;
    }
  }, []);
  const onSend = useCallback((text: string) => report(send(text)), [report, send]);
  const onRetry = useCallback((id: string) => void report(retry(id)).catch(() => undefined), [report, retry]);

  return (
    <ChatView
      lines={lines}
      outgoing={visibleOutgoing(outgoing, lines, selfId)}
      typingNames={typingNames}
      selfId={selfId}
      nameOf={nameOf}
      onSend={onSend}
      onRetry={onRetry}
      onTyping={setTyping}
      error={error}
    />
  );
}

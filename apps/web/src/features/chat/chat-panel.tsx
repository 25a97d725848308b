import { useCallback, useState } from 'react';
import { chatSendError, useChat } from '../../realtime/use-chat';
import { usePresence } from '../../realtime/use-presence';
import { ChatView } from './chat-view';

/** The chat of the room on screen, with who else is typing. */
export function ChatPanel({ room }: { readonly room: string }) {
  const { lines, typing, send, setTyping } = useChat(room);
  const { selfId, nameOf } = usePresence();
  const [error, setError] = useState<string | null>(null);
  const typingNames = typing.filter((player) => player !== selfId).map(nameOf);

  const onSend = useCallback(
    async (text: string) => {
      setError(null);
      try {
        await send(text);
      } catch (failure) {
        setError(chatSendError(failure));
        throw failure;
      }
    },
    [send],
  );

  return <ChatView lines={lines} typingNames={typingNames} selfId={selfId} onSend={onSend} onTyping={setTyping} error={error} />;
}

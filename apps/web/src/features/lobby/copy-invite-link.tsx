import { useState } from 'react';
import { inviteLink } from '../../app/routes';

/**
 * A button that copies the room's address; where the clipboard is not allowed, the link is shown to copy by hand.
 * Opened by someone signed out, the link lands in the room once they sign in.
 */
export function CopyInviteLink({
  room,
  label = 'Copy invite link',
}: {
  readonly room: string;
  readonly label?: string;
}) {
  const link = inviteLink(window.location.origin, room);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <span className="invite-link">
      <button type="button" className="secondary" onClick={() => void copy()} data-invite-link={link}>
        {label}
      </button>
      <span role="status" className="muted">
        {copied === 'yes' ? (
          'Copied.'
        ) : copied === 'failed' ? (
          <>
            Copy this link: <a href={link}>{link}</a>
          </>
        ) : (
          ''
        )}
      </span>
    </span>
  );
}

import type { AuthenticatedUser } from '@pulse/auth';
import type { RoomPolicy } from '@pulse/gateway';

/** What a user may do with a document: edit it, only follow it (updates and awareness), or nothing. */
export type DocumentAccess = 'write' | 'read' | 'none';

/** Decides each connection's access when it opens (before the 101: `none` is a 403). */
export interface DocumentPolicy {
  accessOf(user: AuthenticatedUser, document: string): DocumentAccess | Promise<DocumentAccess>;
}

export const DOCUMENT_POLICY = Symbol('PULSE_DOCUMENT_POLICY');

export interface ReadOnlyPrefixRule {
  /** Documents whose name starts with this, for example `handbook:`. */
  readonly prefix: string;
  /** The role a user needs to edit them; everyone else who may read them follows them read-only. */
  readonly writerRole: string;
}

/**
 * The app's room policy decides documents too (a document is named like a room): reading needs `canJoin`, editing
 * needs `canPublish` with the type `collab-update`. On top, documents under a read-only prefix are edited only by
 * users with the rule's role.
 */
export class RoomDocumentPolicy implements DocumentPolicy {
  constructor(
    private readonly rooms: RoomPolicy,
    private readonly readOnly: readonly ReadOnlyPrefixRule[],
  ) {}

  async accessOf(user: AuthenticatedUser, document: string): Promise<DocumentAccess> {
    if (!(await this.rooms.canJoin(user, document))) return 'none';
    const rule = this.readOnly.find((candidate) => document.startsWith(candidate.prefix));
    if (rule && !user.roles.includes(rule.writerRole)) return 'read';
    return (await this.rooms.canPublish(user, document, 'collab-update')) ? 'write' : 'read';
  }
}

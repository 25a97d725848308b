import { Type, type Static } from '@sinclair/typebox';
import { RoomName } from '../messages/common.schemas';

/**
 * Shared documents. `ws(s)://HOST/collab/<document>?ticket=...` speaks the y-websocket protocol;
 * `GET /collab/<document>/access` (with `Authorization: Bearer <access token>`) says what the user may do there.
 */
export const CollabPaths = {
  prefix: '/collab',
  access: (document: string) => `/collab/${encodeURIComponent(document)}/access`,
} as const;

export const DocumentAccessResponse = Type.Object(
  {
    document: RoomName,
    /** `write`: edits are applied. `read`: updates and awareness arrive, edits are refused. */
    access: Type.Union([Type.Literal('write'), Type.Literal('read')]),
  },
  {
    description:
      'GET /collab/{document}/access: what the signed-in user may do with the document (403: nothing)',
  },
);
export type DocumentAccessResponse = Static<typeof DocumentAccessResponse>;

import { Type } from '@sinclair/typebox';
import { ErrorCode } from '../codes';
import { MessageId, Seq } from './common.schemas';

const Timestamp = Type.Number({ description: 'Opaque client timestamp, echoed back' });

export const PingMessage = Type.Object(
  { type: Type.Literal('ping'), t: Timestamp, id: Type.Optional(MessageId) },
  { description: 'App-level ping (browsers cannot see protocol pings). Answered with `pong`.' },
);

export const PongMessage = Type.Object(
  { type: Type.Literal('pong'), t: Timestamp },
  { description: 'The answer to `ping`, carrying its `t`.' },
);

export const AckMessage = Type.Object(
  { type: Type.Literal('ack'), id: MessageId, seq: Type.Optional(Seq) },
  { description: 'A message that carried an `id` was applied.' },
);

export const ErrorMessage = Type.Object(
  {
    type: Type.Literal('error'),
    code: Type.Union(Object.values(ErrorCode).map((code) => Type.Literal(code))),
    message: Type.String(),
    id: Type.Optional(MessageId),
  },
  { description: 'A message was refused. The connection stays open. The offending payload is never echoed.' },
);

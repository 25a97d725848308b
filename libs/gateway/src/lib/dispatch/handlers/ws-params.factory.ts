import type { ParamData } from '@nestjs/common';
import type { ParamsFactory } from '@nestjs/core';
import { WsParamType } from './nest-metadata';

/** What `@ConnectedSocket()`, `@MessageBody(key?)` and `@Ack()` give a handler, from `[client, message, pattern]`. */
export class WsParamsFactory implements ParamsFactory {
  exchangeKeyForValue(type: number, data: ParamData, args: unknown[] | undefined): unknown {
    if (!args) return null;
    switch (type) {
      case WsParamType.SOCKET:
        return args[0];
      case WsParamType.PAYLOAD: {
        const body = args[1] as Record<string, unknown> | undefined;
        return typeof data === 'string' && data !== '' ? body?.[data] : body;
      }
      case WsParamType.ACK:
        return args.find((arg) => typeof arg === 'function');
      default:
        return null;
    }
  }
}

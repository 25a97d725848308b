import { Catch, createParamDecorator, UseFilters } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { NestMetadata, normalizedPath, WsParamType } from './nest-metadata';

class ProbeFilter {
  catch(): void {
    return;
  }
}

const Custom = createParamDecorator(() => 'custom');

@WebSocketGateway({ path: '/probe' })
@UseFilters(ProbeFilter)
class ProbeGateway {
  @SubscribeMessage('probe')
  @UseFilters(ProbeFilter)
  probe(
    @ConnectedSocket() _socket: unknown,
    @MessageBody('text') _text: string,
    @Custom() _custom: string,
  ): void {
    return;
  }
}

@Catch(TypeError)
class CatchingFilter {}

describe('NestMetadata', () => {
  it("names the keys Nest's public decorators write", () => {
    expect(Reflect.getMetadata(NestMetadata.gateway, ProbeGateway)).toBe(true);
    expect(Reflect.getMetadata(NestMetadata.gatewayOptions, ProbeGateway)).toEqual({ path: '/probe' });
    const method = ProbeGateway.prototype.probe;
    expect(Reflect.getMetadata(NestMetadata.messageMapping, method)).toBe(true);
    expect(Reflect.getMetadata(NestMetadata.message, method)).toBe('probe');
    expect(Reflect.getMetadata(NestMetadata.exceptionFilters, ProbeGateway)).toEqual([ProbeFilter]);
    expect(Reflect.getMetadata(NestMetadata.exceptionFilters, method)).toEqual([ProbeFilter]);
    expect(Reflect.getMetadata(NestMetadata.catchExceptions, CatchingFilter)).toEqual([TypeError]);
  });

  it('reads param decorators: socket and payload by type, custom ones by their marker', () => {
    const params = Reflect.getMetadata(NestMetadata.routeArguments, ProbeGateway, 'probe') as Record<
      string,
      { index: number; data?: unknown }
    >;
    const keys = Object.keys(params);
    expect(params[`${WsParamType.SOCKET}:0`]).toMatchObject({ index: 0 });
    expect(params[`${WsParamType.PAYLOAD}:1`]).toMatchObject({ index: 1, data: 'text' });
    expect(keys.filter((key) => key.includes(NestMetadata.customRouteArguments))).toHaveLength(1);
  });

  it('normalizes paths as Nest does', () => {
    expect(normalizedPath(undefined)).toBe('/');
    expect(normalizedPath('ws')).toBe('/ws');
    expect(normalizedPath('/ws/')).toBe('/ws');
    expect(normalizedPath('//a//b/')).toBe('/a/b');
    expect(normalizedPath('/')).toBe('/');
  });
});

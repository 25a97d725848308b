import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConnectionRegistry } from './connection/connection-registry';
import { ProtocolExceptionFilter } from './errors/protocol-exception.filter';
import { DEFAULT_GATEWAY_OPTIONS, GATEWAY_OPTIONS, type GatewayOptions } from './gateway-options';
import { HeartbeatService } from './heartbeat/heartbeat.service';
import { LivenessInterceptor } from './heartbeat/liveness.interceptor';
import { PingGateway } from './liveness/ping.gateway';
import { RoomsService } from './rooms/rooms.service';

/**
 * The real-time core: connections, heartbeat, rooms and fan-out, and the app-level ping.
 * Use with `app.useWebSocketAdapter(new PulseWsAdapter(app))`.
 */
@Global()
@Module({})
export class PulseGatewayModule {
  static forRoot(options: Partial<GatewayOptions> = {}): DynamicModule {
    const providers = [
      { provide: GATEWAY_OPTIONS, useValue: { ...DEFAULT_GATEWAY_OPTIONS, ...options } },
      ConnectionRegistry,
      HeartbeatService,
      RoomsService,
      LivenessInterceptor,
      ProtocolExceptionFilter,
    ];
    return {
      module: PulseGatewayModule,
      providers: [...providers, PingGateway],
      exports: providers,
    };
  }
}

import type { Provider } from '@nestjs/common';
import { BinaryTransport } from './binary/binary.transport';
import { ConnectionAdmission } from './connection-admission';
import { ConnectionDispatchers } from './connection-dispatchers';
import { GatewayRoutes } from './gateway-routes';
import { SocketIoTransport } from './socket-io/socket-io.transport';
import { UpgradeGates } from './upgrade-gates';
import { WsTransport } from './ws/ws.transport';

/** The pieces `PulseAdapter` composes: the gate, the gateways' routes, and one class per transport. */
export const TRANSPORT_PROVIDERS: Provider[] = [
  UpgradeGates,
  GatewayRoutes,
  ConnectionAdmission,
  ConnectionDispatchers,
  WsTransport,
  BinaryTransport,
  SocketIoTransport,
];

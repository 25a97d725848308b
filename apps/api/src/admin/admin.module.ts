import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';

/** Admin endpoints. Relies on the global `AuthModule` (tokens) and `PulseGatewayModule` (revocation). */
@Module({ controllers: [AdminController] })
export class AdminModule {}

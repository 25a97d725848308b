import { type DynamicModule, Module } from '@nestjs/common';
import {
  ADMIN_CONSOLE_CLOCK,
  ADMIN_CONSOLE_OPTIONS,
  resolveAdminConsoleOptions,
  type AdminConsoleOptions,
} from './admin-console-options';
import { AdminConsoleFeed } from './admin-console.feed';
import { AdminConsoleGateway } from './admin-console.gateway';

/** The operator's console feed: each node's figures, live, to admins who `console-watch`. */
@Module({})
export class AdminConsoleModule {
  static forRoot(options: Partial<AdminConsoleOptions> = {}): DynamicModule {
    return {
      module: AdminConsoleModule,
      providers: [
        { provide: ADMIN_CONSOLE_OPTIONS, useValue: resolveAdminConsoleOptions(options) },
        { provide: ADMIN_CONSOLE_CLOCK, useValue: Date.now },
        AdminConsoleFeed,
        AdminConsoleGateway,
      ],
    };
  }
}

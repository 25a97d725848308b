import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { DevLoginController } from './http/dev-login.controller';
import { TicketController } from './http/ticket.controller';
import { JwtAuthGuard } from './jwt/jwt-auth.guard';
import { JwtStrategy } from './jwt/jwt.strategy';
import { InMemoryTicketStore } from './tickets/in-memory-ticket.store';
import { TICKET_STORE } from './tickets/ticket-store';
import { TicketsService } from './tickets/tickets.service';
import { TicketUpgradeAuthorizer } from './upgrade/ticket-upgrade.authorizer';

/**
 * JWT verification, the dev login, socket tickets and the upgrade decision.
 * Pass `ticketStore` to share tickets between nodes; the default keeps them in this process.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions, ticketStore: Provider = { provide: TICKET_STORE, useValue: new InMemoryTicketStore() }): DynamicModule {
    const exported = [AUTH_OPTIONS, TicketsService, TicketUpgradeAuthorizer, JwtAuthGuard];
    return {
      module: AuthModule,
      imports: [
        PassportModule,
        JwtModule.register({ secret: options.jwtSecret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
      ],
      controllers: options.devLogin ? [DevLoginController, TicketController] : [TicketController],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        ticketStore,
        TicketsService,
        JwtStrategy,
        JwtAuthGuard,
        TicketUpgradeAuthorizer,
      ],
      exports: exported,
    };
  }
}

import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { DevLoginController } from './http/dev-login.controller';
import { RefreshController } from './http/refresh.controller';
import { TicketController } from './http/ticket.controller';
import { AccessTokenIssuer } from './jwt/access-token.issuer';
import { AccessTokenKeys } from './jwt/access-token-keys';
import { JwtAuthGuard } from './jwt/jwt-auth.guard';
import { JwtStrategy } from './jwt/jwt.strategy';
import { InMemoryRefreshTokenStore } from './refresh/in-memory-refresh-token.store';
import { RefreshSessions } from './refresh/refresh-sessions.service';
import { REFRESH_TOKEN_STORE } from './refresh/refresh-token-store';
import { InMemoryRevocationStore } from './revocation/in-memory-revocation.store';
import { RevocationList } from './revocation/revocation-list';
import { REVOCATION_STORE } from './revocation/revocation-store';
import { InMemoryTicketStore } from './tickets/in-memory-ticket.store';
import { TICKET_STORE } from './tickets/ticket-store';
import { TicketsService } from './tickets/tickets.service';
import { TicketUpgradeAuthorizer } from './upgrade/ticket-upgrade.authorizer';

/**
 * JWT verification (shared secret or an identity provider's JWKS), the dev login, socket tickets, revocations and
 * the upgrade decision, and the dev login's refresh-token sign-ins. Global, so the gateway can renew and revoke
 * sessions with it. Pass `ticketStore`, `revocationStore` and `refreshTokenStore` providers to share them between
 * nodes; the defaults keep them in this process.
 */
@Module({})
export class AuthModule {
  static forRoot(
    options: AuthOptions,
    ticketStore: Provider = { provide: TICKET_STORE, useValue: new InMemoryTicketStore() },
    revocationStore: Provider = { provide: REVOCATION_STORE, useValue: new InMemoryRevocationStore() },
    refreshTokenStore: Provider = { provide: REFRESH_TOKEN_STORE, useValue: new InMemoryRefreshTokenStore() },
  ): DynamicModule {
    const exported = [
      AUTH_OPTIONS,
      TicketsService,
      TicketUpgradeAuthorizer,
      JwtAuthGuard,
      RevocationList,
      RefreshSessions,
    ];
    return {
      module: AuthModule,
      global: true,
      imports: [
        PassportModule,
        JwtModule.register({
          secret: options.jwtSecret,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: options.devLogin
        ? [DevLoginController, RefreshController, TicketController]
        : [TicketController],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        ticketStore,
        revocationStore,
        refreshTokenStore,
        TicketsService,
        RefreshSessions,
        AccessTokenIssuer,
        RevocationList,
        AccessTokenKeys,
        JwtStrategy,
        JwtAuthGuard,
        TicketUpgradeAuthorizer,
      ],
      exports: exported,
    };
  }
}

import {
  Body,
  Controller,
  HttpCode,
  Module,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import {
  AuthModule,
  JwtAuthGuard,
  RefreshSessions,
  TicketsService,
  verifyDevUser,
  type AuthenticatedUser,
} from '@pulse/auth';
import { LoginRequest, REFRESH_COOKIE } from '@pulse/protocol';
import { serialize } from 'cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccessTokenIssuer } from '../../../libs/auth/src/lib/jwt/access-token.issuer';
import { TypeBoxBodyPipe } from '../../../libs/auth/src/lib/http/typebox-body.pipe';

/** Express' `Response` is the Node response itself; Fastify's `FastifyReply` wraps it as `raw`. */
type EitherResponse = ServerResponse | { raw: ServerResponse; hijack(): void };

/** The Node response under either adapter's object, taken over from Fastify so that it sends nothing itself. */
function nodeResponse(response: EitherResponse): ServerResponse {
  if (!('raw' in response)) return response;
  response.hijack();
  return response.raw;
}

function sendJson(response: EitherResponse, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  nodeResponse(response)
    .writeHead(200, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
    })
    .end(json);
}

/**
 * `POST /auth/login` (dev users) and `POST /auth/ticket` doing what the app's `DevLoginController` and
 * `TicketController` do (body check, token, refresh sign-in and cookie; bearer guard, ticket), written once for
 * both adapters: the answer goes to the Node response directly, as the app's ticket answer already does, so the
 * difference measured is the adapter's request path (routing, body parsing, Nest's context, guard, pipe).
 */
@Controller('auth')
class AdapterNeutralAuthController {
  constructor(
    private readonly accessTokens: AccessTokenIssuer,
    private readonly sessions: RefreshSessions,
    private readonly tickets: TicketsService,
  ) {}

  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new TypeBoxBodyPipe(LoginRequest)) body: LoginRequest,
    @Res() response: EitherResponse,
  ): Promise<void> {
    const user = verifyDevUser(body.username, body.password);
    if (!user) throw new UnauthorizedException('unknown user or wrong password');
    const issued = await this.accessTokens.issue(user);
    const refresh = await this.sessions.start(user);
    sendJson(response, issued, {
      'Set-Cookie': serialize(REFRESH_COOKIE.name, refresh, {
        httpOnly: true,
        sameSite: 'strict',
        path: REFRESH_COOKIE.path,
        secure: false,
        maxAge: this.sessions.ttlSeconds,
      }),
      'Cache-Control': 'no-store',
    });
  }

  @Post('ticket')
  @HttpCode(200)
  @UseGuards(JwtAuthGuard)
  async ticket(
    @Req() request: IncomingMessage & { user: AuthenticatedUser },
    @Res() response: EitherResponse,
  ): Promise<void> {
    const origin = request.headers.origin;
    const user = request.user;
    sendJson(response, await this.tickets.issue(origin ? { user, origin } : { user }));
  }
}

const auth = AuthModule.forRoot({
  jwtSecret: process.env['JWT_SECRET'] ?? 'auth-http-bench-secret-auth-http-bench',
  accessTokenTtlSeconds: 3600,
  ticketTtlSeconds: 30,
  devLogin: true,
  allowedOrigins: [],
});

/** The auth module's providers (in memory) with the adapter-neutral controllers in place of its Express ones. */
@Module({ imports: [{ ...auth, controllers: [AdapterNeutralAuthController] }] })
export class AuthHttpBenchModule {}

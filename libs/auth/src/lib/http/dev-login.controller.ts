import { Body, Controller, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { LoginRequest, type LoginResponse } from '@pulse/protocol';
import { verifyDevUser } from '../dev-users/dev-users';
import { AccessTokenIssuer } from '../jwt/access-token.issuer';
import { RefreshSessions } from '../refresh/refresh-sessions.service';
import type { HttpRequest, HttpResponse } from './node-http';
import { setRefreshCookie } from './refresh-cookie';
import { TypeBoxBodyPipe } from './typebox-body.pipe';

/** `POST /auth/login` for the dev users. Registered only when the dev login is on. */
@Controller('auth')
export class DevLoginController {
  constructor(
    private readonly accessTokens: AccessTokenIssuer,
    private readonly sessions: RefreshSessions,
  ) {}

  /** A short-lived access token in the body, and the refresh token of a new sign-in in the `pulse_refresh` cookie. */
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new TypeBoxBodyPipe(LoginRequest)) body: LoginRequest,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<LoginResponse> {
    const user = verifyDevUser(body.username, body.password);
    if (!user) throw new UnauthorizedException('unknown user or wrong password');
    const issued = await this.accessTokens.issue(user);
    setRefreshCookie(request, response, await this.sessions.start(user), this.sessions.ttlSeconds);
    return issued;
  }
}

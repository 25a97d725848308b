import {
  Controller,
  ForbiddenException,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import type { RefreshResponse } from '@pulse/protocol';
import { AUTH_OPTIONS, type AuthOptions } from '../auth-options';
import { AccessTokenIssuer } from '../jwt/access-token.issuer';
import { RefreshSessions } from '../refresh/refresh-sessions.service';
import type { HttpRequest, HttpResponse } from './node-http';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';

/**
 * `POST /auth/refresh` and `POST /auth/logout`, driven by the `pulse_refresh` cookie alone (no bearer token: the
 * access token may be gone or expired). Registered with the dev login, the only place sign-ins start.
 */
@Controller('auth')
export class RefreshController {
  constructor(
    private readonly accessTokens: AccessTokenIssuer,
    private readonly sessions: RefreshSessions,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /** Rotates: the presented refresh token is spent, the cookie gets the next one, the body a fresh access token. */
  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<RefreshResponse> {
    this.requireAllowedOrigin(request);
    const presented = readRefreshCookie(request);
    const refreshed = presented ? await this.sessions.rotate(presented) : null;
    if (!refreshed) {
      clearRefreshCookie(request, response);
      throw new UnauthorizedException('no valid refresh token; sign in again');
    }
    setRefreshCookie(request, response, refreshed.token, this.sessions.ttlSeconds);
    const issued = await this.accessTokens.issue(refreshed.user);
    return { ...issued, user: { id: refreshed.user.id, name: refreshed.user.name } };
  }

  /** Ends the cookie's sign-in and clears the cookie. */
  @Post('logout')
  @HttpCode(204)
  async logout(
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<void> {
    this.requireAllowedOrigin(request);
    const presented = readRefreshCookie(request);
    if (presented) await this.sessions.end(presented);
    clearRefreshCookie(request, response);
  }

  /** The cookie is SameSite=Strict; a same-site page of another origin is still refused, as at the upgrade. */
  private requireAllowedOrigin(request: HttpRequest): void {
    const origin = request.headers.origin;
    if (origin && this.options.allowedOrigins.length > 0 && !this.options.allowedOrigins.includes(origin)) {
      throw new ForbiddenException('origin not allowed');
    }
  }
}

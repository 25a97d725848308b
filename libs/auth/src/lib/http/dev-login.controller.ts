import { Body, Controller, HttpCode, Inject, Post, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LoginRequest, type LoginResponse } from '@pulse/protocol';
import { AUTH_OPTIONS, type AuthOptions } from '../auth-options';
import { verifyDevUser } from '../dev-users/dev-users';
import { TypeBoxBodyPipe } from './typebox-body.pipe';

/** `POST /auth/login` for the dev users. Registered only when the dev login is on. */
@Controller('auth')
export class DevLoginController {
  constructor(
    private readonly jwt: JwtService,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  @Post('login')
  @HttpCode(200)
  async login(@Body(new TypeBoxBodyPipe(LoginRequest)) body: LoginRequest): Promise<LoginResponse> {
    const user = verifyDevUser(body.username, body.password);
    if (!user) throw new UnauthorizedException('unknown user or wrong password');
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, name: user.name, roles: user.roles },
      {
        expiresIn: this.options.accessTokenTtlSeconds,
        algorithm: 'HS256',
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.options.accessTokenTtlSeconds };
  }
}

import { BadRequestException, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '@pulse/auth';
import { RevocationService, Roles, type Revocation } from '@pulse/gateway';

const MAX_USER_ID_LENGTH = 128;

/** Administration over HTTP. Every route needs a bearer token with the role `admin`. */
@Controller('admin')
@UseGuards(JwtAuthGuard)
export class AdminController {
  constructor(private readonly revocations: RevocationService) {}

  /**
   * `POST /admin/users/:id/revoke`: closes all of the user's sockets on every node (4003) and voids the tokens and
   * tickets they hold; a fresh login works again.
   */
  @Post('users/:id/revoke')
  @HttpCode(200)
  @Roles('admin')
  revoke(@Param('id') id: string): Promise<Revocation> {
    if (id.length === 0 || id.length > MAX_USER_ID_LENGTH) throw new BadRequestException('user id must be 1-128 characters');
    return this.revocations.revoke(id);
  }
}

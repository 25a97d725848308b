import { BadRequestException, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard } from '@pulse/auth';
import { NodeLiveness, RevocationService, Roles } from '@pulse/gateway';
import {
  MAX_ADMIN_USER_ID_LENGTH,
  type ClusterNodesResponse,
  type RevocationResponse,
} from '@pulse/protocol';

/** Administration over HTTP. Every route needs a bearer token with the role `admin`. */
@Controller('admin')
@UseGuards(JwtAuthGuard)
export class AdminController {
  constructor(
    private readonly revocations: RevocationService,
    private readonly liveness: NodeLiveness,
  ) {}

  /** `GET /admin/nodes`: the nodes alive now, from their liveness records. */
  @Get('nodes')
  @Roles('admin')
  async nodes(): Promise<ClusterNodesResponse> {
    return { nodes: await this.liveness.nodes() };
  }

  /**
   * `POST /admin/users/:id/revoke`: closes all of the user's sockets on every node (4003) and voids the tokens and
   * tickets they hold; a fresh login works again.
   */
  @Post('users/:id/revoke')
  @HttpCode(200)
  @Roles('admin')
  revoke(@Param('id') id: string): Promise<RevocationResponse> {
    if (id.length === 0 || id.length > MAX_ADMIN_USER_ID_LENGTH)
      throw new BadRequestException(`user id must be 1-${MAX_ADMIN_USER_ID_LENGTH} characters`);
    return this.revocations.revoke(id);
  }
}

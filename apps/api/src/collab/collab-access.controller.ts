import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  Param,
  Req,
  UseGuards,
} from '@nestjs/common';
import { JwtAuthGuard, type AuthenticatedUser } from '@pulse/auth';
import type { DocumentAccessResponse } from '@pulse/protocol';
import type { FastifyRequest } from 'fastify';
import { DOCUMENT_POLICY, type DocumentPolicy } from './document-access.policy';
import { documentNameOf } from './document-name';

/**
 * `GET /collab/:document/access`: what the signed-in user may do with a document, as the same policy decides it
 * for the socket, so an editor can open read-only before the first refused edit.
 */
@Controller('collab')
export class CollabAccessController {
  constructor(@Inject(DOCUMENT_POLICY) private readonly policy: DocumentPolicy) {}

  @Get(':document/access')
  @UseGuards(JwtAuthGuard)
  async access(
    @Param('document') raw: string,
    @Req() request: FastifyRequest & { user: AuthenticatedUser },
  ): Promise<DocumentAccessResponse> {
    const document = documentNameOf(encodeURIComponent(raw));
    if (document === null) throw new BadRequestException('not a document name');
    const access = await this.policy.accessOf(request.user, document);
    if (access === 'none') throw new ForbiddenException('no access to this document');
    return { document, access };
  }
}

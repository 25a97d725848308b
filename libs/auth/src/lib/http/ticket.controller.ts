import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { TicketResponse } from '@pulse/protocol';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../authenticated-user';
import { JwtAuthGuard } from '../jwt/jwt-auth.guard';
import { TicketsService } from '../tickets/tickets.service';

/** `POST /auth/ticket`: trades a bearer token for a short-lived, single-use socket ticket. */
@Controller('auth')
export class TicketController {
  constructor(private readonly tickets: TicketsService) {}

  @Post('ticket')
  @HttpCode(200)
  @UseGuards(JwtAuthGuard)
  issue(@Req() request: Request): Promise<TicketResponse> {
    const user = request.user as AuthenticatedUser;
    const origin = request.headers.origin;
    return this.tickets.issue(origin ? { user, origin } : { user });
  }
}

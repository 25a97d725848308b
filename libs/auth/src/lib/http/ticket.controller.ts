import {
  Controller,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { TicketResponse } from '@pulse/protocol';
import { AUTH_OPTIONS, resolveAuthOptions, type AuthOptions } from '../auth-options';
import type { AuthenticatedUser } from '../authenticated-user';
import { JwtAuthGuard } from '../jwt/jwt-auth.guard';
import { KeyedTokenBuckets } from '../rate-limit/keyed-token-buckets';
import { TicketsService } from '../tickets/tickets.service';
import { nodeResponseOf, takeOverResponse, type HttpRequest, type HttpResponse } from './node-http';

/** Users whose ticket budget is remembered at once (a full budget is forgotten first). */
const MAX_TRACKED_USERS = 100_000;

/**
 * `POST /auth/ticket`: trades a bearer token for a short-lived, single-use socket ticket, bound to the user and
 * to the request's `Origin`. Each user has a budget of tickets per minute on this node; past it, 429.
 */
@Controller('auth')
export class TicketController {
  private readonly budgets: KeyedTokenBuckets | null;

  constructor(
    private readonly tickets: TicketsService,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    const perMinute = resolveAuthOptions(options).ticketsPerMinute;
    this.budgets =
      perMinute > 0
        ? new KeyedTokenBuckets({
            capacity: perMinute,
            refillPerSecond: perMinute / 60,
            maxKeys: MAX_TRACKED_USERS,
          })
        : null;
  }

  @Post('ticket')
  @HttpCode(200)
  @UseGuards(JwtAuthGuard)
  async issue(
    @Req() request: HttpRequest & { user: AuthenticatedUser },
    @Res() response: HttpResponse,
  ): Promise<void> {
    const user = request.user;
    if (this.budgets && !this.budgets.take(user.id)) {
      nodeResponseOf(response).setHeader(
        'Retry-After',
        String(Math.max(1, Math.ceil(this.budgets.msUntil(user.id) / 1000))),
      );
      throw new HttpException('too many tickets; retry later', HttpStatus.TOO_MANY_REQUESTS);
    }
    const origin = request.headers.origin;
    const issued: TicketResponse = await this.tickets.issue(origin ? { user, origin } : { user });
    sendJson(response, issued);
  }
}

/**
 * The answer, written straight to the socket: Express' `res.json` would also hash the body for an ETag, which a
 * single-use ticket has no use for, and that was a noticeable share of each ticket request. Under Fastify the
 * reply is taken over, so it sends nothing of its own.
 */
function sendJson(response: HttpResponse, body: TicketResponse): void {
  const json = JSON.stringify(body);
  takeOverResponse(response)
    .writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
    })
    .end(json);
}

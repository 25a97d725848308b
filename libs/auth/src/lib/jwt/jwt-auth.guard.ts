import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { JWT_STRATEGY } from './jwt.strategy';

/** Lets an HTTP request through only with a valid `Authorization: Bearer <jwt>`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard(JWT_STRATEGY) {}

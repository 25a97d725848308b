import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';

/** Validates a request body against a protocol schema; a bad body is a 400 naming the field, never echoing it. */
export class TypeBoxBodyPipe<S extends TSchema> implements PipeTransform<unknown, Static<S>> {
  private readonly check: TypeCheck<S>;

  constructor(schema: S) {
    this.check = TypeCompiler.Compile(schema);
  }

  transform(value: unknown): Static<S> {
    if (this.check.Check(value)) return value;
    const first = this.check.Errors(value).First();
    const field = first && first.path !== '' ? `field "${first.path.slice(1)}"` : 'body';
    throw new BadRequestException(`${field}: ${first ? first.message.toLowerCase() : 'invalid'}`);
  }
}

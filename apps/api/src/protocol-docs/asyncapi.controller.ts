import { Controller, Get, Header } from '@nestjs/common';
import { buildAsyncApiDocument } from '@pulse/protocol';

/** The AsyncAPI 3.0 description of the socket protocol, generated from the registry at boot (never by hand). */
@Controller()
export class AsyncApiController {
  private readonly document = JSON.stringify(buildAsyncApiDocument());

  @Get('asyncapi.json')
  @Header('content-type', 'application/json; charset=utf-8')
  asyncApi(): string {
    return this.document;
  }
}

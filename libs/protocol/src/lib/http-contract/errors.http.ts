import { Type, type Static } from '@sinclair/typebox';

/** The body of every HTTP error the API answers (NestJS' `HttpException` shape). It never quotes the request. */
export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer({ minimum: 400, maximum: 599, description: 'The HTTP status again' }),
    message: Type.Union([Type.String(), Type.Array(Type.String())], {
      description: 'What went wrong, for a person',
    }),
    error: Type.Optional(Type.String({ description: "The status' reason phrase, such as Unauthorized" })),
  },
  { description: 'An HTTP error' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

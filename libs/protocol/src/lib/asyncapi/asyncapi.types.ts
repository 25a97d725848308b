/** The subset of AsyncAPI 3.0.0 that `buildAsyncApiDocument` produces, typed so the document is plain JSON. */

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A JSON Schema (draft 07, which AsyncAPI's default schema format extends) as plain JSON: no symbols. */
export interface JsonSchema {
  readonly [keyword: string]: JsonValue;
}

/** A JSON Reference to another part of the same document, such as `#/components/messages/clientJoin`. */
export interface Reference {
  readonly $ref: string;
}

export interface AsyncApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  /** The wire protocol's version, whatever `version` the document was given. */
  readonly 'x-pulse-protocol': string;
}

export interface AsyncApiServer {
  /** `host[:port]`. */
  readonly host: string;
  readonly protocol: 'ws' | 'wss';
  /** The prefix the channel addresses are relative to, when the API is not served at the root. */
  readonly pathname?: string;
  readonly description: string;
}

/** The `ws` channel binding (bindingVersion 0.1.0): what goes into the upgrade request. */
export interface WebSocketChannelBinding {
  readonly method: 'GET';
  readonly query: JsonSchema;
  readonly bindingVersion: '0.1.0';
}

export interface AsyncApiChannel {
  readonly address: string;
  readonly title: string;
  readonly description: string;
  readonly servers?: readonly Reference[];
  readonly messages: Readonly<Record<string, Reference>>;
  readonly bindings: { readonly ws: WebSocketChannelBinding };
}

export interface AsyncApiOperation {
  readonly action: 'send' | 'receive';
  readonly channel: Reference;
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  /** References to the channel's messages (AsyncAPI 3 requires them to point into the channel). */
  readonly messages: readonly Reference[];
}

export interface AsyncApiCorrelationId {
  readonly description: string;
  readonly location: string;
}

export interface AsyncApiMessage {
  /** The message's `type`, which is also its Socket.IO event name. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly contentType: 'application/json';
  readonly payload: Reference;
  readonly correlationId?: AsyncApiCorrelationId;
}

export interface AsyncApiDocument {
  readonly asyncapi: '3.0.0';
  readonly info: AsyncApiInfo;
  readonly defaultContentType: 'application/json';
  readonly servers?: Readonly<Record<string, AsyncApiServer>>;
  readonly channels: Readonly<Record<string, AsyncApiChannel>>;
  readonly operations: { readonly send: AsyncApiOperation; readonly receive: AsyncApiOperation };
  readonly components: {
    readonly messages: Readonly<Record<string, AsyncApiMessage>>;
    readonly schemas: Readonly<Record<string, JsonSchema>>;
  };
}

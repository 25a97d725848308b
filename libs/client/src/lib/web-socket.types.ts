/** The part of the WHATWG WebSocket the client uses; the browser's `WebSocket` and the `ws` package both fit. */
export interface PulseSocket {
  readonly readyState: number;
  /** Set to 'arraybuffer' for the MessagePack encoding, so binary frames arrive as bytes in browsers too. */
  binaryType?: string;
  send(data: string | Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  addEventListener(
    type: 'close',
    listener: (event: { readonly code: number; readonly reason: string }) => void,
  ): void;
  addEventListener(type: 'error', listener: () => void): void;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => PulseSocket;

/** A signed-in user: who, and the access token that buys socket tickets. */
export interface Session {
  readonly username: string;
  readonly accessToken: string;
}

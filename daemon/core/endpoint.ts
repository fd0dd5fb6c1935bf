/** Where the daemon listens. */
export interface Endpoint {
  host: string;
  port: number;
  /** ws://host:port/ */
  ws: string;
  /** http://host:port/mcp */
  http: string;
}

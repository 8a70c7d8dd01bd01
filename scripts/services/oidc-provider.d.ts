// oidc-provider ships no types; this covers what scripts/services/oidc.ts uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  type Claims = Record<string, unknown> & { sub: string }
  interface Account {
    accountId: string
    claims(): Claims | Promise<Claims>
  }
  interface Interaction {
    uid: string
    prompt: { name: string }
    params: Record<string, unknown>
  }
  interface Grant {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    save(): Promise<string>
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    proxy: boolean
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: Record<string, unknown>,
    ): Promise<void>
    Grant: new (properties: { accountId: string; clientId: string }) => Grant
    on(event: string, listener: (...args: unknown[]) => void): void
  }
  export type { Account }
}

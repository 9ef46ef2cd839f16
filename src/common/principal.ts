import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { BlockList } from 'node:net';
import type { PlanName } from './vocabulary.js';
import type { Role } from './scopes.js';
import type { TenantId } from './tenant-id.js';

/** An application authenticated by an API key. */
export interface KeyPrincipal {
  readonly type: 'api_key';
  readonly tenantId: TenantId;
  readonly keyId: string;
  readonly projectId: string;
  readonly environmentId: string;
  readonly keyPrefix: string;
  readonly scopes: readonly string[];
  /** `scopes` expanded (rules §2). */
  readonly grants: ReadonlySet<string>;
  readonly expiresAt: Date | null;
  /** The key's own requests/minute (`rate_limit`), at most the tenant's. */
  readonly rateLimitRpm: number | null;
  /** The tenant's plan (rules §7). */
  readonly plan: PlanName;
  /** The tenant's IP allow-list, parsed (null: no restriction). */
  readonly allowedIps: BlockList | null;
  /** The tenant's effective limits: operator custom limits, else the plan's. */
  readonly limits: { readonly requestsPerMinute: number; readonly searchPerMinute: number };
}

/** A person authenticated by a portal JWT; `role` is read from the membership, not the token. */
export interface UserPrincipal {
  readonly type: 'user';
  readonly tenantId: TenantId;
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
}

export type Principal = KeyPrincipal | UserPrincipal;

/** Who is calling, from where: what services and the audit trail need about a request. */
export interface Caller {
  readonly principal: Principal;
  readonly ip: string;
  readonly userAgent: string | null;
}

/** Caller of a public route (no principal). */
export interface Origin {
  readonly ip: string;
  readonly userAgent: string | null;
}

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
  /** Rate-limit state of this API-key request (set by the guard). */
  rateLimit?: { limit: number; remaining: number; resetSeconds: number };
}

export function originOf(request: FastifyRequest): Origin {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null };
}

/** The authenticated caller of this request (set by the global AuthGuard). */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentCaller used on a route without authentication');
  return { principal: request.principal, ...originOf(request) };
});

/** IP and user agent of a request, for public routes. */
export const CurrentOrigin = createParamDecorator((_data: unknown, ctx: ExecutionContext): Origin =>
  originOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);

export function actorOf(principal: Principal): { type: 'user' | 'api_key'; id: string } {
  return principal.type === 'user'
    ? { type: 'user', id: principal.userId }
    : { type: 'api_key', id: principal.keyId };
}

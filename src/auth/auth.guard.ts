import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import passport from 'passport';
import { KeyUsageService } from '../api-keys/key-usage.service.js';
import { ApiError } from '../common/api-error.js';
import { AUTH_METADATA, type AuthRequirement } from '../common/auth.decorator.js';
import type { AuthenticatedRequest, Principal } from '../common/principal.js';
import { missingScopes, roleAtLeast } from '../common/scopes.js';
import { Metrics } from '../metrics/metrics.service.js';
import { RateLimitService } from '../usage/rate-limit.service.js';
import { ApiKeyVerifier } from './api-key-verifier.service.js';
import { bearerToken } from '../common/bearer.js';

type Credential = { kind: 'api_key'; key: string } | { kind: 'jwt' };

/**
 * Which credential the request carries, from its headers alone, read once. An API key comes from
 * `X-Api-Key: sk_...` or `Authorization: Bearer sk_...` (the scheme in any case, ./bearer.ts): this is
 * the only place a key is read.
 */
export function readCredential(headers: AuthenticatedRequest['headers']): Credential | null {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return { kind: 'api_key', key: apiKey.trim() };
  const authorization = headers.authorization;
  if (typeof authorization !== 'string' || authorization.length === 0) return null;
  const token = bearerToken(authorization);
  if (token === null) {
    throw ApiError.unauthorized(
      'unauthenticated',
      'Send "Authorization: Bearer <token>" or "X-Api-Key: <key>".',
    );
  }
  // passport-jwt reads the token itself (its scheme match ignores case too).
  return token.startsWith('sk_') ? { kind: 'api_key', key: token } : { kind: 'jwt' };
}

/** Portal sessions go through passport-jwt (HS256 pinned in the strategy). */
function authenticateSession(request: AuthenticatedRequest, reply: FastifyReply): Promise<Principal> {
  return new Promise((resolve, reject) => {
    const callback = (error: unknown, principal: Principal | false, info: unknown) => {
      // Not only ApiErrors: a database outage must stay a 503, not become a 401.
      if (error)
        return reject(error instanceof Error ? error : new Error('authentication failed', { cause: error }));
      if (principal) return resolve(principal);
      const expired = (info as { name?: string } | undefined)?.name === 'TokenExpiredError';
      reject(
        ApiError.unauthorized(
          'invalid_token',
          expired ? 'The session token has expired.' : 'The session token is invalid.',
        ),
      );
    };
    const middleware = passport.authenticate('jwt', { session: false }, callback) as (
      req: AuthenticatedRequest,
      res: FastifyReply,
      next: (error: unknown) => void,
    ) => void;
    middleware(request, reply, reject);
  });
}

/**
 * The one global guard. Every route declares its rule with @Auth(...) or @Public(); a route
 * without one is refused (secure by default, and a test walks every route).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');
  /** Reflection once per handler, not once per request. */
  private readonly requirements = new WeakMap<object, AuthRequirement | null>();

  constructor(
    private readonly reflector: Reflector,
    private readonly rateLimits: RateLimitService,
    private readonly keys: ApiKeyVerifier,
    private readonly keyUsage: KeyUsageService,
    private readonly metrics: Metrics,
  ) {}

  private requirementOf(context: ExecutionContext): AuthRequirement | null {
    const handler = context.getHandler();
    let requirement = this.requirements.get(handler);
    if (requirement === undefined) {
      requirement =
        this.reflector.getAllAndOverride<AuthRequirement>(AUTH_METADATA, [handler, context.getClass()]) ??
        null;
      this.requirements.set(handler, requirement);
    }
    return requirement;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const requirement = this.requirementOf(context);
    if (!requirement) {
      this.logger.error(
        `route ${context.getClass().name}.${context.getHandler().name} declares no @Auth/@Public`,
      );
      throw ApiError.forbidden('This route declares no access rule.');
    }
    if (requirement.public) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const credential = readCredential(request.headers);
    if (!credential) {
      if (requirement.anonymous) return true;
      this.metrics.authAttempt('none', 'missing');
      throw ApiError.unauthorized('unauthenticated', 'Authentication required.');
    }

    if (credential.kind === 'api_key') {
      if (!requirement.scopes && !requirement.refuseApiKeys) {
        this.metrics.authAttempt('api_key', 'wrong_credential');
        throw ApiError.unauthorized(
          'invalid_token',
          'This endpoint takes a portal session token (JWT), not an API key.',
        );
      }
      // The hot path calls the verifier itself rather than passport.authenticate: passport's per-request
      // middleware (closures, Object.create of the strategy, a RegExp compiled per request) was a sixth
      // of a whoami's CPU (bench/README.md, "Where the time went").
      // Synchronous when the key is cached; awaited only when it is not.
      const verified = this.keys.verify(credential.key);
      const principal = verified instanceof Promise ? await verified : verified;
      // Before rate limiting: calls from outside the allow-list must not spend the tenant's budget.
      this.keys.assertIpAllowed(principal, request.ip);
      this.metrics.authAttempt('api_key', 'ok');
      // Per-key usage: counted in memory (written in batches), rejected when the limiter refuses.
      try {
        const limited = this.rateLimits.consumeRequest(principal, http.getResponse<FastifyReply>());
        request.rateLimit = limited instanceof Promise ? await limited : limited;
      } catch (error) {
        this.keyUsage.recordRejected(principal.keyId);
        throw error;
      }
      this.keyUsage.recordRequest(principal.keyId);
      if (requirement.refuseApiKeys || !requirement.scopes) {
        throw ApiError.forbidden('API keys may not call this endpoint; use a portal session.');
      }
      if (missingScopes(principal.grants, requirement.scopes).length > 0) {
        throw ApiError.forbidden(
          `This API key lacks the scope ${requirement.scopes.join(', ')}.`,
          'insufficient_scope',
          {
            required_scopes: requirement.scopes,
          },
        );
      }
      request.principal = principal;
      return true;
    }

    if (!requirement.role) {
      this.metrics.authAttempt('jwt', 'wrong_credential');
      throw ApiError.unauthorized('invalid_key', 'This endpoint takes an API key.');
    }
    let principal: Principal;
    try {
      principal = await authenticateSession(request, http.getResponse<FastifyReply>());
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === 401)
        this.metrics.authAttempt('jwt', error.detail.includes('expired') ? 'expired' : 'invalid');
      throw error;
    }
    this.metrics.authAttempt('jwt', 'ok');
    if (principal.type === 'user' && !roleAtLeast(principal.role, requirement.role)) {
      throw ApiError.forbidden(`This needs the ${requirement.role} role or above.`);
    }
    request.principal = principal;
    return true;
  }
}

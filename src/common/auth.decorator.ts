import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiExtension,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorDto } from './error.dto.js';
import type { Role, Scope } from './scopes.js';

export const AUTH_METADATA = 'cistern:auth';

/** OpenAPI security scheme names (registered in the document builder). */
export const SECURITY = {
  apiKeyBearer: 'ApiKeyBearer',
  apiKeyHeader: 'ApiKeyHeader',
  portalJwt: 'PortalJwt',
} as const;

export interface AuthOptions {
  /** API keys are accepted when this is given; the key must hold all of these scopes ([] = any valid key). */
  scopes?: Scope[];
  /** Portal JWTs are accepted when this is given; the member's role must be at least this one. */
  role?: Role;
  /** Refuse every API key with 403 `forbidden`, whatever its scopes (rules §1, PATCH /settings/**). */
  refuseApiKeys?: boolean;
  /**
   * A request without any credential passes too, with no principal (the MCP door, rules §10: without a
   * key only open_search). A credential that is sent is verified as on every other route.
   */
  anonymous?: boolean;
}

export interface AuthRequirement {
  readonly public: boolean;
  readonly scopes?: readonly Scope[];
  readonly role?: Role;
  readonly refuseApiKeys: boolean;
  readonly anonymous?: boolean;
}

/**
 * Declares who may call a route: drives the global AuthGuard and the route's OpenAPI security,
 * so the docs and the enforcement cannot disagree.
 */
export function Auth(options: AuthOptions): MethodDecorator & ClassDecorator {
  if (!options.scopes && !options.role) throw new Error('@Auth needs scopes, a role, or both');
  const requirement: AuthRequirement = {
    public: false,
    scopes: options.scopes,
    role: options.role,
    refuseApiKeys: options.refuseApiKeys ?? false,
    ...(options.anonymous ? { anonymous: true } : {}),
  };
  const decorators: Array<ClassDecorator | MethodDecorator | PropertyDecorator> = [
    SetMetadata(AUTH_METADATA, requirement),
  ];
  const who: string[] = [];
  if (options.scopes) {
    decorators.push(ApiSecurity(SECURITY.apiKeyBearer), ApiSecurity(SECURITY.apiKeyHeader));
    who.push(options.scopes.length ? `API key with scope ${options.scopes.join(', ')}` : 'any valid API key');
  }
  if (options.role) {
    decorators.push(ApiSecurity(SECURITY.portalJwt));
    who.push(`portal session (JWT) with role ${options.role} or above`);
  }
  decorators.push(
    ApiExtension('x-cistern-auth', {
      ...(options.scopes ? { scopes: options.scopes } : {}),
      ...(options.role ? { min_role: options.role } : {}),
    }),
    ApiUnauthorizedResponse({ type: ErrorDto, description: `Needs: ${who.join(' or ')}.` }),
    ApiForbiddenResponse({ type: ErrorDto, description: 'Authenticated but not allowed.' }),
  );
  if (options.scopes)
    decorators.push(ApiTooManyRequestsResponse({ type: ErrorDto, description: 'Rate limited.' }));
  return applyDecorators(...decorators);
}

/** A route anyone may call without a credential. */
export function Public(): MethodDecorator & ClassDecorator {
  const requirement: AuthRequirement = { public: true, refuseApiKeys: false };
  return applyDecorators(SetMetadata(AUTH_METADATA, requirement));
}

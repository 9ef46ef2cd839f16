import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { ApiError } from '../../common/api-error.js';
import type { KeyPrincipal } from '../../common/principal.js';
import { ApiKeyVerifier } from '../api-key-verifier.service.js';
import { bearerToken } from '../bearer.js';

/**
 * `Authorization: Bearer sk_...`, the scheme in any case like the guard: the whole header is taken
 * (passport-headerapikey's own prefix match is case-sensitive) and its scheme read by bearerToken.
 */
@Injectable()
export class ApiKeyBearerStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key-bearer') {
  constructor(private readonly verifier: ApiKeyVerifier) {
    super({ header: 'Authorization', prefix: '' }, false);
  }

  validate(authorization: string): KeyPrincipal | Promise<KeyPrincipal> {
    const apiKey = bearerToken(authorization);
    if (apiKey === null) {
      throw ApiError.unauthorized('unauthenticated', 'Send "Authorization: Bearer <key>".');
    }
    return this.verifier.verify(apiKey);
  }
}

/** `X-Api-Key: sk_...` */
@Injectable()
export class ApiKeyHeaderStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key-header') {
  constructor(private readonly verifier: ApiKeyVerifier) {
    super({ header: 'X-Api-Key', prefix: '' }, false);
  }

  validate(apiKey: string): KeyPrincipal | Promise<KeyPrincipal> {
    return this.verifier.verify(apiKey.trim());
  }
}

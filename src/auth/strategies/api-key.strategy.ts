import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import type { KeyPrincipal } from '../../common/principal.js';
import { ApiKeyVerifier } from '../api-key-verifier.service.js';

/** `Authorization: Bearer sk_...` */
@Injectable()
export class ApiKeyBearerStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key-bearer') {
  constructor(private readonly verifier: ApiKeyVerifier) {
    super({ header: 'Authorization', prefix: 'Bearer ' }, false);
  }

  validate(apiKey: string): KeyPrincipal | Promise<KeyPrincipal> {
    return this.verifier.verify(apiKey.trim());
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

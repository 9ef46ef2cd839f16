import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { UserPrincipal } from '../../common/principal.js';
import { AppConfig } from '../../config/app-config.js';
import { SessionTokens, type SessionClaims } from '../session-tokens.service.js';

/** Portal JWT: HS256 pinned (no `none`, no RS/HS confusion), expiry required. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly sessions: SessionTokens,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      jsonWebTokenOptions: { algorithms: ['HS256'], clockTolerance: 0 },
    });
  }

  validate(payload: Partial<SessionClaims>): Promise<UserPrincipal> {
    return this.sessions.verify(payload);
  }
}

import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'accent';

const TONES: Record<string, Tone> = {
  active: 'success',
  indexed: 'success',
  completed: 'success',
  delivered: 'success',
  sent: 'success',
  accepted: 'success',
  live: 'accent',
  grace: 'warning',
  pending: 'warning',
  processing: 'info',
  queued: 'info',
  test: 'neutral',
  expired: 'neutral',
  revoked: 'danger',
  failed: 'danger',
  blocked: 'danger',
};

export function Badge({ children, tone }: { children: ReactNode; tone?: Tone }) {
  const resolved = tone ?? (typeof children === 'string' ? (TONES[children] ?? 'neutral') : 'neutral');
  return <span className={`badge badge-${resolved}`}>{children}</span>;
}

import { useId } from 'react';
import { formatCount } from '../format';

/** Used against included, as a native <meter> (warns from 80 %); `included` null means unlimited. */
export function UsageMeter({
  label,
  used,
  included,
  unit,
}: {
  label: string;
  used: number;
  included: number | null;
  unit: string;
}) {
  const id = useId();
  const max = included ?? 0;
  const percent = included ? Math.round((used / included) * 100) : null;
  return (
    <div className="usage-meter">
      <div className="row-between">
        <span className="meter-label" id={id}>
          {label}
        </span>
        <span className="meter-figure">
          {formatCount(used)} {included === null ? unit : `of ${formatCount(included)} ${unit}`}
        </span>
      </div>
      {included !== null && included > 0 ? (
        <meter
          aria-labelledby={id}
          min={0}
          max={max}
          low={max * 0.8}
          high={max * 0.95}
          optimum={0}
          value={Math.min(used, max)}
        />
      ) : (
        <div className="meter-unlimited">
          {included === null ? 'No cap on this plan' : 'Not included in this plan'}
        </div>
      )}
      {percent !== null && <span className="field-hint">{percent} % used</span>}
    </div>
  );
}

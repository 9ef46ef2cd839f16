import type { Registry } from 'prom-client';

/**
 * Counters and histograms for the request path. prom-client hashes the label object on every
 * `inc`/`observe` (also through `labels(...)` children), which cost several µs per request here
 * (bench/README.md); these keep one mutable series object per label combination, found by one Map
 * lookup, and hand prom-client's registry the finished values only when Prometheus scrapes. They
 * register as ordinary metrics (`registerMetric`), so the text format is prom-client's own.
 */
interface MetricValue {
  value: number;
  labels: Record<string, string>;
  metricName?: string;
}

abstract class FastMetric<S> {
  protected readonly series = new Map<string, S>();

  constructor(
    readonly name: string,
    readonly help: string,
    protected readonly labelNames: readonly string[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  protected labelsOf(values: readonly string[]): Record<string, string> {
    const labels: Record<string, string> = {};
    this.labelNames.forEach((name, i) => (labels[name] = values[i]));
    return labels;
  }

  abstract readonly type: 'counter' | 'histogram';
  protected abstract values(): MetricValue[];

  /** What prom-client's registry reads at scrape time. */
  get(): Promise<{ name: string; help: string; type: string; values: MetricValue[]; aggregator: 'sum' }> {
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      values: this.values(),
      aggregator: 'sum',
    });
  }

  reset(): void {
    this.series.clear();
  }
}

interface CounterSeries {
  labels: Record<string, string>;
  value: number;
}

export class FastCounter extends FastMetric<CounterSeries> {
  readonly type = 'counter';

  /** `key` identifies the label values (callers build it from the same values, e.g. joined by '|'). */
  inc(key: string, labelValues: readonly string[], by = 1): void {
    let s = this.series.get(key);
    if (!s) {
      s = { labels: this.labelsOf(labelValues), value: 0 };
      this.series.set(key, s);
    }
    s.value += by;
  }

  protected values(): MetricValue[] {
    return [...this.series.values()].map((s) => ({ value: s.value, labels: s.labels }));
  }
}

export interface HistogramSeries {
  labels: Record<string, string>;
  /** Observations per bucket (not cumulative; the last slot is above the highest bound). */
  counts: Float64Array;
  sum: number;
  count: number;
}

export class FastHistogram extends FastMetric<HistogramSeries> {
  readonly type = 'histogram';

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    super(name, help, labelNames, registry);
  }

  observe(key: string, labelValues: readonly string[], value: number): void {
    this.observeSeries(this.seriesFor(key, labelValues), value);
  }

  /** The series of these label values (callers on the hottest path keep it, to skip even the key). */
  seriesFor(key: string, labelValues: readonly string[]): HistogramSeries {
    let s = this.series.get(key);
    if (!s) {
      s = {
        labels: this.labelsOf(labelValues),
        counts: new Float64Array(this.buckets.length + 1),
        sum: 0,
        count: 0,
      };
      this.series.set(key, s);
    }
    return s;
  }

  observeSeries(s: HistogramSeries, value: number): void {
    let i = 0;
    while (i < this.buckets.length && value > this.buckets[i]) i++;
    s.counts[i]++;
    s.sum += value;
    s.count++;
  }

  protected values(): MetricValue[] {
    const out: MetricValue[] = [];
    for (const s of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += s.counts[i];
        out.push({
          metricName: `${this.name}_bucket`,
          labels: { ...s.labels, le: String(bound) },
          value: cumulative,
        });
      });
      out.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
      out.push({ metricName: `${this.name}_sum`, labels: s.labels, value: s.sum });
      out.push({ metricName: `${this.name}_count`, labels: s.labels, value: s.count });
    }
    return out;
  }
}

import type { Observable, ObservableType, Reason } from '../contract.js';

/**
 * Collects reasons and observables for one message with their bounds: a reason is kept once per
 * dedupe key (code + host or URL) and at most `maxPerCode` times per code; observables are distinct
 * and bounded.
 */
export class FindingsBuilder {
  readonly reasons: Reason[] = [];
  readonly observables: Observable[] = [];
  private readonly reasonKeys = new Set<string>();
  private readonly perCode = new Map<string, number>();
  private readonly counted = new Map<string, { index: number; weight: number }>();
  private readonly observableKeys = new Set<string>();

  constructor(
    private readonly maxPerCode: number,
    private readonly maxObservables: number,
  ) {}

  /**
   * Adds a reason unless one with the same code and key exists or the code is at its bound. A code
   * counts once towards the score, with its heaviest reason: the others are listed with weight 0, so
   * ten IP links weigh what one does.
   */
  reason(reason: Reason, key: string): void {
    const k = `${reason.code}\u0000${key}`;
    if (this.reasonKeys.has(k)) return;
    const n = this.perCode.get(reason.code) ?? 0;
    if (n >= this.maxPerCode) return;
    this.reasonKeys.add(k);
    this.perCode.set(reason.code, n + 1);
    const counted = this.counted.get(reason.code);
    if (counted === undefined || reason.weight > counted.weight) {
      if (counted !== undefined) this.reasons[counted.index] = { ...this.reasons[counted.index]!, weight: 0 };
      this.counted.set(reason.code, { index: this.reasons.length, weight: reason.weight });
      this.reasons.push(reason);
    } else this.reasons.push({ ...reason, weight: 0 });
  }

  observable(type: ObservableType, value: string): void {
    if (this.observables.length >= this.maxObservables) return;
    const k = `${type}\u0000${value}`;
    if (this.observableKeys.has(k)) return;
    this.observableKeys.add(k);
    this.observables.push({ type, value });
  }
}

/** A URL shortened for display in summaries and sources. */
export function clipUrl(url: string, max = 300): string {
  return url.length > max ? `${url.slice(0, max - 1)}…` : url;
}

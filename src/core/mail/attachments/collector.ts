import type { Observable, ObservableType, Reason } from '../contract.js';

/** Where in the message a file sits: the top-level attachment and, inside archives, the member path. */
export interface FileLocation {
  readonly filename: string;
  readonly index: number;
  readonly path: readonly string[];
}

/** The location of a member inside the file at `parent`. */
export function memberOf(parent: FileLocation, member: string): FileLocation {
  return { filename: parent.filename, index: parent.index, path: [...parent.path, member] };
}

/** The name of the file at `location` itself (the innermost member, or the attachment name). */
export function nameAt(location: FileLocation): string {
  return location.path.at(-1) ?? location.filename;
}

/**
 * Collects reasons, observables and URLs for one message, de-duplicated and capped so that a
 * hostile message cannot make the output itself unbounded.
 */
export class FindingsCollector {
  readonly reasons: Reason[] = [];
  readonly observables: Observable[] = [];
  readonly urls: string[] = [];
  private readonly seenObservables = new Set<string>();
  private readonly seenUrls = new Set<string>();
  private readonly seenReasons = new Set<string>();
  private droppedReasons = 0;

  constructor(private readonly maxReasons: number, private readonly maxUrls: number) {}

  /** Adds a reason about the file at `location`; the same code at the same place is kept once. */
  reason(code: string, weight: number, summary: string, location: FileLocation): void {
    const key = `${code}\u0000${location.index}\u0000${location.path.join('\u0000')}`;
    if (this.seenReasons.has(key)) return;
    this.seenReasons.add(key);
    if (this.reasons.length >= this.maxReasons) {
      this.droppedReasons += 1;
      return;
    }
    const source = location.path.length > 0
      ? { kind: 'attachment' as const, filename: location.filename, index: location.index, path: location.path }
      : { kind: 'attachment' as const, filename: location.filename, index: location.index };
    this.reasons.push({ code, weight, summary, source });
  }

  observe(type: ObservableType, value: string): void {
    const key = `${type}:${value}`;
    if (this.seenObservables.has(key)) return;
    this.seenObservables.add(key);
    this.observables.push({ type, value });
  }

  /** Records a link found inside an attachment, for the URL analyser. Returns false when it was dropped. */
  url(value: string): boolean {
    const trimmed = value.trim();
    if (trimmed.length === 0 || trimmed.length > 4096 || this.seenUrls.has(trimmed)) return false;
    if (this.urls.length >= this.maxUrls) return false;
    this.seenUrls.add(trimmed);
    this.urls.push(trimmed);
    return true;
  }

  /** Reasons dropped because of the cap, so the caller can say so once. */
  get dropped(): number {
    return this.droppedReasons;
  }
}

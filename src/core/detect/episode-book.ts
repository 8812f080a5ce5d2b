import { Episode } from './episode.js';

/**
 * The open episodes of one detector, by grouping key. An episode closes once no event has joined
 * it for `gapMs` of event time; closing hands it to `onClose`, which turns it into an alert.
 */
export class EpisodeBook {
  private readonly open = new Map<string, Episode>();
  private lastSweep = -Infinity;

  constructor(
    private readonly gapMs: number,
    private readonly onClose: (key: string, episode: Episode) => void,
  ) {}

  /** The open episode for `key`, if its last event is within the gap of `now`; a stale one is closed first. */
  get(key: string, now: number): Episode | undefined {
    const episode = this.open.get(key);
    if (episode === undefined) return undefined;
    if (now - episode.end <= this.gapMs) return episode;
    this.open.delete(key);
    this.onClose(key, episode);
    return undefined;
  }

  /** Opens a new episode for `key`. */
  start(key: string, start: number, triggeredAt: number): Episode {
    const episode = new Episode(start, triggeredAt);
    this.open.set(key, episode);
    return episode;
  }

  /** Closes episodes idle for longer than the gap; cheap to call on every event. */
  sweep(now: number): void {
    if (now - this.lastSweep < this.gapMs) return;
    this.lastSweep = now;
    for (const [key, episode] of this.open) {
      if (now - episode.end > this.gapMs) {
        this.open.delete(key);
        this.onClose(key, episode);
      }
    }
  }

  /** Closes every open episode (end of input). */
  closeAll(): void {
    const entries = [...this.open];
    this.open.clear();
    for (const [key, episode] of entries) this.onClose(key, episode);
  }
}

import type { EventRoute } from './event-route.js';
import type { FieldAliasesFile } from './format-schema.js';

const MAX_SPELLINGS = 1024;

/**
 * Sigma fields that events of some channel and event ids carry under another name (Security 4688's
 * NewProcessName is process_creation's Image). Channels compare case-insensitively, as Windows does.
 */
export class FieldAliases {
  readonly #byChannel = new Map<string, Map<number, Map<string, string>>>();
  /** Channel names as events spell them → their aliases (null: none), bounded: channel names come from the input. */
  readonly #bySpelling = new Map<string, Map<number, Map<string, string>> | null>();

  constructor(files: readonly FieldAliasesFile[] = []) {
    for (const file of files) {
      for (const alias of file.aliases) {
        for (const channel of alias.channels) {
          const key = channel.toLowerCase();
          let byId = this.#byChannel.get(key);
          if (byId === undefined) this.#byChannel.set(key, (byId = new Map<number, Map<string, string>>()));
          for (const id of alias.eventIds) {
            let fields = byId.get(id);
            if (fields === undefined) byId.set(id, (fields = new Map<string, string>()));
            for (const [field, target] of Object.entries(alias.fields)) fields.set(field, target);
          }
        }
      }
    }
  }

  /** The aliases (Sigma field → event field) of events on `route`, undefined when there are none. */
  forRoute(route: EventRoute): ReadonlyMap<string, string> | undefined {
    if (route.kind !== 'channel' || this.#byChannel.size === 0) return undefined;
    return this.#channel(route.channel)?.get(route.eventId);
  }

  /** The aliases of a channel as spelled in events: most events name a channel without any, so the answer is remembered. */
  #channel(spelling: string): Map<number, Map<string, string>> | undefined {
    const known = this.#bySpelling.get(spelling);
    if (known !== undefined) return known ?? undefined;
    const byId = this.#byChannel.get(spelling.toLowerCase());
    if (this.#bySpelling.size < MAX_SPELLINGS) this.#bySpelling.set(spelling, byId ?? null);
    return byId;
  }
}

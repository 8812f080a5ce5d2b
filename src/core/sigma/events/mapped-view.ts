import type { EventView, FieldValue } from '../contract.js';
import type { EventFormat, SpacedMember } from './event-format.js';
import type { EventRoute } from './event-route.js';
import type { FieldAliases } from './field-aliases.js';
import type { JsonObject } from './json-path.js';

/** An event view that also says which format it was read as and how it is dispatched. */
export interface RoutedEventView extends EventView {
  /** The name of the event format (`evtx-flat`, `evtx-nested`, `winlogbeat`, `vigil-ecs`). */
  readonly format: string;
  readonly route: EventRoute;
  /** The record as parsed (kept for output and evidence; never modified). */
  readonly record: JsonObject;
}

/**
 * A parsed record seen through its format's field mapping. `get` reads the Sigma field through the
 * format; when the event lacks it, through the aliases of the event's channel and id, then among
 * container members whose names have spaces (Sigma drops them). Time and keywords are computed on
 * first use and kept.
 */
export class MappedEventView implements RoutedEventView {
  readonly record: JsonObject;
  readonly route: EventRoute;
  readonly #model: EventFormat;
  readonly #aliases: FieldAliases;
  #time: number | undefined;
  #keywords: readonly string[] | undefined;
  #routeAliases: ReadonlyMap<string, string> | null | undefined;
  #spaced: readonly SpacedMember[] | undefined;

  constructor(record: JsonObject, model: EventFormat, route: EventRoute, aliases: FieldAliases) {
    this.record = record;
    this.route = route;
    this.#model = model;
    this.#aliases = aliases;
  }

  get format(): string {
    return this.#model.name;
  }

  get time(): number {
    this.#time ??= this.#model.time(this.record);
    return this.#time;
  }

  get(field: string): FieldValue {
    const value = this.#model.read(this.record, field);
    if (value !== undefined) return value;
    if (this.#routeAliases === undefined) this.#routeAliases = this.#aliases.forRoute(this.route) ?? null;
    const target = this.#routeAliases?.get(field);
    if (target !== undefined) {
      const aliased = this.#model.read(this.record, target);
      if (aliased !== undefined) return aliased;
    }
    this.#spaced ??= this.#model.spacedMembers(this.record);
    for (const member of this.#spaced) if (member.field === field) return this.#model.normalize(field, member.value);
    return undefined;
  }

  keywords(): Iterable<string> {
    this.#keywords ??= this.#model.keywords(this.record);
    return this.#keywords;
  }
}

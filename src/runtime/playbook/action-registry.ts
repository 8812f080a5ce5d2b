import type { AnyActionDefinition } from '../../core/respond/action.js';
import type { ActionLookup } from '../../core/playbook/index.js';

/** All actions a playbook may call, by id: connector actions and Vigil's own. */
export interface ActionRegistry {
  get(id: string): AnyActionDefinition | undefined;
  list(): readonly AnyActionDefinition[];
  /** The lookup the playbook checker uses. */
  readonly lookup: ActionLookup;
}

/** Builds the registry; two actions with one id are a programming error. */
export function createActionRegistry(...groups: readonly (readonly AnyActionDefinition[])[]): ActionRegistry {
  const byId = new Map<string, AnyActionDefinition>();
  for (const group of groups) {
    for (const action of group) {
      if (byId.has(action.id)) throw new Error(`two actions share the id "${action.id}"`);
      byId.set(action.id, action);
    }
  }
  const list = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return { get: (id) => byId.get(id), list: () => list, lookup: (id) => byId.get(id) };
}

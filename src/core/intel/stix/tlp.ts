import type { Tlp } from '../indicator.js';

/**
 * The TLP marking definitions every STIX 2.1 consumer knows without seeing them: the four TLP 1.0
 * objects of the STIX 2.1 specification (section 7.2.1.4) and the five TLP 2.0 objects OASIS
 * publishes with the TLP 2.0 extension.
 */
export const STANDARD_TLP_MARKINGS: Readonly<Record<string, Tlp>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'white',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
};

/** The TLP 2.0 extension definition id. */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/**
 * The TLP level a marking-definition object states: `definition_type: "tlp"` with
 * `definition.tlp` (STIX 2.1 / TLP 1.0), or the TLP 2.0 extension's `tlp_2_0` property.
 */
export function tlpOfMarkingDefinition(obj: Readonly<Record<string, unknown>>): Tlp | undefined {
  const def = obj.definition;
  if (obj.definition_type === 'tlp' && typeof def === 'object' && def !== null) {
    const t = (def as Record<string, unknown>).tlp;
    if (typeof t === 'string') return tlpFromName(t);
  }
  const ext = obj.extensions;
  if (typeof ext === 'object' && ext !== null) {
    const tlp2 = (ext as Record<string, unknown>)[TLP2_EXTENSION_ID];
    if (typeof tlp2 === 'object' && tlp2 !== null) {
      const t = (tlp2 as Record<string, unknown>).tlp_2_0;
      if (typeof t === 'string') return tlpFromName(t);
    }
  }
  return undefined;
}

/** `TLP:AMBER`, `amber`, `tlp:amber+strict`, `white` … to a level; undefined when unknown. */
export function tlpFromName(name: string): Tlp | undefined {
  const n = name.trim().toLowerCase().replace(/^tlp:/, '');
  switch (n) {
    case 'clear':
    case 'white':
    case 'green':
    case 'amber':
    case 'amber+strict':
    case 'red':
      return n;
    default:
      return undefined;
  }
}

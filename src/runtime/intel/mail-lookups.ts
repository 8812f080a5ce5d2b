import type { MailLookups, ObservableType } from '../../core/mail/contract.js';
import type { ObservableKind } from '../../core/intel/index.js';
import type { IntelConfig } from '../../core/intel/index.js';
import { prepareAnalyzeIntel } from './analyze-intel.js';

function kindOf(type: ObservableType): ObservableKind | undefined {
  switch (type) {
    case 'ip':
    case 'domain':
    case 'url':
    case 'email':
      return type;
    case 'md5':
    case 'sha1':
    case 'sha256':
      return 'hash';
    case 'filename':
      return undefined;
  }
}

/**
 * The intel lookups of mail analysis: the store's active indicators (known-good warninglist values
 * never match), or undefined when the store holds none. URLs, domains, addresses and attachment
 * hashes of each message are looked up at `now`.
 */
export async function mailLookupsFromStore(dbPath: string | undefined, config: IntelConfig, now: number): Promise<MailLookups | undefined> {
  const intel = await prepareAnalyzeIntel({ feedFiles: [], dbPath, config, now });
  const index = intel.index;
  if (index === undefined) return undefined;
  return {
    indicator: (type, value) => {
      const kind = kindOf(type);
      const hit = kind === undefined ? undefined : index.matchValue(kind, value, now)[0];
      return hit === undefined ? undefined : { source: hit.indicator.source, confidence: hit.indicator.confidence ?? 50 };
    },
  };
}

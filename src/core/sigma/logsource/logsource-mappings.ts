import { err, ok, type Result } from '../../../lib/result.js';
import type { Located } from '../events/event-formats.js';
import { issueAt, type MappingIssue } from '../events/mapping-source.js';
import type { ChannelLogsourcesFile, ServiceLogsourcesFile } from './logsource-schema.js';

/** Field → accepted values, lower-cased; every field must hold. */
export type FieldCondition = ReadonlyMap<string, ReadonlySet<string>>;

/** Where a category's events come from: channels, optionally only some ids and field values. */
export interface ChannelSource {
  readonly channels: readonly string[];
  readonly eventIds: readonly number[] | undefined;
  readonly where: FieldCondition | undefined;
}

/** A syslog-style service: conditions on `event.dataset` and the program name (undefined = any). */
export interface SyslogService {
  readonly datasets: ReadonlySet<string> | undefined;
  readonly appnames: ReadonlySet<string> | undefined;
}

/** Everything the mappings say about one product. */
export interface ProductMapping {
  readonly product: string;
  readonly channelServices: ReadonlyMap<string, readonly string[]>;
  readonly categories: ReadonlyMap<string, readonly ChannelSource[]>;
  readonly syslogServices: ReadonlyMap<string, SyslogService>;
  /** Datasets whose events belong to this product. */
  readonly datasets: ReadonlySet<string>;
}

/** The compiled logsource mappings of all products. */
export interface LogsourceMappings {
  readonly products: ReadonlyMap<string, ProductMapping>;
  /** Lower-case channel → product. */
  readonly channelProducts: ReadonlyMap<string, string>;
  /** The product of channel events whose channel no mapping names. */
  readonly defaultChannelProduct: string | undefined;
  /** Category → product, for rules that name the category without a product. */
  readonly categoriesWithoutProduct: ReadonlyMap<string, string>;
  /** Dataset → product. */
  readonly datasetProducts: ReadonlyMap<string, string>;
}

interface MutableProduct {
  readonly product: string;
  readonly channelServices: Map<string, readonly string[]>;
  readonly categories: Map<string, readonly ChannelSource[]>;
  readonly syslogServices: Map<string, SyslogService>;
  readonly datasets: Set<string>;
}

function whereOf(where: Readonly<Record<string, readonly (string | number)[]>> | undefined): FieldCondition | undefined {
  if (where === undefined) return undefined;
  return new Map(Object.entries(where).map(([field, values]) => [field, new Set(values.map((v) => String(v).toLowerCase()))]));
}

/**
 * Compiles channel and service logsource files. A channel belongs to one product, a dataset to one
 * product, a service or category is defined once per product, a category's sources name services
 * of its own file; every violation is reported with its place.
 */
export function compileLogsourceMappings(
  channelFiles: readonly Located<ChannelLogsourcesFile>[],
  serviceFiles: readonly Located<ServiceLogsourcesFile>[],
): Result<LogsourceMappings, MappingIssue[]> {
  const issues: MappingIssue[] = [];
  const products = new Map<string, MutableProduct>();
  const productOf = (product: string): MutableProduct => {
    let found = products.get(product);
    if (found === undefined) {
      found = { product, channelServices: new Map(), categories: new Map(), syslogServices: new Map(), datasets: new Set() };
      products.set(product, found);
    }
    return found;
  };
  const channelProducts = new Map<string, string>();
  const categoriesWithoutProduct = new Map<string, string>();
  const datasetProducts = new Map<string, string>();
  let defaultChannelProduct: string | undefined;

  for (const { value, document } of channelFiles) {
    const mapping = productOf(value.product);
    if (value.default === true) {
      if (defaultChannelProduct !== undefined && defaultChannelProduct !== value.product) {
        issues.push(issueAt(document, ['default'], `default: ${defaultChannelProduct} is already the default channel product`));
      } else defaultChannelProduct = value.product;
    }
    for (const [service, channels] of Object.entries(value.services)) {
      if (mapping.channelServices.has(service)) issues.push(issueAt(document, ['services', service], `services.${service}: defined twice for ${value.product}`));
      mapping.channelServices.set(service, channels);
      for (const channel of channels) {
        const owner = channelProducts.get(channel.toLowerCase());
        if (owner !== undefined && owner !== value.product) {
          issues.push(issueAt(document, ['services', service], `services.${service}: channel ${channel} already belongs to ${owner}`));
        }
        channelProducts.set(channel.toLowerCase(), value.product);
      }
    }
    for (const [category, sources] of Object.entries(value.categories ?? {})) {
      if (mapping.categories.has(category)) issues.push(issueAt(document, ['categories', category], `categories.${category}: defined twice for ${value.product}`));
      const compiled: ChannelSource[] = [];
      sources.forEach((source, i) => {
        const channels = Object.hasOwn(value.services, source.service) ? value.services[source.service] : undefined;
        if (channels === undefined) {
          issues.push(issueAt(document, ['categories', category, i, 'service'], `categories.${category}.${i}.service: ${source.service} is not a service of this file`));
          return;
        }
        compiled.push({ channels, eventIds: source.eventIds, where: whereOf(source.where) });
      });
      mapping.categories.set(category, compiled);
    }
    (value.categoriesWithoutProduct ?? []).forEach((category, i) => {
      if (value.categories === undefined || !Object.hasOwn(value.categories, category)) {
        issues.push(issueAt(document, ['categoriesWithoutProduct', i], `categoriesWithoutProduct.${i}: ${category} is not a category of this file`));
      } else categoriesWithoutProduct.set(category, value.product);
    });
  }

  for (const { value, document } of serviceFiles) {
    const mapping = productOf(value.product);
    for (const dataset of value.datasets) {
      const owner = datasetProducts.get(dataset);
      if (owner !== undefined && owner !== value.product) issues.push(issueAt(document, ['datasets'], `datasets: ${dataset} already belongs to ${owner}`));
      datasetProducts.set(dataset, value.product);
      mapping.datasets.add(dataset);
    }
    for (const [service, condition] of Object.entries(value.services)) {
      if (mapping.syslogServices.has(service) || mapping.channelServices.has(service)) {
        issues.push(issueAt(document, ['services', service], `services.${service}: defined twice for ${value.product}`));
      }
      for (const dataset of condition.datasets ?? []) {
        if (!value.datasets.includes(dataset)) issues.push(issueAt(document, ['services', service, 'datasets'], `services.${service}.datasets: ${dataset} is not in this file's datasets`));
      }
      mapping.syslogServices.set(service, {
        datasets: condition.datasets === undefined ? undefined : new Set(condition.datasets),
        appnames: condition.appnames === undefined ? undefined : new Set(condition.appnames),
      });
    }
  }
  if (issues.length > 0) return err(issues);
  return ok({ products, channelProducts, defaultChannelProduct, categoriesWithoutProduct, datasetProducts });
}

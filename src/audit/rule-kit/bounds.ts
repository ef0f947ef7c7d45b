// Shared checks for rules that ask "is this option/facet bounded?": read a value, name it, report it.
import { getLibrary } from '../../pools/index.js';
import type { OptionSpec } from '../../pools/library.js';
import type { FacetValue, OptionValue, PoolConfig } from '../../pools/model.js';
import { toFacet } from '../../pools/normalise.js';
import { URL_OPTION_KEYS } from '../../pools/url.js';
import { libraryLabel, optionLabel, showValue } from './describe.js';
import type { MessageData, RuleContext } from '../rules/types.js';

/** The library's declaration of one option (unit, default, what 0 means). */
export function optionSpec(config: PoolConfig, key: string): OptionSpec | undefined {
  return getLibrary(config.library).options.find((spec) => spec.key === key);
}

/** A plain option read as a facet (ms, sentinels applied), for options the library did not tie to a facet. */
export function optionFacet(config: PoolConfig, key: string): FacetValue | undefined {
  const spec = optionSpec(config, key);
  const value = config.options[key];
  return spec && value ? toFacet(spec, value, config.version.major) : undefined;
}

/** A known option's number: URL params arrive as strings ("0"), so they are converted; unknown/unset → undefined. */
export function optionNumber(value: OptionValue | undefined): number | undefined {
  if (!value || value.origin === 'unknown' || value.value === undefined || value.value === null || typeof value.value === 'boolean') return undefined;
  const number = Number(value.value);
  return Number.isNaN(number) ? undefined : number;
}

/** True when the option was written by the user (not a default, not unknowable). */
export function isSet(value: OptionValue | undefined): value is OptionValue {
  return value?.origin === 'set';
}

/**
 * An unset option that the library also reads from a connection URL, while that URL is not statically known
 * (`connectionString: process.env.DATABASE_URL`): the URL may well set it, so it is unknown, not a default.
 */
export function mayComeFromUnknownUrl(config: PoolConfig, key: string): boolean {
  if (!optionSpec(config, key)?.urlParams?.length) return false;
  return URL_OPTION_KEYS.some((urlKey) => config.options[urlKey]?.origin === 'unknown');
}

/** The usual data of a finding about one option: library, option as written, its value. */
export function optionData(config: PoolConfig, key: string, extra: MessageData = {}): MessageData {
  const value = config.options[key];
  return { library: libraryLabel(config), option: optionLabel(key, value), value: showValue(value?.value), ...extra };
}

/** Reports a finding about one option at the place it is written (or the construction when it is a default). */
export function reportOption(context: RuleContext<unknown>, config: PoolConfig, key: string, messageId: string, extra: MessageData = {}): void {
  context.report({ config, position: config.options[key]?.position, messageId, data: optionData(config, key, extra) });
}

export interface BoundMessages {
  /** The default leaves it unbounded (the user wrote nothing). */
  missing: string;
  /** The user wrote a value that means "no limit" (0, false, null, Infinity). */
  disabled: string;
  /** Above `maxMs` (only checked when both are given). */
  tooLong?: string;
}

/**
 * The common "bounded time" check: a facet that is Infinity by default → `missing`, Infinity as written →
 * `disabled`, above maxMs → `tooLong`. Unknown values are never reported.
 */
export function checkBound(context: RuleContext<unknown>, config: PoolConfig, facet: FacetValue | undefined, messages: BoundMessages, maxMs?: number): void {
  if (!facet || facet.origin === 'unknown' || facet.value === undefined) return;
  if (facet.origin === 'default' && mayComeFromUnknownUrl(config, facet.option)) return;
  const key = facet.option;
  if (facet.value === Infinity) {
    const messageId = facet.origin === 'default' ? messages.missing : messages.disabled;
    context.report({ config, position: facet.origin === 'default' ? undefined : facet.position, messageId, data: optionData(config, key) });
  } else if (messages.tooLong && maxMs !== undefined && facet.value > maxMs) {
    context.report({ config, position: facet.position, messageId: messages.tooLong, data: optionData(config, key, { ms: facet.value, maxMs }) });
  }
}


/** A feature switched on by the user (`true` or an object) while none of the settings that size it were written. */
export function enabledUnsized(config: PoolConfig, key: string, sizingKeys: readonly string[]): boolean {
  const value = config.options[key];
  const sized = sizingKeys.some((sizing) => config.options[sizing]?.origin !== 'default');
  return value?.origin === 'set' && value.value !== false && !sized;
}

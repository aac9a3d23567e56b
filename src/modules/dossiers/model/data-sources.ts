/**
 * Data instead of paper. A component of a procedure may name the source that already holds it
 * (catalogue: ComponentSpec.dataSource - the population database, the e-data store or a VNeID
 * document). From 1/10/2025 (rule 'components.fromSource', Chỉ thị 24/CT-TTg; CV 159/TTg-CĐS) the
 * component is fetched from that source at submission instead of asked for, and the officer may
 * take or ask for it on paper only when the fetch failed - the failure, with its reason, is kept
 * on the dossier and the citizen is told to update the source. See docs/decisions-paper.md.
 */
import type { ComponentDataSource, ComponentSpec, DataSourceName } from '../../catalogue/model';
import type { Channel } from './states';

/** Why a fetch failed: nothing held for this person, the service did not answer, the document held is no longer valid. */
export const FETCH_FAILURES = ['not_found', 'unavailable', 'invalid'] as const;
export type FetchFailure = (typeof FETCH_FAILURES)[number];

export type ComponentSourceRecord =
  | { source: DataSourceName; kind: string; outcome: 'fetched'; at: string; reference: string; summary: string }
  | { source: DataSourceName; kind: string; outcome: 'failed'; at: string; reason: FetchFailure };

/** Per component key: what its source gave (column dossiers.component_sources). */
export type ComponentSources = Record<string, ComponentSourceRecord>;

export type SourceFetch = { ok: true; reference: string; summary: string } | { ok: false; reason: FetchFailure };

/** The components to fetch: those that name a source, when the rule is in force. */
export function componentsToFetch(components: readonly ComponentSpec[], ruleInForce: boolean): (ComponentSpec & { dataSource: ComponentDataSource })[] {
  if (!ruleInForce) return [];
  return components.filter((c): c is ComponentSpec & { dataSource: ComponentDataSource } => !!c.dataSource);
}

export function recordOf(c: { dataSource: ComponentDataSource }, r: SourceFetch, at: Date): ComponentSourceRecord {
  const base = { source: c.dataSource.source, kind: c.dataSource.kind, at: at.toISOString() };
  return r.ok ? { ...base, outcome: 'fetched', reference: r.reference, summary: r.summary } : { ...base, outcome: 'failed', reason: r.reason };
}

export function sourcesOf(raw: unknown): ComponentSources {
  return raw && typeof raw === 'object' ? (raw as ComponentSources) : {};
}

export function fetchedKeys(sources: ComponentSources): Set<string> {
  return new Set(
    Object.entries(sources)
      .filter(([, r]) => r.outcome === 'fetched')
      .map(([k]) => k),
  );
}

export function failedFetches(sources: ComponentSources): { componentKey: string; record: Extract<ComponentSourceRecord, { outcome: 'failed' }> }[] {
  return Object.entries(sources).flatMap(([componentKey, record]) => (record.outcome === 'failed' ? [{ componentKey, record }] : []));
}

const PAPER: readonly Channel[] = ['in_person', 'post'];

/** Paper scans the desk (or the postal point) hands in for components that were fetched: refused. */
export function paperForFetched(channel: Channel, sources: ComponentSources, uploadKeys: readonly (string | null | undefined)[]): string[] {
  if (!PAPER.includes(channel)) return [];
  const fetched = fetchedKeys(sources);
  return [...new Set(uploadKeys.filter((k): k is string => !!k && fetched.has(k)))];
}

/**
 * The items of a supplement request (component names, or free text) that name a component
 * already fetched from its source: it must not be asked for on paper.
 */
export function supplementOfFetched(components: readonly ComponentSpec[], sources: ComponentSources, missing: readonly string[]): ComponentSpec[] {
  const fetched = fetchedKeys(sources);
  const asked = new Set(missing.map((m) => m.trim()));
  return components.filter((c) => fetched.has(c.key) && (asked.has(c.name) || asked.has(c.key)));
}

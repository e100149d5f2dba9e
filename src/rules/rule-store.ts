import type { RuleVersion } from './versions.js';

/**
 * Where chat changes to alert rules are kept, as versions over the file's rules: Redis (shared
 * by the replicas, who read it at every poll) or memory (one process). One contract suite
 * (`test/rules/rule-store-contract.ts`).
 */
export interface RuleStore {
  readonly kind: 'memory' | 'redis';
  /** The latest version of every rule changed in chat. */
  latest(): Promise<Map<string, RuleVersion>>;
  /** A rule's versions, oldest first. */
  history(ruleId: string): Promise<RuleVersion[]>;
  /**
   * Saves the next version of a rule, numbered `after + 1`, only if the rule's latest version is
   * still `after` (0: never changed); undefined when someone else changed it first.
   */
  append(change: Omit<RuleVersion, 'version'>, after: number): Promise<RuleVersion | undefined>;
}

/** The embedded default's store: one process. */
export function createMemoryRuleStore(): RuleStore {
  const versions = new Map<string, RuleVersion[]>();
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    kind: 'memory',
    async latest() {
      return new Map([...versions].map(([id, list]) => [id, copy(list[list.length - 1]!)]));
    },
    async history(ruleId) {
      return copy(versions.get(ruleId) ?? []);
    },
    async append(change, after) {
      const list = versions.get(change.ruleId) ?? [];
      if (list.length !== after) return undefined;
      const version: RuleVersion = { ...copy(change), version: after + 1 };
      versions.set(change.ruleId, [...list, version]);
      return copy(version);
    },
  };
}

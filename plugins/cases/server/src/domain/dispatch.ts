/**
 * Where a new case goes: the type's dispatch rules in order, the first that fits wins, so an
 * administrator writes the special cases first and a catch-all last.
 */
import type { CaseTypeDefinition, DispatchRule } from './types';

export interface DispatchFacts {
  category: string | null;
  item: string | null;
  areaPath: string | null;
}

/**
 * The first rule whose category names the case's category or its item, and whose area path
 * contains the case's place; a rule without a category or an area path fits any. A rule with an
 * area path never fits an unplaced case: a district's rule must not take cases nobody placed.
 * Null when no rule fits (the centre dispatches by hand).
 */
export function chooseDispatch(
  def: Pick<CaseTypeDefinition, 'dispatch'>,
  facts: DispatchFacts,
): DispatchRule | null {
  return (
    def.dispatch.find(
      (rule) =>
        (rule.category === undefined ||
          rule.category === facts.category ||
          rule.category === facts.item) &&
        (rule.areaPath === undefined ||
          (facts.areaPath !== null && facts.areaPath.startsWith(rule.areaPath))),
    ) ?? null
  );
}

/**
 * A case type's workflow: the designer's checks (is this JSON a definition, and does the process
 * it draws work: every state reachable, no state without a way out, no step no one may take, a way
 * to finish) and the engine the services run (who may take which step now, and what a step needs).
 * Pure: no Strapi, so the console's designer runs the same checks as the server's publish.
 */
import { CasesIssues, issue, type Issue } from './errors';
import {
  EFFECTS,
  STATE_KINDS,
  TAKERS,
  type CaseTypeDefinition,
  type CategoryNode,
  type DispatchRule,
  type Effect,
  type Localised,
  type StateKind,
  type Taker,
  type Transition,
  type WhistleRules,
  type Workflow,
  type WorkflowState,
} from './types';

/** State, transition and category keys: short, stable, safe in URLs and translation keys. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** The keys of a case's fields a step may require: its columns and its form's fields. */
export const FIELD_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;

/** The longest limit a definition may set: 60 days of minutes (a limit is never longer). */
export const MAX_LIMIT_MINUTES = 60 * 24 * 60;

/** The role types a `role:<type>` taker may name (cms staff roles plus those cases adds). */
export const KNOWN_ROLES = [
  'community-worker',
  'grid-worker',
  'department',
  'foundation-staff',
] as const;

/** Strapi 5 documentIds: 24 lower-case letters and digits. */
const DOCUMENT_ID = /^[a-z0-9]{24}$/;

/** An area path as the cms writes them: `/510114/001/`, a slash after every code. */
const AREA_PATH = /^\/([^/\s]+\/)+$/;

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

/** A taker the engine understands: one of TAKERS, or `role:` and a known role. */
export function isTaker(value: unknown): value is Taker {
  if (typeof value !== 'string') return false;
  if ((TAKERS as readonly string[]).includes(value)) return true;
  return value.startsWith('role:') && (KNOWN_ROLES as readonly string[]).includes(value.slice(5));
}

/** What the designer shows besides the issues: the reachable states and the broken ones. */
export interface WorkflowCheck {
  issues: Issue[];
  /** state keys reachable from the initial state through transitions someone may take */
  reachable: string[];
  /** non-closed states no takeable transition leaves for another state */
  deadEnds: string[];
  /** transition keys no one may take */
  untakeable: string[];
}

/** The names a message gives a state or transition: its label, else its key. */
interface Names {
  en: string;
  zh: string;
}

const namesOf = (node: Rec, fallback: string): Names => {
  const label = isRecord(node.label) ? node.label : {};
  const zh = typeof label.zh === 'string' && label.zh.trim() ? label.zh : fallback;
  const en = typeof label.en === 'string' && label.en.trim() ? label.en : zh;
  return { en, zh };
};

/**
 * Every problem of an untrusted definition, structural and live, in one pass: the designer shows
 * them all at once, so the administrator does not fix one to discover the next.
 */
export function definitionIssues(def: unknown): Issue[] {
  return checkWorkflow(def).issues;
}

/**
 * The designer's summary. The live checks (reachability, dead ends) run on whatever part of the
 * workflow is well formed, so a typo in one transition does not hide an unreachable state.
 */
export function checkWorkflow(def: unknown): WorkflowCheck {
  const issues: Issue[] = [];
  const add = (path: string, code: Issue['code'], en: string, zh: string) =>
    issues.push(issue(path, code, en, zh));
  const empty = { issues, reachable: [], deadEnds: [], untakeable: [] };

  if (!isRecord(def)) {
    add(
      'definition',
      'invalid_definition',
      'a case type definition must be an object',
      '事件类型定义必须是对象',
    );
    return empty;
  }

  const checkLabel = (value: unknown, path: string) => {
    if (!isRecord(value)) {
      add(path, 'required', 'a name (at least in Chinese) is required', '必须填写名称（至少中文）');
      return;
    }
    if (typeof value.zh !== 'string' || !value.zh.trim())
      add(`${path}.zh`, 'required', 'the Chinese name is required', '必须填写中文名称');
    else if (value.zh.length > 100)
      add(
        `${path}.zh`,
        'invalid_value',
        'a name has at most 100 characters',
        '名称最多 100 个字符',
      );
    if (value.en !== undefined && typeof value.en !== 'string')
      add(`${path}.en`, 'invalid_value', 'the English name must be text', '英文名称必须是文本');
    else if (typeof value.en === 'string' && value.en.length > 100)
      add(
        `${path}.en`,
        'invalid_value',
        'a name has at most 100 characters',
        '名称最多 100 个字符',
      );
  };

  /** Checks a key's shape and uniqueness in `seen`; true when usable. */
  const checkKey = (value: unknown, path: string, seen: Set<string>): value is string => {
    if (value === undefined || value === null || value === '') {
      add(path, 'required', 'a key is required', '必须填写代码');
      return false;
    }
    if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
      add(
        path,
        'invalid_value',
        `key “${String(value)}” must be 1–40 lower-case letters, digits or _, starting with a letter`,
        `代码“${String(value)}”须以小写字母开头，由 1–40 个小写字母、数字或下划线组成`,
      );
      return false;
    }
    if (seen.has(value)) {
      add(path, 'duplicate_key', `key “${value}” is used twice`, `代码“${value}”重复使用`);
      return false;
    }
    seen.add(value);
    return true;
  };

  const checkLimit = (value: unknown, path: string, what: Names) => {
    if (value === undefined) return;
    if (!isInt(value) || value <= 0 || value > MAX_LIMIT_MINUTES)
      add(
        path,
        'invalid_sla',
        `${what.en} must be a whole number of working minutes from 1 to ${MAX_LIMIT_MINUTES} (60 days), not ${JSON.stringify(value)}`,
        `${what.zh}须为 1 至 ${MAX_LIMIT_MINUTES} 之间的整数工作分钟（60 天），不能是 ${JSON.stringify(value)}`,
      );
  };

  // The category tree: two levels (category, item), since a case stores exactly those two.
  const categoryKeys = new Set<string>();
  const walk = (nodes: unknown[], path: string, depth: number, keys: Set<string>) =>
    nodes.forEach((node, i) => {
      const at = `${path}[${i}]`;
      if (!isRecord(node)) {
        add(at, 'invalid_value', 'a category must be an object', '分类必须是对象');
        return;
      }
      checkKey(node.key, `${at}.key`, keys);
      checkLabel(node.label, `${at}.label`);
      if (node.children === undefined) return;
      if (!Array.isArray(node.children))
        add(`${at}.children`, 'invalid_value', 'the items must be a list', '事项必须是列表');
      else if (depth >= 2 && node.children.length > 0)
        add(
          `${at}.children`,
          'invalid_value',
          'an item cannot have items of its own: a case has a category and an item, no deeper',
          '事项下不能再分：事件只记录分类和事项两级',
        );
      else walk(node.children, `${at}.children`, depth + 1, keys);
    });
  if (!Array.isArray(def.categories)) {
    add(
      'categories',
      'required',
      'the category list is required (it may be empty)',
      '必须提供分类列表（可以为空）',
    );
  } else {
    walk(def.categories, 'categories', 1, categoryKeys);
  }

  // The workflow's states.
  const workflow = isRecord(def.workflow) ? def.workflow : null;
  if (!workflow) add('workflow', 'required', 'the workflow is required', '必须定义流程');
  const stateKeys = new Set<string>();
  const stateNames = new Map<string, Names>();
  const stateKinds = new Map<string, StateKind>();
  const stateIndex = new Map<string, number>();
  // Kinds of every state with a valid kind, whatever its key: a typo in a key must not also
  // report "no closed state".
  const kindsSeen: unknown[] = [];
  let kindsComplete = true;
  if (workflow) {
    if (!Array.isArray(workflow.states) || workflow.states.length === 0) {
      add('workflow.states', 'required', 'the workflow needs states', '流程必须有状态');
    } else {
      workflow.states.forEach((state: unknown, i: number) => {
        const at = `workflow.states[${i}]`;
        if (!isRecord(state)) {
          add(at, 'invalid_value', 'a state must be an object', '状态必须是对象');
          return;
        }
        const keyOk = checkKey(state.key, `${at}.key`, stateKeys);
        checkLabel(state.label, `${at}.label`);
        const names = namesOf(state, String(state.key));
        const kindOk = (STATE_KINDS as readonly unknown[]).includes(state.kind);
        if (kindOk) kindsSeen.push(state.kind);
        else kindsComplete = false;
        if (!kindOk)
          add(
            `${at}.kind`,
            'invalid_value',
            `state “${names.en}” needs a kind: ${STATE_KINDS.join(', ')}`,
            `状态“${names.zh}”的类别须为 ${STATE_KINDS.join('、')} 之一`,
          );
        checkLimit(state.slaMinutes, `${at}.slaMinutes`, {
          en: `the time limit of state “${names.en}”`,
          zh: `状态“${names.zh}”的时限`,
        });
        if (keyOk) {
          stateNames.set(state.key as string, names);
          stateIndex.set(state.key as string, i);
          if (kindOk) stateKinds.set(state.key as string, state.kind as StateKind);
        }
      });
      if (kindsComplete && !kindsSeen.includes('closed'))
        add(
          'workflow.states',
          'no_closed_state',
          'no state is of kind closed: a case could never be finished',
          '没有“已办结”类的状态：事件永远无法办结',
        );
    }

    const initial = workflow.initial;
    if (typeof initial !== 'string' || !initial)
      add('workflow.initial', 'required', 'the initial state is required', '必须指定初始状态');
    else if (stateKeys.size > 0 && !stateKeys.has(initial))
      add(
        'workflow.initial',
        'unknown_state',
        `there is no state “${initial}” to start in`,
        `初始状态“${initial}”不存在`,
      );
  }

  // The transitions, and which of them someone may take.
  interface Edge {
    key: string;
    from: string[];
    to: string;
    takeable: boolean;
  }
  const edges: Edge[] = [];
  const transitionKeys = new Set<string>();
  const transitionEffects = new Map<string, { effect: unknown; from: string[] }>();
  const untakeable: string[] = [];
  if (workflow) {
    if (!Array.isArray(workflow.transitions)) {
      add(
        'workflow.transitions',
        'required',
        'the workflow needs a list of transitions',
        '流程必须有流转列表',
      );
    } else {
      workflow.transitions.forEach((t: unknown, i: number) => {
        const at = `workflow.transitions[${i}]`;
        if (!isRecord(t)) {
          add(at, 'invalid_value', 'a transition must be an object', '流转必须是对象');
          return;
        }
        const keyOk = checkKey(t.key, `${at}.key`, transitionKeys);
        checkLabel(t.label, `${at}.label`);
        const names = namesOf(t, String(t.key));
        const knownState = (value: unknown, path: string): value is string => {
          if (typeof value !== 'string' || !value) {
            add(path, 'required', 'a state key is required', '必须指定状态');
            return false;
          }
          if (stateKeys.size > 0 && !stateKeys.has(value)) {
            add(
              path,
              'unknown_state',
              `transition “${names.en}” names state “${value}”, which does not exist`,
              `流转“${names.zh}”引用的状态“${value}”不存在`,
            );
            return false;
          }
          return true;
        };
        const from: string[] = [];
        if (!Array.isArray(t.from) || t.from.length === 0)
          add(
            `${at}.from`,
            'required',
            `transition “${names.en}” must start from at least one state`,
            `流转“${names.zh}”至少要有一个起始状态`,
          );
        else
          t.from.forEach((f: unknown, j: number) => {
            if (knownState(f, `${at}.from[${j}]`)) from.push(f);
          });
        const toOk = knownState(t.to, `${at}.to`);

        let takers = 0;
        if (!Array.isArray(t.by)) {
          add(
            `${at}.by`,
            'no_taker',
            `no one may take transition “${names.en}”`,
            `流转“${names.zh}”没有人可以办理`,
          );
        } else {
          t.by.forEach((b: unknown, j: number) => {
            if (isTaker(b)) takers += 1;
            else
              add(
                `${at}.by[${j}]`,
                'invalid_value',
                `“${String(b)}” is not someone who may take a step (${TAKERS.join(', ')} or role:${KNOWN_ROLES.join('|')})`,
                `“${String(b)}”不是可办理的人（${TAKERS.join('、')} 或 role:${KNOWN_ROLES.join('|')}）`,
              );
          });
          if (takers === 0)
            add(
              `${at}.by`,
              'no_taker',
              `no one may take transition “${names.en}”`,
              `流转“${names.zh}”没有人可以办理`,
            );
        }
        if (takers === 0 && typeof t.key === 'string') untakeable.push(t.key);

        if (t.effect !== undefined && !(EFFECTS as readonly unknown[]).includes(t.effect))
          add(
            `${at}.effect`,
            'invalid_value',
            `“${String(t.effect)}” is not an effect (${EFFECTS.join(', ')})`,
            `“${String(t.effect)}”不是有效的操作（${EFFECTS.join('、')}）`,
          );
        if (t.requires !== undefined) {
          if (!isRecord(t.requires)) {
            add(
              `${at}.requires`,
              'invalid_value',
              'requirements must be an object',
              '办理要求必须是对象',
            );
          } else {
            for (const flag of ['note', 'attachments'] as const)
              if (t.requires[flag] !== undefined && typeof t.requires[flag] !== 'boolean')
                add(
                  `${at}.requires.${flag}`,
                  'invalid_value',
                  'must be true or false',
                  '须为是或否',
                );
            const fields = t.requires.fields;
            if (fields !== undefined) {
              if (!Array.isArray(fields))
                add(
                  `${at}.requires.fields`,
                  'invalid_value',
                  'must be a list of field keys',
                  '须为字段代码列表',
                );
              else checkKeys(fields, `${at}.requires.fields`);
            }
          }
        }
        if (keyOk) transitionEffects.set(t.key as string, { effect: t.effect, from });
        // A step with a bad key still moves cases in the analysis: one typo, one issue.
        if (toOk && from.length > 0)
          edges.push({ key: String(t.key), from, to: t.to as string, takeable: takers > 0 });
      });
    }
  }

  /** Field keys name the case's own columns and form fields, which are camelCase (`areaPath`). */
  function checkKeys(values: unknown[], path: string) {
    const seen = new Set<string>();
    values.forEach((v, j) => {
      if (typeof v !== 'string' || !FIELD_KEY_PATTERN.test(v))
        add(
          `${path}[${j}]`,
          'invalid_value',
          `“${String(v)}” is not a field key`,
          `“${String(v)}”不是字段代码`,
        );
      else if (seen.has(v))
        add(`${path}[${j}]`, 'duplicate_key', `field “${v}” is listed twice`, `字段“${v}”重复`);
      else seen.add(v);
    });
  }

  // Live checks, on the well-formed part.
  let reachable: string[] = [];
  const deadEnds: string[] = [];
  const initial = workflow?.initial;
  if (typeof initial === 'string' && stateKeys.has(initial)) {
    // Only takeable transitions count: a step no one may take moves no case, so a state behind
    // it is unreachable in practice (and the step itself is reported as no_taker).
    const seen = new Set<string>([initial]);
    const queue = [initial];
    while (queue.length > 0) {
      const here = queue.shift() as string;
      for (const e of edges)
        if (e.takeable && e.from.includes(here) && !seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
    }
    reachable = [...stateKeys].filter((k) => seen.has(k));
    for (const key of stateKeys) {
      if (seen.has(key)) continue;
      const names = stateNames.get(key) as Names;
      add(
        `workflow.states[${stateIndex.get(key)}]`,
        'unreachable_state',
        `state “${names.en}” cannot be reached from the initial state`,
        `状态“${names.zh}”无法从初始状态到达`,
      );
    }
  }
  for (const key of stateKeys) {
    const kind = stateKinds.get(key);
    if (kind === undefined || kind === 'closed') continue;
    // A step back into the same state (a note, a reminder) is no way out.
    if (edges.some((e) => e.takeable && e.from.includes(key) && e.to !== key)) continue;
    deadEnds.push(key);
    const names = stateNames.get(key) as Names;
    add(
      `workflow.states[${stateIndex.get(key)}]`,
      'dead_end',
      `state “${names.en}” has no way out: it is not closed, and no step anyone may take leaves it`,
      `状态“${names.zh}”没有出路：它不是办结状态，也没有可办理的流转离开它`,
    );
  }

  // Case-type-wide settings.
  checkLimit(def.resolveMinutes, 'resolveMinutes', { en: 'the resolution limit', zh: '办结时限' });
  if (
    def.warnPercent !== undefined &&
    (!isInt(def.warnPercent) || def.warnPercent < 1 || def.warnPercent > 99)
  )
    add(
      'warnPercent',
      'invalid_value',
      'the warning share must be a whole percentage from 1 to 99',
      '预警比例须为 1 至 99 之间的整数百分比',
    );
  if (def.reopenDays === undefined)
    add(
      'reopenDays',
      'required',
      'the days in which a case may be reopened are required (0 for none)',
      '必须填写可重启天数（不允许重启填 0）',
    );
  else if (!isInt(def.reopenDays) || def.reopenDays < 0 || def.reopenDays > 365)
    add(
      'reopenDays',
      'invalid_value',
      'the reopen window must be a whole number of days from 0 to 365',
      '可重启天数须为 0 至 365 之间的整数',
    );

  // Dispatch rules.
  if (!Array.isArray(def.dispatch)) {
    add(
      'dispatch',
      'required',
      'the dispatch rules are required (the list may be empty)',
      '必须提供派单规则列表（可以为空）',
    );
  } else {
    def.dispatch.forEach((rule: unknown, i: number) => {
      const at = `dispatch[${i}]`;
      if (!isRecord(rule)) {
        add(at, 'invalid_value', 'a dispatch rule must be an object', '派单规则必须是对象');
        return;
      }
      if (
        rule.category !== undefined &&
        (typeof rule.category !== 'string' || !categoryKeys.has(rule.category))
      )
        add(
          `${at}.category`,
          'invalid_value',
          `there is no category or item “${String(rule.category)}”`,
          `分类或事项“${String(rule.category)}”不存在`,
        );
      if (
        rule.areaPath !== undefined &&
        (typeof rule.areaPath !== 'string' || !AREA_PATH.test(rule.areaPath))
      )
        add(
          `${at}.areaPath`,
          'invalid_value',
          `“${String(rule.areaPath)}” is not an area path such as /510114/001/`,
          `“${String(rule.areaPath)}”不是区域路径（如 /510114/001/）`,
        );
      const to = rule.to;
      if (!isRecord(to)) {
        add(
          `${at}.to`,
          'required',
          'a dispatch rule must say where cases go',
          '派单规则必须指定派往何处',
        );
      } else if (to.kind === 'organisation') {
        if (typeof to.organisation !== 'string' || !DOCUMENT_ID.test(to.organisation))
          add(
            `${at}.to.organisation`,
            'invalid_value',
            'the organisation must be named by its documentId (24 letters and digits)',
            '须用组织的 documentId（24 位字母和数字）指定',
          );
      } else if (to.kind === 'person') {
        if (!isInt(to.user) || to.user <= 0)
          add(
            `${at}.to.user`,
            'invalid_value',
            'the person must be named by their user id, a positive whole number',
            '须用用户编号（正整数）指定人员',
          );
      } else if (to.kind !== 'community') {
        add(
          `${at}.to.kind`,
          'invalid_value',
          'cases go to a community, an organisation or a person',
          '只能派往社区、组织或个人',
        );
      }
      if (isRecord(to) && to.label !== undefined && typeof to.label !== 'string')
        add(`${at}.to.label`, 'invalid_value', 'the label must be text', '名称必须是文本');
      if (rule.transition !== undefined) {
        const t =
          typeof rule.transition === 'string' ? transitionEffects.get(rule.transition) : undefined;
        if (!t)
          add(
            `${at}.transition`,
            'invalid_transition',
            `there is no transition “${String(rule.transition)}”`,
            `流转“${String(rule.transition)}”不存在`,
          );
        else if (t.effect !== 'dispatch')
          add(
            `${at}.transition`,
            'invalid_transition',
            `transition “${String(rule.transition)}” does not dispatch`,
            `流转“${String(rule.transition)}”不是派单操作`,
          );
        else if (typeof initial === 'string' && stateKeys.has(initial) && !t.from.includes(initial))
          add(
            `${at}.transition`,
            'invalid_transition',
            `transition “${String(rule.transition)}” cannot be taken from the initial state`,
            `流转“${String(rule.transition)}”不能从初始状态办理`,
          );
      }
    });
  }

  // The whistle.
  if (def.whistle !== undefined) {
    const w = def.whistle;
    if (!isRecord(w)) {
      add('whistle', 'invalid_value', 'the whistle rules must be an object', '吹哨规则必须是对象');
    } else {
      for (const [field, names] of [
        ['reportMinutes', { en: 'the report limit', zh: '报到时限' }],
        ['actMinutes', { en: 'the action limit', zh: '处置时限' }],
      ] as const) {
        if (w[field] === undefined)
          add(`whistle.${field}`, 'required', `${names.en} is required`, `必须填写${names.zh}`);
        else checkLimit(w[field], `whistle.${field}`, names);
      }
      // The categories departments are whistled under, when not the type's own (a resident
      // request is whistled under the whistle's 3 categories).
      if (w.categories !== undefined) {
        if (!Array.isArray(w.categories))
          add(
            'whistle.categories',
            'invalid_value',
            'the categories must be a list',
            '分类必须是列表',
          );
        else walk(w.categories, 'whistle.categories', 1, new Set<string>());
      }
      const points = w.points;
      if (!isRecord(points)) {
        add('whistle.points', 'required', 'the points scheme is required', '必须填写积分规则');
      } else {
        for (const field of ['onTime', 'late', 'perStar'] as const)
          if (!isInt(points[field]) || Math.abs(points[field] as number) > 100)
            add(
              `whistle.points.${field}`,
              'invalid_value',
              'points must be a whole number from -100 to 100',
              '积分须为 -100 至 100 之间的整数',
            );
      }
      if (
        !isInt(w.ratingWeightPermille) ||
        w.ratingWeightPermille < 0 ||
        w.ratingWeightPermille > 1000
      )
        add(
          'whistle.ratingWeightPermille',
          'invalid_value',
          'the rating weight must be a whole permille from 0 to 1000',
          '评价权重须为 0 至 1000 之间的整数（千分比）',
        );
    }
  }

  return { issues, reachable, deadEnds, untakeable };
}

/** A definition that failed its checks; the issues say every reason. */
export class DefinitionError extends CasesIssues {
  constructor(issues: Issue[]) {
    super(issues);
    this.name = 'DefinitionError';
  }
}

const cleanLabel = (label: Localised): Localised => ({
  zh: label.zh.trim(),
  en: typeof label.en === 'string' ? label.en.trim() : '',
});

const cleanCategory = (node: CategoryNode): CategoryNode => ({
  key: node.key,
  label: cleanLabel(node.label),
  ...(node.children ? { children: node.children.map(cleanCategory) } : {}),
});

/**
 * A checked definition, rebuilt from the known fields only (unknown keys are dropped, a missing
 * English name becomes ''), so what a version stores is exactly what the engine reads.
 * Throws DefinitionError with every issue otherwise.
 */
export function parseDefinition(def: unknown): CaseTypeDefinition {
  const issues = definitionIssues(def);
  if (issues.length > 0) throw new DefinitionError(issues);
  const d = def as CaseTypeDefinition;
  const workflow: Workflow = {
    initial: d.workflow.initial,
    states: d.workflow.states.map(
      (s): WorkflowState => ({
        key: s.key,
        label: cleanLabel(s.label),
        kind: s.kind,
        ...(s.slaMinutes !== undefined ? { slaMinutes: s.slaMinutes } : {}),
      }),
    ),
    transitions: d.workflow.transitions.map(
      (t): Transition => ({
        key: t.key,
        label: cleanLabel(t.label),
        from: [...t.from],
        to: t.to,
        by: [...t.by],
        ...(t.effect !== undefined ? { effect: t.effect } : {}),
        ...(t.requires
          ? {
              requires: {
                ...(t.requires.note !== undefined ? { note: t.requires.note } : {}),
                ...(t.requires.attachments !== undefined
                  ? { attachments: t.requires.attachments }
                  : {}),
                ...(t.requires.fields ? { fields: [...t.requires.fields] } : {}),
              },
            }
          : {}),
      }),
    ),
  };
  const dispatch = d.dispatch.map((r): DispatchRule => {
    const to: DispatchRule['to'] =
      r.to.kind === 'community'
        ? { kind: 'community' }
        : r.to.kind === 'organisation'
          ? {
              kind: 'organisation',
              organisation: r.to.organisation,
              ...(r.to.label !== undefined ? { label: r.to.label } : {}),
            }
          : {
              kind: 'person',
              user: r.to.user,
              ...(r.to.label !== undefined ? { label: r.to.label } : {}),
            };
    return {
      ...(r.category !== undefined ? { category: r.category } : {}),
      ...(r.areaPath !== undefined ? { areaPath: r.areaPath } : {}),
      to,
      ...(r.transition !== undefined ? { transition: r.transition } : {}),
    };
  });
  const whistle: WhistleRules | undefined = d.whistle && {
    reportMinutes: d.whistle.reportMinutes,
    actMinutes: d.whistle.actMinutes,
    points: {
      onTime: d.whistle.points.onTime,
      late: d.whistle.points.late,
      perStar: d.whistle.points.perStar,
    },
    ratingWeightPermille: d.whistle.ratingWeightPermille,
    ...(Array.isArray(d.whistle.categories)
      ? { categories: (d.whistle.categories as CategoryNode[]).map(cleanCategory) }
      : {}),
  };
  return {
    categories: d.categories.map(cleanCategory),
    workflow,
    ...(d.resolveMinutes !== undefined ? { resolveMinutes: d.resolveMinutes } : {}),
    ...(d.warnPercent !== undefined ? { warnPercent: d.warnPercent } : {}),
    dispatch,
    reopenDays: d.reopenDays,
    ...(whistle ? { whistle } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The engine

/** The person asking, as the services resolve them from the signed-in user. */
export interface Who {
  userId: number | null;
  /** the role type (`community-worker`, `department`, `resident`, …) */
  role: string;
  /** the organisation (department, social organisation) they act for */
  unitId: number | null;
  /** the area path their staff scope covers; null: no scope, which covers nothing */
  scopePath: string | null;
  /** they reported this case (signed in as its reporter, or holding its receipt code) */
  isReporter: boolean;
}

/** What the engine needs to know of the case. */
export interface CaseFacts {
  state: string;
  areaPath: string | null;
  assigneeUserId: number | null;
  assigneeUnitId: number | null;
  /** set when a community handles it: the community's path */
  assigneeAreaPath: string | null;
}

/** Who acts when no person does: the dispatch rules, the admin panel, the seed. */
export const SYSTEM_ROLE = 'system';

/** The roles that run a dispatch centre or a community's intake (and supervise from above). */
const CENTRE_ROLES: readonly string[] = ['community-worker', 'foundation-staff'];
/** The roles that work a case a community was assigned. */
const COMMUNITY_ROLES: readonly string[] = ['community-worker', 'grid-worker'];

/**
 * Scope as the cms defines it: paths end in `/`, so a plain prefix never confuses /5101/ with
 * /51011/; a null scope or an unplaced case is covered by no one.
 */
const covers = (scope: string | null, path: string | null): boolean =>
  Boolean(scope && path && path.startsWith(scope));

/**
 * Whether one taker describes this person for this case:
 * - `centre`: a community worker or foundation staff whose scope covers the case's area (the
 *   community that owns it, or a street or district centre above it). Residents and volunteers
 *   never have these roles, so they are never the centre;
 * - `assignee`: the user the case is assigned to; or, when a community is assigned (its path in
 *   `assigneeAreaPath`), a community or grid worker whose scope covers that community;
 * - `assignee_unit`: anyone acting for the assigned organisation (never matches when none is);
 * - `supervisor`: centre roles whose scope strictly contains the case's area — the street office
 *   or district above the community, not the community itself;
 * - `reporter`: the resident who reported it;
 * - `role:<type>`: anyone of that role whose scope covers the case; for `role:department`, whose
 *   organisation is the assigned one instead, since departments act city-wide and have no area.
 */
export function takerMatches(taker: Taker, who: Who, facts: CaseFacts): boolean {
  // The system (the dispatch rules, the admin panel, the seed) acts as the centre over the whole
  // district, and as nobody else: it never signs for, replies to or rates a case.
  if (who.role === SYSTEM_ROLE) return taker === 'centre' || taker === 'supervisor';
  switch (taker) {
    case 'centre':
      return CENTRE_ROLES.includes(who.role) && covers(who.scopePath, facts.areaPath);
    case 'assignee':
      return (
        (who.userId !== null && who.userId === facts.assigneeUserId) ||
        (facts.assigneeAreaPath !== null &&
          COMMUNITY_ROLES.includes(who.role) &&
          covers(who.scopePath, facts.assigneeAreaPath))
      );
    case 'assignee_unit':
      return who.unitId !== null && who.unitId === facts.assigneeUnitId;
    case 'supervisor':
      return (
        CENTRE_ROLES.includes(who.role) &&
        covers(who.scopePath, facts.areaPath) &&
        (who.scopePath as string).length < (facts.areaPath as string).length
      );
    case 'reporter':
      return who.isReporter;
    default: {
      const role = taker.slice('role:'.length);
      if (who.role !== role) return false;
      if (role === 'department') return who.unitId !== null && who.unitId === facts.assigneeUnitId;
      return covers(who.scopePath, facts.areaPath);
    }
  }
}

/**
 * Whether this person is one of those the transition names. Says nothing of the case's state:
 * planTransition and legalTransitions check that the step leaves the current state.
 */
export const mayTake = (transition: Transition, who: Who, facts: CaseFacts): boolean =>
  transition.by.some((taker) => takerMatches(taker, who, facts));

/** The transitions that leave a state, in the definition's order. */
export const transitionsFrom = (def: CaseTypeDefinition, state: string): Transition[] =>
  def.workflow.transitions.filter((t) => t.from.includes(state));

/** The steps this person may take on the case now: the case screen's buttons. */
export const legalTransitions = (
  def: CaseTypeDefinition,
  facts: CaseFacts,
  who: Who,
): Transition[] => transitionsFrom(def, facts.state).filter((t) => mayTake(t, who, facts));

/** What the person taking a step gives with it. */
export interface TransitionInput {
  note?: string;
  /** how many files they attached */
  attachments?: number;
  /** the case's own fields as they will be after the step */
  fields?: Record<string, unknown>;
  /** the state the client saw; a different current state means someone moved the case first */
  expectedState?: string;
}

export type TransitionPlan =
  | { ok: true; transition: Transition; to: WorkflowState; effect?: Effect }
  | { ok: false; issues: Issue[] };

const isBlank = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && !value.trim()) ||
  (Array.isArray(value) && value.length === 0);

/**
 * Whether a step may be taken, and where it leads. Refusals in the order a person can act on
 * them: a stale screen first (reload, and the question may be moot), then a step that does not
 * apply, then permission, then every missing input at once.
 */
export function planTransition(
  def: CaseTypeDefinition,
  facts: CaseFacts,
  key: string,
  who: Who,
  input: TransitionInput,
): TransitionPlan {
  const refuse = (...issues: Issue[]): TransitionPlan => ({ ok: false, issues });
  const transition = def.workflow.transitions.find((t) => t.key === key);
  if (!transition)
    return refuse(
      issue('transition', 'invalid_transition', `there is no step “${key}”`, `没有“${key}”这一步`),
    );
  const stateOf = (k: string) => def.workflow.states.find((s) => s.key === k);
  const here = stateOf(facts.state);
  const hereEn = here?.label.en || here?.label.zh || facts.state;
  const hereZh = here?.label.zh || facts.state;
  if (input.expectedState !== undefined && input.expectedState !== facts.state)
    return refuse(
      issue(
        'expectedState',
        'stale_state',
        `the case has moved on: it is now “${hereEn}”; reload it`,
        `事件状态已变更为“${hereZh}”，请刷新后再办理`,
      ),
    );
  const name = { en: transition.label.en || transition.label.zh, zh: transition.label.zh };
  if (!transition.from.includes(facts.state))
    return refuse(
      issue(
        'transition',
        'invalid_transition',
        `“${name.en}” cannot be done while the case is “${hereEn}”`,
        `事件处于“${hereZh}”时不能“${name.zh}”`,
      ),
    );
  if (!mayTake(transition, who, facts))
    return refuse(
      issue(
        'transition',
        'not_allowed',
        `you may not “${name.en}” this case`,
        `您无权对此事件“${name.zh}”`,
      ),
    );
  const issues: Issue[] = [];
  const requires = transition.requires ?? {};
  if (requires.note && isBlank(input.note))
    issues.push(
      issue('note', 'note_required', `“${name.en}” needs a note`, `“${name.zh}”须填写说明`),
    );
  if (requires.attachments && !((input.attachments ?? 0) > 0))
    issues.push(
      issue(
        'attachments',
        'attachments_required',
        `“${name.en}” needs at least one attachment`,
        `“${name.zh}”须上传至少一个附件`,
      ),
    );
  for (const field of requires.fields ?? [])
    if (isBlank(input.fields?.[field]))
      issues.push(
        issue(
          `fields.${field}`,
          'field_required',
          `“${name.en}” needs ${field} to be filled in`,
          `“${name.zh}”须先填写 ${field}`,
        ),
      );
  if (issues.length > 0) return refuse(...issues);
  const to = stateOf(transition.to);
  // A parsed definition always names existing states; an unparsed one is the caller's bug.
  if (!to)
    throw new DefinitionError([
      issue(
        'workflow',
        'unknown_state',
        `there is no state “${transition.to}”`,
        `状态“${transition.to}”不存在`,
      ),
    ]);
  return transition.effect !== undefined
    ? { ok: true, transition, to, effect: transition.effect }
    : { ok: true, transition, to };
}

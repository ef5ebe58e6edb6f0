/**
 * The shapes a case type is made of, as administrators configure them in the console and as a
 * published version stores them (JSON in `case-type-version.definition`). Pure types: the
 * console imports them to draw and check the designer with the same code the server runs.
 */

/** A name in both languages, Chinese first. */
export interface Localised {
  zh: string;
  en: string;
}

/**
 * What a state means for the clocks and the queues:
 * - `open`: someone must act; the resolution clock runs;
 * - `waiting`: waiting on the resident or a third party; every clock pauses;
 * - `resolved`: done and replied to; the resident may rate or reopen within the type's days;
 * - `closed`: finished; nothing moves it but a reopen.
 */
export const STATE_KINDS = ['open', 'waiting', 'resolved', 'closed'] as const;
export type StateKind = (typeof STATE_KINDS)[number];

export interface WorkflowState {
  /** a short code, [a-z][a-z0-9_]{0,39} */
  key: string;
  label: Localised;
  kind: StateKind;
  /**
   * How long a case may stay in this state, in working minutes (2 working hours → 120); absent
   * means no limit of its own. Refused when zero or negative.
   */
  slaMinutes?: number;
}

/**
 * Who may take a transition:
 * - `centre`: staff whose scope covers the case and who may dispatch (the dispatch centre, the
 *   community that owns the case);
 * - `assignee`: the person the case is assigned to;
 * - `assignee_unit`: anyone in the organisation (department, social organisation) it is assigned to;
 * - `supervisor`: staff whose scope strictly contains the case's community (the street office, the district);
 * - `reporter`: the resident who reported it (on their receipt page);
 * - a role type (`community-worker`, `grid-worker`, `department`, …): anyone of that role in scope.
 */
export const TAKERS = ['centre', 'assignee', 'assignee_unit', 'supervisor', 'reporter'] as const;
export type Taker = (typeof TAKERS)[number] | `role:${string}`;

/**
 * What a transition does besides moving the state (the engine's fixed vocabulary; a type chooses
 * which of its transitions do what):
 * - `dispatch`: assign to a unit or a person (the input names the target);
 * - `sign`: the assignee signs for it (签收);
 * - `return`: the assignee sends it back to the centre with a reason (退单); the assignment is cleared;
 * - `transfer`: assign to another unit or person (转办);
 * - `reply`: record the reply to the resident (答复) — required text;
 * - `close`: close it (the reopen window starts);
 * - `reopen`: open it again (the reporter within the window, or staff).
 */
export const EFFECTS = [
  'dispatch',
  'sign',
  'return',
  'transfer',
  'reply',
  'close',
  'reopen',
] as const;
export type Effect = (typeof EFFECTS)[number];

export interface Transition {
  /** a short code, unique in the workflow */
  key: string;
  label: Localised;
  /** the states it may be taken from */
  from: string[];
  to: string;
  by: Taker[];
  effect?: Effect;
  /** what the person taking it must give */
  requires?: {
    note?: boolean;
    attachments?: boolean;
    /** keys of the case's own fields (`category`, `item`, `address`, …) that must be set */
    fields?: string[];
  };
}

export interface Workflow {
  /** the state a new case starts in */
  initial: string;
  states: WorkflowState[];
  transitions: Transition[];
}

/** The category tree: categories with their items (the whistle's 3 categories, 12345-style topics). */
export interface CategoryNode {
  key: string;
  label: Localised;
  children?: CategoryNode[];
}

/** Where a new case goes, by category (and item) and area: the first matching rule wins. */
export interface DispatchRule {
  /** category key (or an item key under it); absent: any */
  category?: string;
  /** an area path prefix the case's place must be under; absent: anywhere */
  areaPath?: string;
  to:
    | { kind: 'community' } // the community the case is placed in handles it itself
    | { kind: 'organisation'; organisation: string; label?: string } // documentId of a department or social organisation
    | { kind: 'person'; user: number; label?: string }; // a users-permissions user id
  /** the transition the rule takes (a `dispatch` transition from the initial state) */
  transition?: string;
}

/** The whistle (吹哨报到): limits in working minutes, and the points scheme for departments. */
export interface WhistleRules {
  /** a department must report (报到) within this many working minutes */
  reportMinutes: number;
  /** and act (report done) within this many after reporting */
  actMinutes: number;
  /** points: for reporting on time, reporting late, per rating star */
  points: { onTime: number; late: number; perStar: number };
  /** the weight of the community's rating in the department's yearly score, in permille (333 = one third) */
  ratingWeightPermille: number;
  /** the categories departments are whistled under, when not the type's own */
  categories?: CategoryNode[];
}

export interface CaseTypeDefinition {
  categories: CategoryNode[];
  workflow: Workflow;
  /**
   * The resolution limit in working minutes, counted over `open` states (paused in `waiting`);
   * e.g. 5 working days of 8 hours → 2400. Absent: none.
   */
  resolveMinutes?: number;
  /** "due soon" is raised at this share of a limit, in percent (80 by default) */
  warnPercent?: number;
  dispatch: DispatchRule[];
  /** days after closing (or resolving) in which the reporter may reopen when dissatisfied */
  reopenDays: number;
  /** present when the type is whistled (its cases may be escalated to departments) */
  whistle?: WhistleRules;
}

/** One working-day calendar year: the State Council's schedule as data. */
export interface CalendarYear {
  year: number;
  /** dates (YYYY-MM-DD) that are days off although weekdays (statutory holidays and their bridges) */
  holidays: string[];
  /** dates (YYYY-MM-DD) that are working days although weekends (调休 make-up days) */
  workdays: string[];
  /** working hours, minutes after midnight China time: e.g. [[540, 720], [810, 1050]] = 9:00–12:00, 13:30–17:30 */
  hours: [number, number][];
}

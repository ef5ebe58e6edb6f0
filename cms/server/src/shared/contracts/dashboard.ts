/** What the cms dashboard routes answer, read by the server's controller and by the console. */

/** GET /api/cms/dashboard/queue — incubations that wait, in the viewer's area. */
export interface CmsQueue {
  /** Applied to an incubator, assessment not begun. */
  incubationsApplied: number;
  /** Being assessed: a decision (incubate or reject) is due. */
  incubationsAssessing: number;
  /** Incubating with a milestone whose date has passed and which is not done. */
  milestonesOverdue: number;
  /**
   * Being assessed or incubated with no assessment yet, or none for the interval (the board's
   * 待评估: cms/server/src/domain/incubation-records.ts `dueForAssessment`).
   */
  incubationsDueForAssessment: number;
}

/** One calendar quarter in China (`2026Q4`) and how many incubations hatched in it. */
export interface QuarterFigure {
  quarter: string;
  count: number;
}

/** GET /api/cms/dashboard/trends — incubations hatched by quarter, last eight quarters. */
export interface CmsTrends {
  hatched: QuarterFigure[];
}

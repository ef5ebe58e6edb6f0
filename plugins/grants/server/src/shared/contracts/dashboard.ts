/**
 * What the grants dashboard routes answer, read by the server's controller and by the console:
 * one shape, two readers. Money is integer fen.
 */

/** GET /api/grants/dashboard/queue — counts of what waits, in the viewer's area. */
export interface GrantsQueue {
  /** Reviews assigned to the signed-in user in rounds under review (submittable now). */
  reviewsToScore: number;
  /** The rest is foundation staff's only. */
  pledges?: number;
  applicationsToAssign?: number;
  /** Reviewers assigned, the decision not yet taken (the list of applications under review). */
  applicationsUnderReview?: number;
  tranchesToApprove?: number;
  tranchesToPay?: number;
  reportsToAccept?: number;
}

/** One China calendar month (`2026-11`): Σ amount in fen and how many records. */
export interface MonthFigure {
  month: string;
  amount: number;
  count: number;
}

/** GET /api/grants/dashboard/trends */
export interface GrantsTrends {
  /** Donations received and still held, by the month they were received, last 12 months. */
  donations: MonthFigure[];
  /** Tranches paid, by the month they were paid, last 12 months. */
  payments: MonthFigure[];
  /** Applications by status, in the rounds not yet closed (open, reviewing, awarding). */
  applications: Record<string, number>;
  /** How many such rounds. */
  rounds: number;
}

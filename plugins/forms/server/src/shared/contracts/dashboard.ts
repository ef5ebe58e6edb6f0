/** What the forms dashboard route answers, read by the server's controller and by the console. */

/** GET /api/forms/dashboard/queue — submissions that wait, in the viewer's area. */
export interface FormsQueue {
  /** Received and not yet taken up. */
  submissionsReceived: number;
  /** Taken up, not yet accepted, rejected or closed. */
  submissionsInProgress: number;
}

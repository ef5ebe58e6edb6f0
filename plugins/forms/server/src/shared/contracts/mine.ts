/** GET /api/forms/mine — a signed-in person's forms to fill in and their own submissions. */
export interface MyFormsResponse {
  data: {
    forms: {
      slug: string;
      name: string;
      nameEn: string | null;
      description: string | null;
      descriptionEn: string | null;
      /** ISO time the form closes, if it does. */
      closesAt: string | null;
    }[];
    submissions: {
      receiptCode: string;
      status: string;
      /**
       * The status of what the submission became, when its form's target tracks one (a grant
       * application: submitted, under_review, more_info, approved, rejected, withdrawn).
       */
      targetStatus: string | null;
      /** the form's purpose, which names the target and so the vocabulary of `targetStatus` */
      purpose: string | null;
      submittedAt: string;
      updatedAt: string | null;
      form: { name: string; nameEn: string | null; slug: string } | null;
    }[];
  };
}

import type { Tree } from '../tree';

/** The console's words for this topic, merged into app-messages (keys must not repeat). */
export const moneyMessages: Tree = {
  linli: {
    money: {
      fund_donations: ['捐赠', 'Donations'],
      paid: ['已拨付', 'Paid out'],
      anonymous: ['匿名捐赠人', 'an anonymous donor'],
      receive_what: [
        '确认收到 %{amount}，记入「%{fund}」，捐赠人：%{donor}',
        'Confirm %{amount} received into "%{fund}" from %{donor}',
      ],
      receive_posts: [
        '金额记入基金账目，入账后不能修改或删除，如有错误只能退款',
        "The amount is posted to the fund's ledger; from then on it cannot be edited or deleted, only refunded",
      ],
      receive_receipt: [
        '生成本年度下一个捐赠票据号，可打印票据交给捐赠人',
        "The year's next receipt number is issued; the receipt can then be printed for the donor",
      ],
      received_done: ['已确认到账，已生成捐赠票据', 'Received; the receipt is issued'],
      refund_what: [
        '退还 %{amount}（票据号 %{receiptNo}），从「%{fund}」扣回',
        'Refund %{amount} (receipt %{receiptNo}) out of "%{fund}"',
      ],
      refund_reverses: [
        '记一笔冲销分录，基金可用余额减少 %{amount}；基金余额不足时不能退款',
        "A reversing entry is posted and the fund's available balance falls by %{amount}; refused when the fund no longer holds it",
      ],
      refund_closes: [
        '退款后这笔捐赠结清，不能再修改；票据号保留，不再使用',
        'The donation is then closed to edits; its receipt number is kept and not reused',
      ],
      refunded_done: ['已退款', 'Refunded'],
      refunded_closed: [
        '这笔捐赠已退款并结清，不能再修改',
        'This donation was refunded and is closed: it cannot be edited',
      ],
      received_fixed: [
        '已入账的捐赠只能修改备注和是否公开姓名；金额等有误时请退款后重新登记',
        'A received donation takes only a note and the naming consent; a wrong amount is refunded and recorded again',
      ],
      tranche_what: ['%{tranche}：%{amount}', '%{tranche}: %{amount}'],
      tranche_n: ['第 %{n} 期', 'Tranche %{n}'],
      approve_reserves: [
        '从该立项的待拨付资金中预留 %{amount}，等待支付；预留后仍可取消',
        "%{amount} of the award's committed money is reserved for payment; it can still be cancelled",
      ],
      pay_posts: [
        '支付 %{amount}：预留款记为已支付，资金离开基金会，不能撤回',
        'Pays %{amount}: the reservation is posted and the money leaves the foundation; this cannot be undone',
      ],
      cancel_voids: [
        '取消本期：已预留的 %{amount} 解除预留，仍留在该立项下，可另行增加一期',
        'Cancels the tranche: the %{amount} reserved is released and stays with the award, which may add another tranche',
      ],
      cancel_scheduled: [
        '取消本期：%{amount} 仍留在该立项下，可另行增加一期',
        'Cancels the tranche: %{amount} stays with the award, which may add another tranche',
      ],
      tranche_approved: ['已审批，资金已预留', 'Approved; the money is reserved'],
      tranche_paid: ['已支付', 'Paid'],
      tranche_cancelled: ['本期已取消', 'Tranche cancelled'],
    },
  },
};

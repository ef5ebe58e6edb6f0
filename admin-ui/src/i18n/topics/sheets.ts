import type { Tree } from '../tree';

/** The console's words for this topic, merged into app-messages (keys must not repeat). */
export const sheetsMessages: Tree = {
  linli: {
    sheets: {
      download_xlsx: ['下载 Excel', 'Download Excel'],
      channel_count: ['%{channel}（%{count} 笔）', '%{channel} (%{count})'],
      download_failed: ['下载失败，请稍后重试', 'The download failed; try again'],
      publish_confirm: ['确认发布', 'Publish'],
      saved_at_once: [
        '保存后立即生效：表单名称、说明、开放和截止时间、谁可以填写，填写页面马上显示新的设置。',
        'Take effect as soon as you save: the name, description, opening and closing times and who may submit; the form page shows them at once.',
      ],
      wait_for_publish: [
        '等发布后才生效：字段（下方草稿中的修改），点“发布草稿”并确认后填写的人才会看到。',
        'Wait for publishing: the fields (your changes in the draft below) reach the people filling in the form only when you publish the draft.',
      ],
      publish_live: [
        '第 %{version} 版立即生效：公开地址 %{url} 从现在起显示这一版',
        'Version %{version} goes live at once: the public address %{url} shows it from now on',
      ],
      publish_live_internal: ['第 %{version} 版立即生效', 'Version %{version} goes live at once'],
      publish_kept: [
        '已有的 %{count} 份提交保留各自提交时的版本，不受影响',
        'The %{count} existing submissions keep the version each was given on',
      ],
      publish_none_yet: ['目前还没有提交记录', 'There are no submissions yet'],
      publish_frozen: [
        '发布后这一版不能再修改；以后的修改会成为新的草稿',
        'A published version never changes; later edits make a new draft',
      ],
      published: ['草稿已发布，新版本已生效', 'The draft is published and live'],
      delete_form_title: ['删除表单“%{name}”', 'Delete the form “%{name}”'],
      delete_form_content: [
        '表单及其草稿、已发布的版本将被永久删除，不能恢复。它还没有任何提交记录。',
        'The form, its draft and its published versions are deleted for good; this cannot be undone. It has no submissions yet.',
      ],
      delete_blocked: [
        '该表单已有 %{count} 份提交，不能删除；如不再使用，请归档。',
        'This form has %{count} submissions, so it cannot be deleted; archive it if it is no longer used.',
      ],
      submissions_kept: [
        '提交记录不能删除：请将其办结或标为未采纳，并写明原因。',
        'Submissions are never deleted: close or reject them and say why.',
      ],
    },
  },
};

import {
  Box,
  Card,
  CardContent,
  CardHeader,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  DateField,
  FunctionField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useGetList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ActionDialog, ConfirmButton, useDialogAction } from '../actions';
import {
  mayAddTeamMember,
  mayIssue,
  mayLeave,
  mayLink,
  mayReadBalance,
  mayReadPassbook,
  mayUnlink,
} from './access';
import { MEMBER_KINDS, MEMBER_STATUSES, RELATIONS, tbChoices } from './choices';
import { minutesOfHours } from './hours';
import { useHours } from './useHours';
import { Stars } from './MemberList';
import { BalancePanel, Passbook } from './Passbook';
import { MemberPicker, TB_API, useCategories, useLocalised } from './shared';
import type { FamilyLinkRecord, MemberRecord } from './types';

/** 发放时长: a pool receives hours from the foundation (foundation staff only). */
function IssueButton({ member }: { member: MemberRecord }) {
  const translate = useTranslate();
  const hours = useHours();
  const [text, setText] = useState('');
  const { run, errors, general, reset } = useDialogAction();
  const minutes = minutesOfHours(text);
  return (
    <ActionDialog
      label="linli.tb.members.issue"
      buttonProps={{ variant: 'outlined', 'data-testid': 'member-issue' }}
      confirmProps={{ disabled: !minutes || minutes <= 0, 'data-testid': 'member-issue-confirm' }}
      error={general}
      onOpen={() => {
        reset();
        setText('');
      }}
      onConfirm={() =>
        run(`${TB_API}/members/${member.id}/issue`, { minutes }, { fields: ['minutes'] })
      }
    >
      <MuiTextField
        autoFocus
        fullWidth
        type="number"
        label={translate('linli.tb.hours_input')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={!!errors.minutes}
        helperText={errors.minutes}
        inputProps={{ min: 0, step: 0.5, 'data-testid': 'member-issue-hours' }}
        sx={{ mt: 1 }}
      />
      {!!minutes && minutes > 0 && (
        <Typography variant="body2" sx={{ mt: 2 }} data-testid="member-issue-what">
          {translate('linli.tb.members.issue_what', { hours: hours(minutes), name: member.name })}
        </Typography>
      )}
    </ActionDialog>
  );
}

/** 退出时间银行: the account closes; what it holds stays in the passbook. */
function LeaveButton({ member }: { member: MemberRecord }) {
  const translate = useTranslate();
  return (
    <ConfirmButton
      label="linli.tb.members.leave"
      color="warning"
      testId="member-leave"
      url={`${TB_API}/members/${member.id}/leave`}
      reason="optional"
      consequences={[
        translate('linli.tb.members.leave_what', { name: member.name }),
        translate('linli.tb.members.leave_kept'),
      ]}
    />
  );
}

function MemberActions() {
  const member = useRecordContext<MemberRecord>();
  if (!member || member.status !== 'active') return null;
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }}>
      {member.kind === 'pool' && mayIssue() && <IssueButton member={member} />}
      {mayLeave() && <LeaveButton member={member} />}
    </Stack>
  );
}

/** 登记亲属关系: a family link lets hours be given within the family (policy's yearly limit). */
function RegisterLinkButton({ member }: { member: MemberRecord }) {
  const translate = useTranslate();
  const [relative, setRelative] = useState<MemberRecord | null>(null);
  const [relation, setRelation] = useState('');
  const [evidence, setEvidence] = useState('');
  const { run, errors, general, reset } = useDialogAction();
  return (
    <ActionDialog
      label="linli.tb.family.register"
      buttonProps={{ size: 'small', 'data-testid': 'family-register' }}
      confirmProps={{
        disabled: !relative || !relation || !evidence.trim(),
        'data-testid': 'family-register-confirm',
      }}
      error={general}
      onOpen={() => {
        reset();
        setRelative(null);
        setRelation('');
        setEvidence('');
      }}
      onConfirm={() =>
        run(
          `${TB_API}/family-links`,
          { member: member.id, relative: relative?.id, relation, evidence },
          { fields: ['relative', 'relation', 'evidence'] },
        )
      }
    >
      <MemberPicker
        label="linli.tb.family.relative"
        value={relative}
        onChange={setRelative}
        filter={{ kind: 'person' }}
        error={errors.relative}
        testId="family-relative"
      />
      <MuiTextField
        select
        fullWidth
        label={translate('linli.tb.family.relation')}
        value={relation}
        onChange={(e) => setRelation(e.target.value)}
        error={!!errors.relation}
        helperText={errors.relation}
        sx={{ mt: 2 }}
        SelectProps={{ SelectDisplayProps: { 'data-testid': 'family-relation' } as object }}
      >
        {RELATIONS.map((r) => (
          <MenuItem key={r} value={r}>
            {translate(`linli.tb.enums.relation.${r}`)}
          </MenuItem>
        ))}
      </MuiTextField>
      <MuiTextField
        fullWidth
        multiline
        required
        label={translate('linli.tb.family.evidence')}
        value={evidence}
        onChange={(e) => setEvidence(e.target.value)}
        error={!!errors.evidence}
        helperText={errors.evidence ?? translate('linli.tb.family.evidence_help')}
        sx={{ mt: 2 }}
      />
    </ActionDialog>
  );
}

/** The member's family links (either side), registered and revoked by staff. */
function FamilyLinks({ member }: { member: MemberRecord }) {
  const translate = useTranslate();
  const params = {
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'id', order: 'ASC' as const },
  };
  const mine = useGetList<FamilyLinkRecord>('time-bank-family-links', {
    ...params,
    filter: { member: member.id },
  });
  const theirs = useGetList<FamilyLinkRecord>('time-bank-family-links', {
    ...params,
    filter: { relative: member.id },
  });
  const links = [...(mine.data ?? []), ...(theirs.data ?? [])];
  return (
    <Card variant="outlined" sx={{ my: 2 }} data-testid="family-links">
      <CardHeader
        title={translate('linli.tb.family.title')}
        titleTypographyProps={{ variant: 'subtitle1' }}
        action={member.status === 'active' && mayLink() && <RegisterLinkButton member={member} />}
      />
      <CardContent sx={{ pt: 0 }}>
        {links.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('linli.tb.family.none')}
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('linli.tb.family.relative')}</TableCell>
                <TableCell>{translate('linli.tb.family.relation')}</TableCell>
                <TableCell>{translate('linli.tb.family.evidence')}</TableCell>
                <TableCell>{translate('linli.tb.family.status')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {links.map((link) => {
                const other = link.member?.documentId === member.id ? link.relative : link.member;
                return (
                  <TableRow key={link.id} data-testid="family-link">
                    <TableCell>{other?.name ?? ''}</TableCell>
                    <TableCell>{translate(`linli.tb.enums.relation.${link.relation}`)}</TableCell>
                    <TableCell>{link.evidence ?? ''}</TableCell>
                    <TableCell>{translate(`linli.tb.enums.linkStatus.${link.status}`)}</TableCell>
                    <TableCell align="right">
                      {link.status === 'active' && mayUnlink() && (
                        <ConfirmButton
                          label="linli.tb.family.revoke"
                          color="warning"
                          testId="family-revoke"
                          url={`${TB_API}/family-links/${link.id}/revoke`}
                          reason="optional"
                          consequences={[
                            translate('linli.tb.family.revoke_what', {
                              a: member.name,
                              b: other?.name ?? '',
                            }),
                          ]}
                        />
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** A team's members, and adding one (a person who is a member of the time bank). */
function TeamMembers({ member }: { member: MemberRecord }) {
  const translate = useTranslate();
  const [picked, setPicked] = useState<MemberRecord | null>(null);
  const { run, errors, general, reset } = useDialogAction();
  return (
    <Card variant="outlined" sx={{ my: 2 }} data-testid="team-members">
      <CardHeader
        title={translate('linli.tb.team.title')}
        titleTypographyProps={{ variant: 'subtitle1' }}
        action={
          member.status === 'active' &&
          mayAddTeamMember() && (
            <ActionDialog
              label="linli.tb.team.add"
              buttonProps={{ size: 'small', 'data-testid': 'team-add' }}
              confirmProps={{ disabled: !picked }}
              error={general}
              onOpen={() => {
                reset();
                setPicked(null);
              }}
              onConfirm={() =>
                run(
                  `${TB_API}/members/${member.id}/team-members`,
                  { member: picked?.id },
                  { fields: ['member'] },
                )
              }
            >
              <MemberPicker
                label="linli.tb.team.member"
                value={picked}
                onChange={setPicked}
                filter={{ kind: 'person' }}
                error={errors.member}
              />
            </ActionDialog>
          )
        }
      />
      <CardContent sx={{ pt: 0 }}>
        {(member.teamMembers ?? []).length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('linli.tb.team.none')}
          </Typography>
        ) : (
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
            {(member.teamMembers ?? []).map((m) => (
              <Box
                key={m.documentId}
                component="a"
                href={`#/time-bank-members/${m.documentId}/show`}
              >
                {m.name}
              </Box>
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}

function CategoriesField() {
  const record = useRecordContext<MemberRecord>();
  const categories = useCategories();
  const name = useLocalised();
  const codes = record?.categories ?? [];
  return (
    <span>
      {codes
        .map((code) => {
          const c = categories.find((x) => x.code === code);
          return c ? name(c.nameZh, c.nameEn) : code;
        })
        .join('、')}
    </span>
  );
}

function MemberPanels() {
  const member = useRecordContext<MemberRecord>();
  if (!member) return null;
  return (
    <Box>
      {mayReadBalance() && <BalancePanel memberId={member.id} />}
      <MemberActions />
      {member.kind === 'team' && <TeamMembers member={member} />}
      {member.kind === 'person' && <FamilyLinks member={member} />}
      {mayReadPassbook() && <Passbook memberId={member.id} passbookNo={member.passbookNo} />}
    </Box>
  );
}

export function MemberShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <SelectField source="kind" choices={tbChoices('memberKind', MEMBER_KINDS)} />
        <TextField source="passbookNo" />
        <SelectField source="status" choices={tbChoices('memberStatus', MEMBER_STATUSES)} />
        <ReferenceField source="area.documentId" reference="cms-areas" link={false} />
        <FunctionField
          label="linli.tb.members.stars"
          render={(r: MemberRecord) => <Stars earned={r.earnedMinutes} />}
        />
        <FunctionField source="categories" render={() => <CategoriesField />} />
        <DateField source="joinedOn" />
        <MemberPanels />
      </SimpleShowLayout>
    </Show>
  );
}

import { useMediaQuery, type Theme } from '@mui/material';
import type { ReactElement, ReactNode } from 'react';
import { SimpleList, useResourceDefinition, type SimpleListProps } from 'react-admin';

/**
 * A list's table on a desk, and a one-column list of cards on a phone (390 px cannot show six
 * columns): the same records, and a tap opens what a click on the table's row opens (the record's
 * page if the resource has one, else its form — DataTable's own default).
 */
export function PhoneOr({
  children,
  primaryText,
  secondaryText,
  tertiaryText,
}: {
  children: ReactElement;
  primaryText: SimpleListProps['primaryText'];
  secondaryText?: SimpleListProps['secondaryText'];
  tertiaryText?: SimpleListProps['tertiaryText'];
}): ReactNode {
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const { hasShow } = useResourceDefinition();
  if (!phone) return children;
  return (
    <SimpleList
      primaryText={primaryText}
      secondaryText={secondaryText}
      tertiaryText={tertiaryText}
      linkType={hasShow ? 'show' : 'edit'}
      className="phone-list"
    />
  );
}

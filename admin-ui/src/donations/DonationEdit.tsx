import { Edit } from 'react-admin';
import { DonationForm } from './DonationInputs';

export const DonationEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <DonationForm />
  </Edit>
);

import { Create } from 'react-admin';
import { DonationForm } from './DonationInputs';

export const DonationCreate = () => (
  <Create redirect="show">
    <DonationForm />
  </Create>
);

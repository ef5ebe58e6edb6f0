import { Create } from 'react-admin';
import { FundForm } from './FundInputs';

export const FundCreate = () => (
  <Create redirect="show">
    <FundForm />
  </Create>
);

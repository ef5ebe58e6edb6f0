import { Edit } from 'react-admin';
import { FundForm } from './FundInputs';

export const FundEdit = () => (
  <Edit mutationMode="pessimistic">
    <FundForm />
  </Edit>
);

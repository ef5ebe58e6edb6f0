import { Create, SimpleForm } from 'react-admin';
import { RoundInputs } from './RoundInputs';

export const RoundCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <RoundInputs />
    </SimpleForm>
  </Create>
);

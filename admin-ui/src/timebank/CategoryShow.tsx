import { BooleanField, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';

export const CategoryShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="nameZh" />
      <TextField source="nameEn" />
      <NumberField source="sort" />
      <BooleanField source="active" />
    </SimpleShowLayout>
  </Show>
);

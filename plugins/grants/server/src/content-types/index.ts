import donation from './donation';
import fund from './fund';

export default { fund, donation };

// The incubation screens: list, show (with assessments and milestones), edit, create, the board.
export { IncubationBoard } from './IncubationBoard';
export {
  IncubationCreate,
  IncubationEdit,
  IncubationList,
  IncubationShow,
} from './IncubationScreens';

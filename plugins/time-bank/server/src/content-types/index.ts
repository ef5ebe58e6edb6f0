import member from './member';
import familyLink from './family-link';
import category from './category';
import request from './request';
import service from './service';
import activity from './activity';
import participation from './participation';
import policyVersion from './policy-version';
import catalogueItem from './catalogue-item';
import redemption from './redemption';
import gift from './gift';
import lot from './lot';

export default {
  member,
  'family-link': familyLink,
  category,
  request,
  service,
  activity,
  participation,
  'policy-version': policyVersion,
  'catalogue-item': catalogueItem,
  redemption,
  gift,
  lot,
};

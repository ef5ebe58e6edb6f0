import type { Random } from './random';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文辉鹏飞晓燕春梅海燕小红德华永刚慧玲丹婷雪梅淑珍凤英建华桂芳玉梅';
const PLACE =
  '桂湖龙桥新繁大丰三河斑竹石板军屯清流泰兴马家木兰天回锦门香城升庵宝光蓉北毗河繁江双林金泉凤凰永丰同心福田和平安康兴隆';
const SUFFIX = ['苑', '园', '府', '湾', '城', '居', '里', '庭', '轩', '郡'];

const chars = (s: string): string[] => Array.from(s);
const SURNAME_CHARS = chars(SURNAMES);
const GIVEN_CHARS = chars(GIVEN);
const PLACE_CHARS = chars(PLACE);

export const personName = (r: Random): string =>
  r.pick(SURNAME_CHARS) + r.pick(GIVEN_CHARS) + (r.next() < 0.6 ? r.pick(GIVEN_CHARS) : '');

/** A two-character place name, distinct for each index (used for communities and villages). */
export function placeName(index: number): string {
  const n = PLACE_CHARS.length;
  return (
    (PLACE_CHARS[index % n] as string) +
    (PLACE_CHARS[(Math.floor(index / n) * 7 + index) % n] as string)
  );
}

export const compoundName = (r: Random, place: string): string => place + r.pick(SUFFIX);

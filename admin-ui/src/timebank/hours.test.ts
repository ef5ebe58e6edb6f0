// Minutes as people read them in the console: hours with at most two decimals, hours typed back
// into whole minutes, rates as multipliers, and the star a figure of earned minutes reaches.
import { hoursOf, minutesOfHours, rateOf, starLevel } from './hours';

describe('time-bank figures in the console', () => {
  it.each([
    [90, '1.5'],
    [60, '1'],
    [20, '0.33'],
    [0, '0'],
    [-150, '-2.5'],
    [null, ''],
  ])('%p minutes read as %p hours', (minutes, text) => {
    expect(hoursOf(minutes)).toBe(text);
  });

  it.each([
    ['1.5', 90],
    [' 2 ', 120],
    [0.25, 15],
    ['', null],
    ['abc', null],
  ])('%p hours typed are %p minutes', (typed, minutes) => {
    expect(minutesOfHours(typed)).toBe(minutes);
  });

  it.each([
    [1500, '×1.5'],
    [1000, '×1'],
    [null, ''],
  ])('a rate of %p permille reads %p', (permille, text) => {
    expect(rateOf(permille)).toBe(text);
  });

  it.each([
    [0, 0],
    [5999, 0],
    [6000, 1],
    [18000, 2],
    [100000, 5],
  ])('%p minutes earned reach star %p', (earned, level) => {
    expect(starLevel(earned, [6000, 18000, 36000, 60000, 90000])).toBe(level);
  });
});

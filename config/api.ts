export default {
  rest: {
    // Explicit page sizes: an unbounded list of 10,161 micro-grids is not a page.
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
  },
};

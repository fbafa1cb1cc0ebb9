/** The largest request body any door accepts, and the largest stored draft. */
export const bodyLimitBytes = 64 * 1024;

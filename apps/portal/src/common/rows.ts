/** Half away from zero, to 3 decimals (`round3`). */
export function round3(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 1000)) / 1000;
}
